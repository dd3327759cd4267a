/**
 * Item representations.
 *
 * - Sparse TF-IDF over stems, compound parts and phrases (exact word overlap).
 * - A dense "semantic" embedding that lets paraphrases meet, built only from
 *   the corpus itself, in two halves:
 *   1. LSA: right singular vectors of the TF-IDF matrix (randomized SVD);
 *   2. distributional term vectors: positive PMI of terms co-occurring in the
 *      same answer, reduced by SVD (Levy & Goldberg 2014). An item is the
 *      TF-IDF-weighted sum of its terms' vectors, so "AOW" and "pensioen" end up
 *      close when they keep the same company across the corpus.
 * Both halves are fitted on a deterministic sample, then applied to all items.
 */
import type { Term } from './analyze';
import { type Rng, sampleIndices } from './random';
import { normaliseDense, randomizedSvd } from './reduce';
import { type Csr, selectRows } from './sparse';
import { fitVocabulary, tfidf, type Vocabulary } from './vectorize';

export interface RepresentOptions {
  /** Items used to fit vocabulary and embeddings (rest is projected). */
  fitSample?: number;
  /** Items used for the two SVDs. */
  svdSample?: number;
  /** Dimensions of each embedding half. */
  lsaDims?: number;
  ppmiDims?: number;
  /** Vocabulary size of the co-occurrence matrix (most frequent terms). */
  ppmiVocab?: number;
  /** Most contexts of the co-occurrence matrix (item terms plus background-only words). */
  ppmiContexts?: number;
  /** Strongest positive associations kept per term (keeps the matrix sparse at scale). */
  ppmiRowCap?: number;
  /** Passages of the consultation's background documents (see background.ts). */
  background?: ReadonlyArray<ReadonlyArray<Term>>;
  /** Also fit the LSA half on the background passages. */
  backgroundLsa?: boolean;
}

export interface Representation {
  vocab: Vocabulary;
  /** Unit-length TF-IDF rows of the items. */
  tfidf: Csr;
  /** Unit-length dense rows (zero for items without known terms), items × dim. */
  embed: Float64Array;
  dim: number;
  /** Project other texts' terms (theme descriptions) into the same spaces. */
  project(docs: ReadonlyArray<ReadonlyArray<Term>>): { tfidf: Csr; embed: Float64Array };
}

/** Dense row-major product X · M for sparse X and dense M (cols × d). */
function project(x: Csr, m: Float64Array, d: number): Float64Array {
  const y = new Float64Array(x.rows * d);
  const { indptr, indices, data } = x;
  for (let i = 0; i < x.rows; i++) {
    const end = indptr[i + 1] as number;
    for (let p = indptr[i] as number; p < end; p++) {
      const v = data[p] as number;
      const o = (indices[p] as number) * d;
      for (let j = 0; j < d; j++) y[i * d + j] = (y[i * d + j] as number) + v * (m[o + j] as number);
    }
  }
  return y;
}

/**
 * Positive PMI of terms co-occurring in the same text, with context smoothing
 * (α = 0.75). Rows are the item vocabulary's `top` terms; contexts are the same
 * terms plus words that only the background texts use (so "AOW" and "betalen"
 * can meet through "inkomen" in a policy plan even when no answer has both).
 */
function ppmiMatrix(
  docs: ReadonlyArray<ReadonlyArray<Term>>,
  background: ReadonlyArray<ReadonlyArray<Term>>,
  vocab: Vocabulary,
  top: Int32Array,
  maxContexts: number,
  rowCap: number,
): Csr {
  const p = top.length;
  const rowOf = new Map<string, number>();
  top.forEach((t, i) => {
    rowOf.set(vocab.keys[t] as string, i);
  });
  // Contexts: the row terms first, then the background's own words (df ≥ 2, not in half its passages).
  const ctxOf = new Map(rowOf);
  if (background.length > 0) {
    const df = new Map<string, number>();
    for (const doc of background)
      for (const k of new Set(doc.map((t) => t.key))) df.set(k, (df.get(k) ?? 0) + 1);
    const maxDf = Math.max(2, 0.5 * background.length);
    const extra = [...df.entries()]
      .filter(([k, c]) => c >= 2 && c <= maxDf && !ctxOf.has(k))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, Math.max(0, maxContexts - p));
    for (const [k] of extra) ctxOf.set(k, ctxOf.size);
  }
  const c = ctxOf.size;
  const co = new Float32Array(p * c);
  const rows: number[] = [];
  const ctxs: number[] = [];
  const count = (doc: ReadonlyArray<Term>) => {
    rows.length = 0;
    ctxs.length = 0;
    for (const k of new Set(doc.map((t) => t.key))) {
      const r = rowOf.get(k);
      if (r !== undefined) rows.push(r);
      const x = ctxOf.get(k);
      if (x !== undefined) ctxs.push(x);
    }
    // Row term r is context r as well: skip the diagonal.
    for (const a of rows) for (const b of ctxs) if (a !== b) co[a * c + b] = (co[a * c + b] as number) + 1;
  };
  for (const doc of docs) count(doc);
  for (const doc of background) count(doc);
  const rowSum = new Float64Array(p);
  const colSum = new Float64Array(c);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < c; b++) {
      const v = co[a * c + b] as number;
      rowSum[a] = (rowSum[a] as number) + v;
      colSum[b] = (colSum[b] as number) + v;
    }
  }
  let ctxTotal = 0;
  for (let b = 0; b < c; b++) {
    colSum[b] = (colSum[b] as number) ** 0.75;
    ctxTotal += colSum[b] as number;
  }
  // Rows are written straight into CSR arrays, columns ascending.
  const indptr = new Int32Array(p + 1);
  const indices: number[] = [];
  const data: number[] = [];
  const cols = new Int32Array(c);
  const vals = new Float64Array(c);
  for (let a = 0; a < p; a++) {
    const ra = rowSum[a] as number;
    let count = 0;
    for (let b = 0; b < c; b++) {
      const v = co[a * c + b] as number;
      if (v === 0) continue;
      const pmi = Math.log((v * ctxTotal) / (ra * (colSum[b] as number)));
      if (pmi > 0) {
        cols[count] = b;
        vals[count] = pmi;
        count++;
      }
    }
    // Keep a term's strongest associations only: in a large corpus nearly every pair of
    // frequent terms co-occurs somewhere, and the weak tail makes the matrix dense.
    // Ties at the cut go to the lower column, so the result does not depend on the sort.
    let threshold = Number.NEGATIVE_INFINITY;
    let atThreshold = Number.POSITIVE_INFINITY;
    if (count > rowCap) {
      const sorted = vals.slice(0, count).sort();
      threshold = sorted[count - rowCap] as number;
      let above = 0;
      for (let q = 0; q < count; q++) if ((vals[q] as number) > threshold) above++;
      atThreshold = rowCap - above;
    }
    for (let q = 0; q < count; q++) {
      const v = vals[q] as number;
      if (v < threshold) continue;
      if (v === threshold) {
        if (atThreshold <= 0) continue;
        atThreshold--;
      }
      indices.push(cols[q] as number);
      data.push(v);
    }
    indptr[a + 1] = indices.length;
  }
  return { rows: p, cols: c, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) };
}

