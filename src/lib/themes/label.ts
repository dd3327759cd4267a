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
  /** Concentration over the themes, 0..1 (1 − normalised entropy of the per-theme rate). */
  focus?: number;
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
      // Only words people write: a feature that occurs only inside compounds ("buur" of
      // "buurvrouw") is evidence for similarity, not a keyword.
      if (vocab.whole && vocab.whole[t] === 0) continue;
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
        focus,
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

/** Below this concentration a word that is not a noun counts as filler. */
const FILLER_FOCUS = 0.5;
/**
 * Below this concentration a noun is too general to name a theme: "hulp",
 * "mensen", "tijd", "huis" occur in every theme (measured 0.04–0.35 on both
 * labelled sets, against 0.36–1 for "dochter", "trap", "aow", "bus").
 */
const NOUN_FOCUS = 0.3;
/**
 * Closed Dutch word classes that the dictionary also lists as nouns or
 * adjectives: quantifiers ("meerdere keren"), indefinite pronouns, and the
 * placeholder nouns that stand for anything ("dingen", "zaken", "soort").
 * They never name a topic, however concentrated a cluster made them.
 */
const FILLER: ReadonlySet<string> = new Set([
  'meerdere',
  'verschillende',
  'sommige',
  'enkele',
  'diverse',
  'allerlei',
  'vele',
  'weinig',
  'beide',
  'alle',
  'genoeg',
  'andere',
  'anderen',
  'iets',
  'niets',
  'iemand',
  'niemand',
  'iedereen',
  'ding',
  'dingen',
  'zaak',
  'zaken',
  'soort',
  'manier',
]);

/** Terms for a theme with nothing better: never filler words, never words every theme uses. */
function lastResort(terms: readonly TermScore[]): TermScore[] {
  return terms.filter((t) => t.display !== '' && !FILLER.has(t.display) && (t.focus ?? 1) >= NOUN_FOCUS);
}

/** A single filler word, or a term too evenly spread over the themes for its word class. */
function filler(t: TermScore, nounish: boolean): boolean {
  if (FILLER.has(t.display)) return true;
  return (t.focus ?? 1) < (nounish ? NOUN_FOCUS : FILLER_FOCUS);
}

/** Verb evidence of a term: a verb-only word, or a single word the answers use as a verb. */
function verbal(t: TermScore, pos: LabelPos, usage?: ReadonlyMap<string, Usage>): boolean {
  const words = t.display.split(' ');
  if (words.length === 1) {
    const u = usage?.get(t.display);
    if (u && u.subject >= 2 && u.subject > u.determiner) return true;
  }
  return words.some((w) => {
    const c = pos.classes(w);
    return c.known && c.verb && !c.noun && !c.adjective;
  });
}

/**
 * A theme's keywords as shown to the analyst, best first: the characteristic
 * terms that name something (nouns, noun phrases, names and other words the
 * dictionary does not know) before the rest; words that only work as verbs
 * ("komt", "vind", "gaat komen") and words the answers use as verbs ("ik
 * weet") are left out, unless nothing else is left.
 */
export function keywordTerms(
  terms: readonly TermScore[],
  limit = 8,
  pos: LabelPos = hunspellPos,
  usage?: ReadonlyMap<string, Usage>,
): TermScore[] {
  const nounish: TermScore[] = [];
  const other: TermScore[] = [];
  for (const t of terms) {
    if (t.display === '' || verbal(t, pos, usage)) continue;
    const words = t.display.split(' ');
    const noun = pos.isNoun(t.display) || (words.length === 1 && !pos.classes(t.display).known);
    // Adjectives and adverbs only when clearly concentrated in this theme ("echt", "fijn" are
    // spread over many themes and name none); general nouns ("hulp", "mensen") neither.
    if (filler(t, noun)) continue;
    if (noun) nounish.push(t);
    else other.push(t);
  }
  const out = [...nounish, ...other];
  // Nothing that names a topic: the concentrated terms that are not filler, verbs included.
  return (out.length > 0 ? out : lastResort(terms)).slice(0, limit);
}

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
    const noun = pos.isNoun(t.display) || (words.length === 1 && !(classes[0] as WordClasses).known);
    // Filler ("meerdere", "dingen") and words every theme uses ("hulp", "echt") name no topic.
    if (filler(t, noun)) continue;
    if (noun) nounish.push(t);
    else if (classes.every((c) => c.known && !c.verb && (c.adjective || c.noun))) other.push(t);
  }
  const pool = nounish.length > 0 ? nounish : other.length > 0 ? other : lastResort(terms);
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
