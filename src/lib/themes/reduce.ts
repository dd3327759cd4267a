/**
 * Truncated SVD by the randomized range finder of Halko, Martinsson & Tropp
 * (2011): a few sparse products with a thin random matrix, orthonormalisation,
 * and one small symmetric eigenproblem (solved by ml-matrix). Cost is linear
 * in the number of non-zeros, so LSA stays cheap for large corpora.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { gaussian, type Rng } from './random';
import { type Csr, mulDense, mulTransposeDense } from './sparse';

export interface Svd {
  /** Left singular vectors, rows × k, row-major. */
  u: Float64Array;
  /** Singular values, descending. */
  s: Float64Array;
  /** Right singular vectors, cols × k, row-major. */
  v: Float64Array;
  k: number;
}

/** Scale the columns of a row-major n × d matrix to unit length, in place. */
function scaleColumns(y: Float64Array, n: number, d: number): void {
  const norm = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) norm[j] = (norm[j] as number) + (y[i * d + j] as number) ** 2;
  for (let j = 0; j < d; j++) norm[j] = (norm[j] as number) > 1e-300 ? 1 / Math.sqrt(norm[j] as number) : 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) y[i * d + j] = (y[i * d + j] as number) * (norm[j] as number);
}

/** Orthonormalise the columns of a row-major n × d matrix in place (modified Gram-Schmidt). */
export function orthonormalise(y: Float64Array, n: number, d: number): void {
  // Work column-major so that the inner loops run over contiguous memory.
  const cols = Array.from({ length: d }, (_, j) => {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = y[i * d + j] as number;
    return c;
  });
  for (let j = 0; j < d; j++) {
    const col = cols[j] as Float64Array;
    for (let q = 0; q < j; q++) {
      const prev = cols[q] as Float64Array;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (prev[i] as number) * (col[i] as number);
      for (let i = 0; i < n; i++) col[i] = (col[i] as number) - dot * (prev[i] as number);
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (col[i] as number) ** 2;
    norm = Math.sqrt(norm);
    const inv = norm > 1e-12 ? 1 / norm : 0;
    for (let i = 0; i < n; i++) col[i] = (col[i] as number) * inv;
  }
  for (let j = 0; j < d; j++) {
    const col = cols[j] as Float64Array;
    for (let i = 0; i < n; i++) y[i * d + j] = col[i] as number;
  }
}

/**
 * Top-k singular triplets of a sparse matrix. Columns without a non-zero (terms
 * of the vocabulary absent from a fitting sample) are left out of the
 * computation and get zero rows in `v`: the cost then follows the sample, not
 * the vocabulary.
 */
export function randomizedSvd(a: Csr, k: number, rng: Rng, powerIterations = 2, oversample = 10): Svd {
  const used = new Int32Array(a.cols).fill(-1);
  let c = 0;
  for (let p = 0; p < a.indices.length; p++) {
    const j = a.indices[p] as number;
    if ((used[j] as number) < 0) used[j] = c++;
  }
  if (c === a.cols) return denseColumnsSvd(a, k, rng, powerIterations, oversample);
  const cols = new Int32Array(c);
  // Keep column order (ascending) so that results do not depend on first-occurrence order.
  c = 0;
  for (let j = 0; j < a.cols; j++)
    if ((used[j] as number) >= 0) {
      used[j] = c;
      cols[c++] = j;
    }
  const indices = new Int32Array(a.indices.length);
  for (let p = 0; p < indices.length; p++) indices[p] = used[a.indices[p] as number] as number;
  const svd = denseColumnsSvd({ ...a, cols: c, indices }, k, rng, powerIterations, oversample);
  const v = new Float64Array(a.cols * svd.k);
  for (let q = 0; q < c; q++)
    v.set(svd.v.subarray(q * svd.k, q * svd.k + svd.k), (cols[q] as number) * svd.k);
  return { ...svd, v };
}

function denseColumnsSvd(a: Csr, k: number, rng: Rng, powerIterations: number, oversample: number): Svd {
  const l = Math.max(1, Math.min(k + oversample, a.rows, a.cols));
  const omega = new Float64Array(a.cols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(rng);
  let y = mulDense(a, omega, l);
  // Between power iterations, scaling the columns to unit length keeps the numbers in range
  // and spans the same subspace as full orthonormalisation (exactly so in exact arithmetic);
  // with the one or two iterations used here, one orthonormalisation at the end suffices.
  for (let it = 0; it < powerIterations; it++) {
    scaleColumns(y, a.rows, l);
    const z = mulTransposeDense(a, y, l);
    scaleColumns(z, a.cols, l);
    y = mulDense(a, z, l);
  }
  orthonormalise(y, a.rows, l);
  // Bᵀ = Aᵀ Q (cols × l); B Bᵀ = (Bᵀ)ᵀ Bᵀ is l × l.
  const bt = mulTransposeDense(a, y, l);
  const cArr = new Float64Array(l * l);
  for (let i = 0; i < a.cols; i++) {
    const o = i * l;
    for (let p = 0; p < l; p++) {
      const bp = bt[o + p] as number;
      if (bp === 0) continue;
      for (let q = p; q < l; q++) cArr[p * l + q] = (cArr[p * l + q] as number) + bp * (bt[o + q] as number);
    }
  }
  const c = Matrix.zeros(l, l);
  for (let p = 0; p < l; p++) {
    for (let q = p; q < l; q++) {
      c.set(p, q, cArr[p * l + q] as number);
      c.set(q, p, cArr[p * l + q] as number);
    }
  }
  const evd = new EigenvalueDecomposition(c, { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const wm = evd.eigenvectorMatrix;
  const order = lambda
    .map((_, i) => i)
    .sort((x, z) => (lambda[z] as number) - (lambda[x] as number) || x - z);
  const kk = Math.min(k, l);
  // Eigenvectors of the top kk eigenvalues, l × kk row-major.
  const w = new Float64Array(l * kk);
  const s = new Float64Array(kk);
  for (let j = 0; j < kk; j++) {
    const e = order[j] as number;
    s[j] = Math.sqrt(Math.max(0, lambda[e] as number));
    for (let p = 0; p < l; p++) w[p * kk + j] = wm.get(p, e);
  }
  const u = new Float64Array(a.rows * kk);
  const v = new Float64Array(a.cols * kk);
  for (let i = 0; i < a.rows; i++) {
    for (let p = 0; p < l; p++) {
      const yp = y[i * l + p] as number;
      if (yp === 0) continue;
      for (let j = 0; j < kk; j++) u[i * kk + j] = (u[i * kk + j] as number) + yp * (w[p * kk + j] as number);
    }
  }
  for (let i = 0; i < a.cols; i++) {
    for (let p = 0; p < l; p++) {
      const bp = bt[i * l + p] as number;
      if (bp === 0) continue;
      for (let j = 0; j < kk; j++) v[i * kk + j] = (v[i * kk + j] as number) + bp * (w[p * kk + j] as number);
    }
  }
  for (let j = 0; j < kk; j++) {
    const inv = (s[j] as number) > 1e-12 ? 1 / (s[j] as number) : 0;
    let maxAbs = 0;
    let sign = 1;
    for (let i = 0; i < a.cols; i++) {
      const val = (v[i * kk + j] as number) * inv;
      v[i * kk + j] = val;
      if (Math.abs(val) > maxAbs) {
        maxAbs = Math.abs(val);
        sign = val < 0 ? -1 : 1;
      }
    }
    // Fix the sign so that results do not depend on the eigensolver's choice.
    if (sign < 0) {
      for (let i = 0; i < a.rows; i++) u[i * kk + j] = -(u[i * kk + j] as number);
      for (let i = 0; i < a.cols; i++) v[i * kk + j] = -(v[i * kk + j] as number);
    }
  }
  return { u, s, v, k: kk };
}

/** Scale rows of a dense row-major matrix to unit length. */
export function normaliseDense(x: Float64Array, d: number): void {
  const n = x.length / d;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (x[i * d + j] as number) ** 2;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < d; j++) x[i * d + j] = (x[i * d + j] as number) * inv;
  }
}
