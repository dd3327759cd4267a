/**
 * Dutch text handling: normalisation, tokenisation, stopwords and stemming.
 *
 * Stopwords come from two published lists: `stopwords-iso` (broad, ~400 words)
 * decides which single words carry no topic, and the short list of `stopword`
 * (~100 pure function words) decides where a two-word phrase may not span, so
 * that phrases such as "eigen bijdrage" survive although "eigen" alone is a
 * stopword. Stemming uses the Snowball Dutch stemmer from `@orama/stemmers`.
 */
import { stemmer as snowballDutch } from '@orama/stemmers/dutch';
import { nld as shortDutchStopwords } from 'stopword';
import stopwordsIso from 'stopwords-iso';

/** A word token. Tokens are shared between texts (memoised): never mutate one. */
export interface Token {
  /** Lower-case surface form with diacritics, used for readable labels. */
  readonly display: string;
  /** Normalised form: lower case, no diacritics, `ĳ` → `ij`, no apostrophes. */
  readonly norm: string;
  /** Parts of a hyphenated word ("wmo-loket" → ["wmo", "loket"]). */
  readonly parts?: readonly string[];
  /** Word written with a trailing hyphen ("was-" in "was- en strijkservice"). */
  readonly elided?: boolean;
  /** True when the token is a number. */
  readonly numeric?: boolean;
}

const ISO: ReadonlySet<string> = new Set((stopwordsIso as Record<string, string[]>).nl ?? []);
const SHORT: ReadonlySet<string> = new Set(shortDutchStopwords as string[]);

/**
 * Channel-generic reporting words: a facilitator's note reports in the third
 * person ("mevrouw vertelt", "deelnemers geven aan", "meneer zegt"). These
 * words say who speaks, not about what, so they carry no topic in any
 * consultation; left in, they pull every note of one channel together.
 * Kept short on purpose: reporting verbs and the nouns that refer to a speaker.
 */
const REPORTING: ReadonlySet<string> = new Set([
  'zeg',
  'zegt',
  'zeggen',
  'zei',
  'zeiden',
  'gezegd',
  'vertel',
  'vertelt',
  'vertellen',
  'vertelde',
  'vertelden',
  'verteld',
  'geeft',
  'geven',
  'gaf',
  'gaven',
  'aangegeven',
  'noemt',
  'noemen',
  'noemde',
  'noemden',
  'genoemd',
  'benadrukt',
  'benadrukken',
  'benadrukte',
  'benadrukten',
  'vindt',
  'vinden',
  'vond',
  'vonden',
  'meneer',
  'mevrouw',
  'mevr',
  'dhr',
  'heer',
  'dame',
  'deelnemer',
  'deelnemers',
  'deelneemster',
  'aanwezige',
  'aanwezigen',
  'facilitator',
  'gespreksleider',
]);

/** Clitics and spoken forms that the published lists write out in full. */
const CLITICS: Readonly<Record<string, string>> = {
  "z'n": 'zijn',
  "m'n": 'mijn',
  "d'r": 'haar',
  "'t": 'het',
  "'k": 'ik',
  "'n": 'een',
  "'s": 'des',
};

/** Suffixes written after an apostrophe that do not change the word ("AOW'tje", "auto's", "zo'n"). */
const APOSTROPHE_SUFFIXES: ReadonlySet<string> = new Set([
  's',
  'n',
  'je',
  'jes',
  'tje',
  'tjes',
  'etje',
  'etjes',
]);

/** Lower case, NFKC, `ĳ` ligature to `ij`, uniform apostrophes. Keeps diacritics. */
export function normaliseDisplay(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[ĳĲ]/g, 'ij')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–]/g, '-')
    .toLowerCase();
}

/** Strip diacritics ("één" → "een", "geïnteresseerd" → "geinteresseerd"). */
/** Any character outside printable ASCII (words hold no control characters). */
const NON_ASCII = /[^ -~]/;
export function stripDiacritics(word: string): string {
  // Most words are plain ASCII: skip the costly decomposition for them.
  if (!NON_ASCII.test(word)) return word;
  return word.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Full normalisation of a single word or phrase. */
export function normalise(text: string): string {
  return stripDiacritics(normaliseDisplay(text));
}

const WORD_RE = /'?[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*-?/gu;

/** Token of one matched word, or null when nothing is left of it. */
function tokenOf(match: string): Token | null {
  let raw = match;
  let elided = false;
  if (raw.endsWith('-')) {
    elided = true;
    raw = raw.slice(0, -1);
  }
  const clitic = CLITICS[raw];
  if (clitic !== undefined) return { display: clitic, norm: clitic };
  if (raw.startsWith("'")) raw = raw.slice(1);
  if (raw.includes("'")) {
    const [head = '', ...rest] = raw.split("'");
    const tail = rest.join('');
    raw = APOSTROPHE_SUFFIXES.has(tail) ? head : head + tail;
  }
  if (raw.length === 0) return null;
  const norm = stripDiacritics(raw).replace(/-/g, '');
  const token: { -readonly [K in keyof Token]: Token[K] } = { display: raw, norm };
  if (/^\p{N}+$/u.test(norm)) token.numeric = true;
  if (raw.includes('-')) {
    const parts = stripDiacritics(raw)
      .split('-')
      .filter((p) => p.length > 0);
    if (parts.length > 1) token.parts = parts;
  }
  if (elided) token.elided = true;
  return token;
}

/** Tokens by matched word: a corpus repeats the same few thousand words. Tokens are never mutated. */
const tokenCache = new Map<string, Token | null>();

/** Split text into word tokens. Punctuation and whitespace are dropped. */
export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  const src = normaliseDisplay(text);
  for (const m of src.matchAll(WORD_RE)) {
    let token = tokenCache.get(m[0]);
    if (token === undefined) {
      token = tokenOf(m[0]);
      if (tokenCache.size > 200_000) tokenCache.clear();
      tokenCache.set(m[0], token);
    }
    if (token !== null) out.push(token);
  }
  return out;
}

/** Word that carries no topic on its own (broad list). */
export function isStopword(norm: string): boolean {
  return ISO.has(norm) || SHORT.has(norm) || REPORTING.has(norm) || norm.length < 2;
}

/** Pure function word: a phrase may not contain it (short list). */
export function isFunctionWord(norm: string): boolean {
  return SHORT.has(norm) || REPORTING.has(norm) || norm.length < 2;
}

const stemCache = new Map<string, string>();

/** Snowball Dutch stem of a normalised word, memoised (vocabularies are small). */
export function stem(norm: string): string {
  let s = stemCache.get(norm);
  if (s === undefined) {
    s = snowballDutch(norm);
    if (stemCache.size > 500_000) stemCache.clear();
    stemCache.set(norm, s);
  }
  return s;
}
