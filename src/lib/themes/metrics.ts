/**
 * Clustering quality against reference labels: NMI, ARI and best-match macro-F1.
 * Labels are arbitrary strings; the two arrays are aligned by position.
 */

interface Contingency {
  table: Map<string, Map<string, number>>;
  rowSums: Map<string, number>;
  colSums: Map<string, number>;
  n: number;
}

function contingency(truth: readonly string[], pred: readonly string[]): Contingency {
  if (truth.length !== pred.length) throw new Error('truth and pred must have the same length');
  const table = new Map<string, Map<string, number>>();
  const rowSums = new Map<string, number>();
  const colSums = new Map<string, number>();
  truth.forEach((t, i) => {
    const p = pred[i] as string;
    let row = table.get(t);
    if (!row) {
      row = new Map();
      table.set(t, row);
    }
    row.set(p, (row.get(p) ?? 0) + 1);
    rowSums.set(t, (rowSums.get(t) ?? 0) + 1);
    colSums.set(p, (colSums.get(p) ?? 0) + 1);
  });
  return { table, rowSums, colSums, n: truth.length };
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** Normalised mutual information, arithmetic-mean normalisation (as scikit-learn's default). */
export function nmi(truth: readonly string[], pred: readonly string[]): number {
  const { table, rowSums, colSums, n } = contingency(truth, pred);
  if (n === 0) return 0;
  let mi = 0;
  for (const [t, row] of table) {
    for (const [p, c] of row) {
      mi += (c / n) * Math.log((n * c) / ((rowSums.get(t) as number) * (colSums.get(p) as number)));
    }
  }
  const ht = entropy(rowSums.values(), n);
  const hp = entropy(colSums.values(), n);
  if (ht === 0 && hp === 0) return 1;
  const denom = (ht + hp) / 2;
  return denom === 0 ? 0 : Math.max(0, mi / denom);
}

const pairs = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie). */
export function ari(truth: readonly string[], pred: readonly string[]): number {
  const { table, rowSums, colSums, n } = contingency(truth, pred);
  let index = 0;
  for (const row of table.values()) for (const c of row.values()) index += pairs(c);
  let a = 0;
  for (const c of rowSums.values()) a += pairs(c);
  let b = 0;
  for (const c of colSums.values()) b += pairs(c);
  const expected = (a * b) / pairs(n);
  const max = (a + b) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/**
 * For each reference label, the best F1 over all produced clusters, averaged
 * over the reference labels. With `direct`, a produced id only counts for the
 * reference label of the same name (guided mode, where theme ids are labels).
 */
export function macroF1(truth: readonly string[], pred: readonly string[], direct = false): number {
  const { table, rowSums, colSums } = contingency(truth, pred);
  if (rowSums.size === 0) return 0;
  let sum = 0;
  for (const [t, row] of table) {
    let best = 0;
    for (const [p, c] of row) {
      if (direct && p !== t) continue;
      const precision = c / (colSums.get(p) as number);
      const recall = c / (rowSums.get(t) as number);
      best = Math.max(best, (2 * precision * recall) / (precision + recall));
    }
    sum += best;
  }
  return sum / rowSums.size;
}
