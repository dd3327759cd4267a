/**
 * Readable theme descriptions: characteristic terms and a short Dutch label.
 *
 * A term characterises a theme when many of its items use it and it is
 * clearly more common there than in the whole corpus: share × log(lift)
 * (a class-based TF-IDF), times how concentrated the term is over the themes
 * (1 − normalised entropy of its per-theme rate), so that words every theme
 * uses alike ("komt", "echt", "vindt") do not name one of them. Labels join the two or three best surface forms,
 * skipping words already covered by a chosen phrase. A label names a topic, so
 * it is made of nouns and noun phrases where the theme has them (part of
 * speech from the Hunspell data, `pos.ts`); verbs and adverbs only when
 * nothing else is left.
 */
import { isNounTerm, type WordClasses, wordClasses } from './pos';
import type { Csr } from './sparse';
import { normaliseDisplay } from './text';
import type { Vocabulary } from './vectorize';

export interface TermScore {
  index: number;
  display: string;
  score: number;
}

/** Top characteristic terms per theme from primary memberships (-1 = none). */
export function characteristicTerms(
  x: Csr,
  vocab: Vocabulary,
  labels: ArrayLike<number>,
  k: number,
  limit = 10,
): TermScore[][] {
  const m = vocab.keys.length;
  const counts = Array.from({ length: k }, () => new Map<number, number>());
  const sizes = new Float64Array(k);
  const total = new Float64Array(m);
  let n = 0;
  for (let i = 0; i < x.rows; i++) {
    const l = labels[i] as number;
    const start = x.indptr[i] as number;
    const end = x.indptr[i + 1] as number;
    if (start === end) continue;
    n++;
    for (let p = start; p < end; p++)
      total[x.indices[p] as number] = (total[x.indices[p] as number] as number) + 1;
    if (l < 0 || l >= k) continue;
    sizes[l] = (sizes[l] as number) + 1;
    const c = counts[l] as Map<number, number>;
    for (let p = start; p < end; p++) c.set(x.indices[p] as number, (c.get(x.indices[p] as number) ?? 0) + 1);
  }
  // How evenly a term spreads over the themes (normalised entropy of its per-theme rate):
  // a word every theme uses at the same rate ("komt", "echt") names none of them.
  const rateSum = new Float64Array(m);
  counts.forEach((c, l) => {
    const size = sizes[l] as number;
    if (size > 0) for (const [t, cnt] of c) rateSum[t] = (rateSum[t] as number) + cnt / size;
  });
  const entropy = new Float64Array(m);
  counts.forEach((c, l) => {
    const size = sizes[l] as number;
    if (size > 0)
      for (const [t, cnt] of c) {
        const p = cnt / size / (rateSum[t] as number);
        entropy[t] = (entropy[t] as number) - p * Math.log(p);
      }
  });
  const themesUsed = sizes.filter((v) => v > 0).length;
  const hMax = Math.log(Math.max(2, themesUsed));
  return counts.map((c, l) => {
    const size = sizes[l] as number;
    const scored: TermScore[] = [];
    for (const [t, cnt] of c) {
      // A term used by a single item says little about a theme of several.
      if (cnt < 2 && size > 3) continue;
      const share = cnt / size;
      const lift = share / ((total[t] as number) / Math.max(1, n));
      if (lift <= 1) continue;
      // Phrases read better than single stems: small preference.
      const phrase = vocab.keys[t]?.includes(' ') ? 1.2 : 1;
      const focus = Math.max(0, 1 - (entropy[t] as number) / hMax);
      scored.push({
        index: t,
        display: vocab.display[t] ?? '',
        score: share * Math.log(lift) * phrase * focus,
      });
    }
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    // Drop a word already contained in a better phrase, or a phrase whose words are both listed.
    const out: TermScore[] = [];
    for (const s of scored) {
      const words = s.display.split(' ');
      const covered = out.some((o) => {
        const ow = o.display.split(' ');
        if (
          words.every((w) => ow.includes(w)) ||
          (words.length > 1 && ow.length === 1 && words.includes(ow[0] ?? ''))
        )
          return true;
        // Compound parts repeat their compound ("belang", "rijk" after "belangrijk").
        return (
          words.length === 1 &&
          ow.length === 1 &&
          (o.display.includes(s.display) || s.display.includes(o.display))
        );
      });
      if (!covered) out.push(s);
      if (out.length >= limit) break;
    }
    return out;
  });
}