export function represent(
  docs: ReadonlyArray<ReadonlyArray<Term>>,
  extraDocs: ReadonlyArray<ReadonlyArray<Term>>,
  rng: Rng,
  options: RepresentOptions = {},
): Representation {
  const fitSample = options.fitSample ?? 20_000;
  const lsaDims = options.lsaDims ?? 48;
  const ppmiDims = options.ppmiDims ?? 48;
  const svdSample = options.svdSample ?? 3000;
  const sample = sampleIndices(docs.length, fitSample, rng);
  const sampleDocs = sample.map((i) => docs[i] as ReadonlyArray<Term>);
  // Theme descriptions take part in the vocabulary so their words are not lost as "unseen".
  const vocab = fitVocabulary([...sampleDocs, ...extraDocs], {
    minDf: docs.length >= 50 ? 2 : 1,
    maxDfRatio: 0.5,
    maxFeatures: 30_000,
  });
  const x = tfidf(docs, vocab);
  // The SVDs need far fewer rows than the vocabulary: a sub-sample keeps them fast.
  const svdIdx =
    sample.length > svdSample
      ? sampleIndices(sample.length, svdSample, rng).map((r) => sample[r] as number)
      : sample;
  const xs = selectRows(x, svdIdx);
  const m = vocab.keys.length;

  // Half 1: LSA term loadings (columns scaled by singular values).
  const bg = options.background ?? [];
  const xl =
    options.backgroundLsa && bg.length > 0
      ? tfidf([...svdIdx.map((i) => docs[i] as ReadonlyArray<Term>), ...bg], vocab)
      : xs;
  const lsa =
    lsaDims > 0
      ? randomizedSvd(xl, Math.min(lsaDims, Math.max(1, Math.min(xl.rows, m) - 1)), rng, 1)
      : { u: new Float64Array(0), s: new Float64Array(0), v: new Float64Array(0), k: 0 };
  const lsaTerms = new Float64Array(m * lsa.k);
  for (let t = 0; t < m; t++)
    for (let j = 0; j < lsa.k; j++) lsaTerms[t * lsa.k + j] = lsa.v[t * lsa.k + j] as number;

  // Half 2: PPMI-SVD term vectors over the most frequent terms.
  const top = Int32Array.from(
    [...vocab.df.keys()]
      .sort((a, b) => (vocab.df[b] as number) - (vocab.df[a] as number) || a - b)
      .slice(0, options.ppmiVocab ?? 1500),
  );
  const ppmi = ppmiMatrix(
    svdIdx.map((i) => docs[i] as ReadonlyArray<Term>),
    bg,
    vocab,
    top,
    options.ppmiContexts ?? 4000,
    options.ppmiRowCap ?? 128,
  );
  const pp = randomizedSvd(ppmi, Math.min(ppmiDims, Math.max(1, top.length - 1)), rng, 1);
  const ppTerms = new Float64Array(m * pp.k);
  top.forEach((t, i) => {
    for (let j = 0; j < pp.k; j++)
      ppTerms[t * pp.k + j] = (pp.u[i * pp.k + j] as number) * Math.sqrt(pp.s[j] as number);
  });
  normaliseDense(ppTerms, pp.k);

  const dim = lsa.k + pp.k;
  const embedOf = (rows: Csr): Float64Array => {
    const a = project(rows, lsaTerms, lsa.k);
    const b = project(rows, ppTerms, pp.k);
    normaliseDense(a, lsa.k);
    normaliseDense(b, pp.k);
    const out = new Float64Array(rows.rows * dim);
    for (let i = 0; i < rows.rows; i++) {
      for (let j = 0; j < lsa.k; j++) out[i * dim + j] = a[i * lsa.k + j] as number;
      for (let j = 0; j < pp.k; j++) out[i * dim + lsa.k + j] = b[i * pp.k + j] as number;
    }
    normaliseDense(out, dim);
    return out;
  };
  return {
    vocab,
    tfidf: x,
    embed: embedOf(x),
    dim,
    project(extra) {
      const t = tfidf(extra, vocab);
      return { tfidf: t, embed: embedOf(t) };
    },
  };
}
