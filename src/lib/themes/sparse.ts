/**
 * Compressed sparse rows: one row per item, sorted column indices. Enough for
 * TF-IDF matrices of 100,000 items without dense n × vocabulary storage.
 */
export interface Csr {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

/** Build a CSR matrix from per-row maps of column → value. */
export function csrFromRows(rows: ReadonlyArray<ReadonlyMap<number, number>>, cols: number): Csr {
  let nnz = 0;
  for (const r of rows) nnz += r.size;
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let p = 0;
  rows.forEach((r, i) => {
    const entries = [...r.entries()].sort((a, b) => a[0] - b[0]);
    for (const [c, v] of entries) {
      indices[p] = c;
      data[p] = v;
      p++;
    }
    indptr[i + 1] = p;
  });
  return { rows: rows.length, cols, indptr, indices, data };
}

/** Scale every row to unit Euclidean length (empty rows stay zero). */
export function normaliseRows(m: Csr): void {
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let p = m.indptr[i] as number; p < (m.indptr[i + 1] as number); p++) s += (m.data[p] as number) ** 2;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let p = m.indptr[i] as number; p < (m.indptr[i + 1] as number); p++)
      m.data[p] = (m.data[p] as number) * inv;
  }
}

/** Rows `which` of m, as a new matrix. */
export function selectRows(m: Csr, which: ArrayLike<number>): Csr {
  let nnz = 0;
  for (let k = 0; k < which.length; k++) {
    const i = which[k] as number;
    nnz += (m.indptr[i + 1] as number) - (m.indptr[i] as number);
  }
  const indptr = new Int32Array(which.length + 1);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  let p = 0;
  for (let k = 0; k < which.length; k++) {
    const i = which[k] as number;
    const a = m.indptr[i] as number;
    const b = m.indptr[i + 1] as number;
    indices.set(m.indices.subarray(a, b), p);
    data.set(m.data.subarray(a, b), p);
    p += b - a;
    indptr[k + 1] = p;
  }
  return { rows: which.length, cols: m.cols, indptr, indices, data };
}

/** Y = M · X for dense X (cols × d, row-major); returns rows × d. */
export function mulDense(m: Csr, x: Float64Array, d: number): Float64Array {
  const y = new Float64Array(m.rows * d);
  // Locals, not property reads in the loop: Csr objects of several shapes reach here.
  const { indptr, indices, data } = m;
  for (let i = 0; i < m.rows; i++) {
    const yo = i * d;
    const end = indptr[i + 1] as number;
    for (let p = indptr[i] as number; p < end; p++) {
      const v = data[p] as number;
      const xo = (indices[p] as number) * d;
      for (let j = 0; j < d; j++) y[yo + j] = (y[yo + j] as number) + v * (x[xo + j] as number);
    }
  }
  return y;
}

/** Y = Mᵀ · X for dense X (rows × d, row-major); returns cols × d. */
export function mulTransposeDense(m: Csr, x: Float64Array, d: number): Float64Array {
  const y = new Float64Array(m.cols * d);
  const { indptr, indices, data } = m;
  for (let i = 0; i < m.rows; i++) {
    const xo = i * d;
    const end = indptr[i + 1] as number;
    for (let p = indptr[i] as number; p < end; p++) {
      const v = data[p] as number;
      const yo = (indices[p] as number) * d;
      for (let j = 0; j < d; j++) y[yo + j] = (y[yo + j] as number) + v * (x[xo + j] as number);
    }
  }
  return y;
}
