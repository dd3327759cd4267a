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
import { type Csr, csrFromRows, selectRows } from './sparse';
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
  for (let i = 0; i < x.rows; i++) {
    for (let p = x.indptr[i] as number; p < (x.indptr[i + 1] as number); p++) {
      const v = x.data[p] as number;
      const o = (x.indices[p] as number) * d;
      for (let j = 0; j < d; j++) y[i * d + j] = (y[i * d + j] as number) + v * (m[o + j] as number);
    }
  }
  return y;
}

/** Positive PMI of within-item co-occurrence, with context smoothing (α = 0.75). */
function ppmiMatrix(x: Csr, cols: number, top: Int32Array): Csr {
  const p = top.length;
  const local = new Int32Array(cols).fill(-1);
  top.forEach((c, i) => {
    local[c] = i;
  });
  const co = new Float32Array(p * p);
  const ids: number[] = [];
  for (let i = 0; i < x.rows; i++) {
    ids.length = 0;
    for (let q = x.indptr[i] as number; q < (x.indptr[i + 1] as number); q++) {
      const l = local[x.indices[q] as number] as number;
      if (l >= 0) ids.push(l);
    }
    for (const a of ids) for (const b of ids) if (a !== b) co[a * p + b] = (co[a * p + b] as number) + 1;
  }
  const rowSum = new Float64Array(p);
  const ctx = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) rowSum[a] = (rowSum[a] as number) + (co[a * p + b] as number);
  }
  let ctxTotal = 0;
  for (let b = 0; b < p; b++) {
    ctx[b] = (rowSum[b] as number) ** 0.75;
    ctxTotal += ctx[b] as number;
  }
  const rows: Map<number, number>[] = [];
  for (let a = 0; a < p; a++) {
    const r = new Map<number, number>();
    const ra = rowSum[a] as number;
    for (let b = 0; b < p; b++) {
      const c = co[a * p + b] as number;
      if (c === 0) continue;
      const pmi = Math.log((c * ctxTotal) / (ra * (ctx[b] as number)));
      if (pmi > 0) r.set(b, pmi);
    }
    rows.push(r);
  }
  return csrFromRows(rows, p);
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
  const svdSample = options.svdSample ?? 5000;
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
  const xs = selectRows(
    x,
    sample.length > svdSample
      ? sampleIndices(sample.length, svdSample, rng).map((r) => sample[r] as number)
      : sample,
  );
  const m = vocab.keys.length;

  // Half 1: LSA term loadings (columns scaled by singular values).
  const lsa = randomizedSvd(xs, Math.min(lsaDims, Math.max(1, Math.min(xs.rows, m) - 1)), rng, 1);
  const lsaTerms = new Float64Array(m * lsa.k);
  for (let t = 0; t < m; t++)
    for (let j = 0; j < lsa.k; j++) lsaTerms[t * lsa.k + j] = lsa.v[t * lsa.k + j] as number;

  // Half 2: PPMI-SVD term vectors over the most frequent terms.
  const top = Int32Array.from(
    [...vocab.df.keys()]
      .sort((a, b) => (vocab.df[b] as number) - (vocab.df[a] as number) || a - b)
      .slice(0, options.ppmiVocab ?? 1500),
  );
  const ppmi = ppmiMatrix(xs, m, top);
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
