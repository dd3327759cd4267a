/**
 * Vocabulary and TF-IDF weighting over analysed terms.
 */
import type { Term } from './analyze';
import type { Csr } from './sparse';

export interface Vocabulary {
  keys: string[];
  index: Map<string, number>;
  /** Document frequency per feature. */
  df: Float64Array;
  /** Smoothed inverse document frequency per feature. */
  idf: Float64Array;
  /**
   * Most frequent surface form per feature (for labels), counted over the
   * feature's occurrences as a whole word or phrase; a compound part's form
   * ("buur" from "buurvrouw") only when the feature never stands alone.
   */
  display: string[];
  /** 1 when the feature occurs as a whole word or phrase, 0 when only as a compound part. */
  whole: Uint8Array;
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
  /** Surface forms of whole-word (or phrase) occurrences only. */
  wholeDisplays: Map<string, number>;
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
        s = { df: 0, standalone: false, sources: [], displays: new Map(), wholeDisplays: new Map() };
        stats.set(t.key, s);
      }
      if (!seen.has(t.key)) {
        s.df++;
        seen.add(t.key);
      }
      if (t.from === undefined) s.standalone = true;
      else if (s.sources.length < 2 && !s.sources.includes(t.from)) s.sources.push(t.from);
      const forms = t.from === undefined ? s.wholeDisplays : s.displays;
      if (forms.size < 50 || forms.has(t.display)) forms.set(t.display, (forms.get(t.display) ?? 0) + 1);
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
  const whole = new Uint8Array(keys.length);
  kept.forEach(([, s], i) => {
    df[i] = s.df;
    idf[i] = Math.log((n + 1) / (s.df + 1)) + 1;
    whole[i] = s.wholeDisplays.size > 0 ? 1 : 0;
    let best = '';
    let bestCount = -1;
    for (const [d, c] of s.wholeDisplays.size > 0 ? s.wholeDisplays : s.displays) {
      if (c > bestCount || (c === bestCount && d < best)) {
        best = d;
        bestCount = c;
      }
    }
    display.push(best);
  });
  return { keys, index: new Map(keys.map((k, i) => [k, i])), df, idf, display, whole, docs: n };
}

/** Sublinear TF × IDF rows, unit length. Unknown terms are ignored. */
export function tfidf(docs: ReadonlyArray<ReadonlyArray<Term>>, vocab: Vocabulary): Csr {
  // One dense accumulator and a list of touched columns: no map per document.
  const acc = new Float64Array(vocab.keys.length);
  const touched: number[] = [];
  const indptr = new Int32Array(docs.length + 1);
  let indices = new Int32Array(Math.max(16, docs.length * 8));
  let data = new Float32Array(indices.length);
  let nnz = 0;
  docs.forEach((doc, i) => {
    touched.length = 0;
    for (const t of doc) {
      const j = vocab.index.get(t.key);
      if (j === undefined) continue;
      if (acc[j] === 0) touched.push(j);
      acc[j] = (acc[j] as number) + t.weight;
    }
    touched.sort((a, b) => a - b);
    if (nnz + touched.length > indices.length) {
      const size = Math.max(2 * indices.length, nnz + touched.length);
      const grownIdx = new Int32Array(size);
      grownIdx.set(indices.subarray(0, nnz));
      const grownData = new Float32Array(size);
      grownData.set(data.subarray(0, nnz));
      indices = grownIdx;
      data = grownData;
    }
    // Sublinear term frequency: a word repeated in a long letter should not dominate.
    let norm = 0;
    for (const j of touched) {
      const v = acc[j] as number;
      const w = (v >= 1 ? 1 + Math.log(v) : v) * (vocab.idf[j] as number);
      acc[j] = w;
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const j of touched) {
      indices[nnz] = j;
      data[nnz] = (acc[j] as number) * inv;
      nnz++;
      acc[j] = 0;
    }
    indptr[i + 1] = nnz;
  });
  return {
    rows: docs.length,
    cols: vocab.keys.length,
    indptr,
    indices: indices.slice(0, nnz),
    data: data.slice(0, nnz),
  };
}