/** "Kosten en eigen bijdrage", "Trap, traplift en verhuizen". */
export function makeLabel(terms: readonly string[], words = 3): string {
  const parts = terms.slice(0, words).filter((t) => t.length > 0);
  if (parts.length === 0) return 'Naamloos thema';
  const text = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
  return (text as string).charAt(0).toUpperCase() + (text as string).slice(1);
}

/** How the answers use a word: after a determiner, or next to a subject pronoun. */
export interface Usage {
  determiner: number;
  subject: number;
}

// Closed word classes of Dutch, not topic words: they tell a noun's company from a verb's.
// Ambiguous ones ("je", "die", "dat", "zijn", "haar") are left out.
const DETERMINERS: ReadonlySet<string> = new Set([
  'de',
  'het',
  'een',
  'mijn',
  'onze',
  'ons',
  'uw',
  'hun',
  'elke',
  'ieder',
  'iedere',
  'geen',
  'deze',
  'dit',
]);
const SUBJECTS: ReadonlySet<string> = new Set(['ik', 'jij', 'hij', 'zij', 'wij', 'we', 'ze', 'u']);

/**
 * Counts, for each of `words` (lower-case surface forms), how often the texts
 * put it right after a determiner ("de bus", "mijn man") and how often right
 * next to a subject pronoun ("ik weet", "weet ik"): a form the dictionary
 * lists as a noun and a verb is then read as the answers use it. At most
 * `maxTexts` texts, evenly spread, so the cost stays flat for large corpora.
 */
export function wordUsage(
  texts: readonly string[],
  words: ReadonlySet<string>,
  maxTexts = 3000,
): Map<string, Usage> {
  const out = new Map<string, Usage>();
  if (words.size === 0) return out;
  const step = Math.max(1, Math.ceil(texts.length / maxTexts));
  for (let i = 0; i < texts.length; i += step) {
    const tokens = normaliseDisplay(texts[i] as string).match(/[\p{L}']+/gu) ?? [];
    tokens.forEach((w, j) => {
      if (!words.has(w)) return;
      let u = out.get(w);
      if (!u) {
        u = { determiner: 0, subject: 0 };
        out.set(w, u);
      }
      const before = tokens[j - 1] ?? '';
      if (DETERMINERS.has(before)) u.determiner++;
      else if (SUBJECTS.has(before) || SUBJECTS.has(tokens[j + 1] ?? '')) u.subject++;
    });
  }
  return out;
}

/** Part-of-speech evidence the label needs; injectable for tests. */
export interface LabelPos {
  isNoun(display: string): boolean;
  classes(word: string): WordClasses;
}

const hunspellPos: LabelPos = { isNoun: (d) => isNounTerm(d), classes: (w) => wordClasses(w) };

/**
 * Which of a theme's characteristic terms make its label, best first.
 * Nouns, noun phrases and words the dictionary does not know (names, acronyms:
 * "aow") come first; without any, adjectives and phrases without a verb; only
 * when none of those exist, the terms as they rank. Two terms with the same
 * head ("elke dag", "hele dag") are one topic: the second is skipped. Three
 * terms when the third is still strong (≥ 0.6 × the first), else two.
 */
export function labelTerms(
  terms: readonly TermScore[],
  pos: LabelPos = hunspellPos,
  usage?: ReadonlyMap<string, Usage>,
): TermScore[] {
  const head = (t: TermScore) => t.display.split(' ').at(-1) ?? '';
  const nounish: TermScore[] = [];
  const other: TermScore[] = [];
  for (const t of terms) {
    if (t.display === '') continue;
    const words = t.display.split(' ');
    const classes = words.map((w) => pos.classes(w));
    const u = words.length === 1 ? usage?.get(t.display) : undefined;
    // The dictionary allows a noun, the answers use a verb: "ik weet", "praat je".
    if (u && u.subject >= 2 && u.subject > u.determiner) continue;
    if (pos.isNoun(t.display) || (words.length === 1 && !(classes[0] as WordClasses).known)) nounish.push(t);
    else if (classes.every((c) => c.known && !c.verb && (c.adjective || c.noun))) other.push(t);
  }
  const pool =
    nounish.length > 0 ? nounish : other.length > 0 ? other : terms.filter((t) => t.display !== '');
  const chosen: TermScore[] = [];
  for (const t of pool) {
    if (chosen.some((c) => head(c) === head(t))) continue;
    chosen.push(t);
    if (chosen.length === 3) break;
  }
  if (chosen.length === 3 && (chosen[2] as TermScore).score < 0.6 * (chosen[0] as TermScore).score)
    chosen.pop();
  return chosen;
}
