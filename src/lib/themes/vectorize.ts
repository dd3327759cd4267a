/**
 * Vocabulary and TF-IDF weighting over analysed terms.
 */
import type { Term } from './analyze';
import { type Csr, csrFromRows, normaliseRows } from './sparse';

export interface Vocabulary {
  keys: string[];
  index: Map<string, number>;
  /** Document frequency per feature. */
  df: Float64Array;
  /** Smoothed inverse document frequency per feature. */
  idf: Float64Array;
  /** Most frequent surface form per feature (for labels). */
  display: string[];
  /** Number of documents the vocabulary was fitted on. */
  docs: number;
}

export interface VocabularyOptions {
  /** Minimum document frequency (a term in one answer cannot link answers). */
  minDf?: number;
  /** Drop terms in more than this share of documents (they separate nothing). */
  maxDfRatio?: number;
  /** Keep at most this many features, most frequent first. */
  maxFeatures?: number;
}

interface KeyStats {
  df: number;
  /** Seen as a whole word, not only as a compound part. */
  standalone: boolean;
  /** Distinct compounds this key was split from (up to 2 are tracked). */
  sources: string[];
  displays: Map<string, number>;
}

export function fitVocabulary(
  docs: ReadonlyArray<ReadonlyArray<Term>>,
  options: VocabularyOptions = {},
): Vocabulary {
  const n = docs.length;
  const minDf = options.minDf ?? 2;
  const maxDf = Math.max(minDf, Math.floor((options.maxDfRatio ?? 0.5) * n));
  const maxFeatures = options.maxFeatures ?? 20_000;
  const stats = new Map<string, KeyStats>();
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const t of doc) {
      let s = stats.get(t.key);
      if (!s) {
        s = { df: 0, standalone: false, sources: [], displays: new Map() };
        stats.set(t.key, s);
      }
      if (!seen.has(t.key)) {
        s.df++;
        seen.add(t.key);
      }
      if (t.from === undefined) s.standalone = true;
      else if (s.sources.length < 2 && !s.sources.includes(t.from)) s.sources.push(t.from);
      if (s.displays.size < 50 || s.displays.has(t.display))
        s.displays.set(t.display, (s.displays.get(t.display) ?? 0) + 1);
    }
  }
  // A compound part that never occurs alone and comes from a single compound only
  // duplicates that compound ("alternatief" → "alter" + "natief"): drop it.
  const kept = [...stats.entries()]
    .filter(([, s]) => s.df >= minDf && s.df <= maxDf && (s.standalone || s.sources.length > 1))
    .sort((a, b) => b[1].df - a[1].df || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const keys = kept.map(([k]) => k);
  const df = new Float64Array(keys.length);
  const idf = new Float64Array(keys.length);
  const display: string[] = [];
  kept.forEach(([, s], i) => {
    df[i] = s.df;
    idf[i] = Math.log((n + 1) / (s.df + 1)) + 1;
    let best = '';
    let bestCount = -1;
    for (const [d, c] of s.displays) {
      if (c > bestCount || (c === bestCount && d < best)) {
        best = d;
        bestCount = c;
      }
    }
    display.push(best);
  });
  return { keys, index: new Map(keys.map((k, i) => [k, i])), df, idf, display, docs: n };
}

/** Sublinear TF × IDF rows, unit length. Unknown terms are ignored. */
export function tfidf(docs: ReadonlyArray<ReadonlyArray<Term>>, vocab: Vocabulary): Csr {
  const rows = docs.map((doc) => {
    const tf = new Map<number, number>();
    for (const t of doc) {
      const j = vocab.index.get(t.key);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + t.weight);
    }
    // Sublinear term frequency: a word repeated in a long letter should not dominate.
    for (const [j, v] of tf) tf.set(j, (v >= 1 ? 1 + Math.log(v) : v) * (vocab.idf[j] as number));
    return tf;
  });
  const m = csrFromRows(rows, vocab.keys.length);
  normaliseRows(m);
  return m;
}
