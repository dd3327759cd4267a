/**
 * Background texts: the consultation's own documents (policy plans, council
 * letters, advice) given as plain text or Markdown. They are not items and are
 * never assigned to themes; they only widen the corpus from which the
 * distributional model learns which words keep the same company, so that
 * answers that paraphrase each other can still meet through the documents.
 *
 * Documents exported from PDF or Word carry hard line breaks, hyphenation at
 * line ends, page furniture and Markdown markup. They are flattened, cut into
 * sentences, and the sentences grouped into passages of about the length of an
 * answer (a co-occurrence window the size of a whole 60-page plan would link
 * every word with every other).
 */

const MAX_PASSAGE_WORDS = 60;
/** Shorter fragments (addresses, page numbers, headings) carry no co-occurrence worth learning. */
const MIN_PASSAGE_WORDS = 6;

function flatten(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Markdown links and emphasis: keep the words.
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_#>`|]+/g, ' ')
      // A word broken at a line end: "onder-\nsteuning" → "ondersteuning"; after a name or an
      // acronym the hyphen is the word's own: "Wmo-\n\nbeleidsplan" → "Wmo-beleidsplan".
      .replace(/(\p{L}+)-[ \t]*\n\s*(\p{Ll})/gu, (_, a: string, b: string) =>
        /\p{Lu}/u.test(a) ? `${a}-${b}` : `${a}${b}`,
      )
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Passages of one or more whole sentences, each at most about 60 words. */
export function backgroundPassages(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const sentences = flatten(text)
      .split(/(?<=[.!?;:])\s+(?=[\p{Lu}\p{N}"'‘“(])/u)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    let current: string[] = [];
    let words = 0;
    const flush = () => {
      if (words >= MIN_PASSAGE_WORDS) out.push(current.join(' '));
      current = [];
      words = 0;
    };
    for (const sentence of sentences) {
      // A run-on "sentence" (a letterhead, a table flattened to one line) is cut into windows.
      const all = sentence.split(' ');
      for (let from = 0; from < all.length; from += MAX_PASSAGE_WORDS) {
        const s = all.slice(from, from + MAX_PASSAGE_WORDS);
        if (words > 0 && words + s.length > MAX_PASSAGE_WORDS) flush();
        current.push(s.join(' '));
        words += s.length;
      }
    }
    flush();
  }
  return out;
}
