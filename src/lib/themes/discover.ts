/**
 * Unsupervised theme discovery on the dense item embedding.
 *
 * A symmetric kNN graph over a deterministic sample is split into communities
 * by Louvain. The number of themes is not fixed: Louvain is run at a ladder of
 * resolutions (best of several seeds by modularity), and the partition with
 * the best mean silhouette whose theme count lies within the bounds wins. Communities too small to be a
 * theme are dissolved. The resulting centres are then refined by a few
 * spherical k-means steps over all items, which also assigns the items
 * outside the sample (sample-then-assign keeps 100,000 items linear).
 * With a forced k, spherical k-means with restarts is used instead.
 */
import { compact, knnGraph, louvain, modularity, silhouette, similarityMatrix } from './graph';
import { sphericalKMeans } from './kmeans';
import { type Rng, sampleIndices } from './random';
import { normaliseDense } from './reduce';
import { type Csr, selectRows } from './sparse';

export interface DiscoverOptions {
  k?: number;
  minK: number;
  maxK: number;
  rng: Rng;
  /** Items in the graph sample. */
  graphSample?: number;
  /** Neighbours per item in the graph. */
  neighbours?: number;
  /** Smallest community kept as a theme (absolute floor). */
  minSize?: number;
  /** Sparse unit rows in the same order as x (TF-IDF): exact-word evidence for the graph. */
  sparse?: Csr;
  /** Share of the sparse cosine in the graph's similarity; the rest is the embedding (default 0). */
  sparseWeight?: number;
}

export interface Discovered {
  /** Theme index per row of `x`. */
  labels: Int32Array;
  /** k × dim unit centroids. */
  centroids: Float64Array;
  k: number;
}

const RESOLUTIONS = [0.5, 0.75, 1, 1.5, 2, 3];
const SEEDS_PER_RESOLUTION = 3;

function centroidsOf(x: Float64Array, d: number, labels: ArrayLike<number>, k: number): Float64Array {
  const c = new Float64Array(k * d);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (l < 0) continue;
    for (let t = 0; t < d; t++) c[l * d + t] = (c[l * d + t] as number) + (x[i * d + t] as number);
  }
  normaliseDense(c, d);
  return c;
}

function nearestCentroid(x: Float64Array, i: number, c: Float64Array, k: number, d: number): number {
  let best = 0;
  let bestSim = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (x[i * d + t] as number) * (c[j * d + t] as number);
    if (s > bestSim) {
      bestSim = s;
      best = j;
    }
  }
  return best;
}

/** Merge communities smaller than minSize into their nearest large community. */
function dissolveSmall(x: Float64Array, d: number, labels: Int32Array, minSize: number): Int32Array {
  const k = Math.max(-1, ...labels) + 1;
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l] = (sizes[l] as number) + 1;
  const big = [...sizes.keys()].filter((c) => (sizes[c] as number) >= minSize);
  if (big.length === 0 || big.length === k) return labels;
  const remap = new Int32Array(k).fill(-1);
  big.forEach((c, i) => {
    remap[c] = i;
  });
  const kept = labels.map((l) => remap[l] as number) as Int32Array;
  const c = centroidsOf(x, d, kept, big.length);
  return kept.map((l, i) => (l >= 0 ? l : nearestCentroid(x, i, c, big.length, d))) as Int32Array;
}

function countOf(labels: Int32Array): number {
  return new Set(labels).size;
}

/** Choose a partition of the sample rows: Louvain over a resolution ladder, best silhouette within bounds. */
function graphPartition(
  xs: Float64Array,
  d: number,
  opts: DiscoverOptions,
  minSize: number,
  sparse?: Csr,
): Int32Array {
  const n = xs.length / d;
  const sim = similarityMatrix(xs, d);
  // The same blend of exact words and embedding as the item-theme scores: the embedding
  // alone lets answers meet on style and common words.
  const w = opts.sparseWeight ?? 0;
  if (sparse && w > 0) blendSparse(sim, sparse, w);
  const g = knnGraph(sim, n, Math.min(opts.neighbours ?? 10, Math.max(1, n - 1)));
  let best: { labels: Int32Array; score: number } | undefined;
  let fallback: { labels: Int32Array; distance: number } | undefined;
  for (const resolution of RESOLUTIONS) {
    // Several seeds per resolution; keep the partition with the highest modularity.
    let top: Int32Array | undefined;
    let topQ = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < SEEDS_PER_RESOLUTION; s++) {
      const labels = dissolveSmall(xs, d, louvain(g, resolution, opts.rng), minSize);
      const q = modularity(g, labels, resolution);
      if (q > topQ) {
        topQ = q;
        top = labels;
      }
    }
    const chosen = compact(top as Int32Array);
    const k = countOf(chosen);
    if (k < opts.minK || k > opts.maxK) {
      const distance = k < opts.minK ? opts.minK - k : k - opts.maxK;
      if (!fallback || distance < fallback.distance) fallback = { labels: chosen, distance };
      continue;
    }
    // Silhouette compares partitions of different sizes on the same footing.
    const score = silhouette(sim, chosen);
    if (!best || score > best.score + 1e-9) best = { labels: chosen, score };
  }
  return (best?.labels ?? fallback?.labels ?? new Int32Array(n)) as Int32Array;
}

/** sim ← (1 − w) · sim + w · (cosine of the sparse unit rows), over the sample. */
function blendSparse(sim: Float32Array, x: Csr, w: number): void {
  const n = x.rows;
  const row = new Float64Array(x.cols);
  for (let i = 0; i < n; i++) {
    for (let p = x.indptr[i] as number; p < (x.indptr[i + 1] as number); p++)
      row[x.indices[p] as number] = x.data[p] as number;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = x.indptr[j] as number; p < (x.indptr[j + 1] as number); p++)
        s += (x.data[p] as number) * (row[x.indices[p] as number] as number);
      sim[i * n + j] = (1 - w) * (sim[i * n + j] as number) + w * (i === j ? 1 : s);
    }
    for (let p = x.indptr[i] as number; p < (x.indptr[i + 1] as number); p++) row[x.indices[p] as number] = 0;
  }
}

/** Discover themes among the rows of x (unit rows, n × d). */
export function discover(x: Float64Array, d: number, opts: DiscoverOptions): Discovered {
  const n = x.length / d;
  if (n === 0) return { labels: new Int32Array(0), centroids: new Float64Array(0), k: 0 };
  const sample = sampleIndices(n, opts.graphSample ?? 1000, opts.rng);
  const xs = new Float64Array(sample.length * d);
  sample.forEach((i, r) => {
    xs.set(x.subarray(i * d, i * d + d), r * d);
  });
  const minSize = Math.max(opts.minSize ?? 3, Math.ceil(sample.length * 0.01));
  let centroids: Float64Array;
  let k: number;
  if (opts.k !== undefined) {
    k = Math.max(1, Math.min(opts.k, sample.length));
    centroids = sphericalKMeans(xs, d, k, opts.rng, 8).centroids;
  } else if (sample.length < Math.max(2 * minSize, opts.minK)) {
    k = 1;
    centroids = centroidsOf(xs, d, new Int32Array(sample.length), 1);
  } else {
    const labels = graphPartition(xs, d, opts, minSize, opts.sparse && selectRows(opts.sparse, sample));
    k = countOf(labels);
    if (k < opts.minK || k > opts.maxK) {
      // No resolution gave a count within bounds: fall back to k-means at the nearest bound.
      k = Math.max(opts.minK, Math.min(opts.maxK, k));
      centroids = sphericalKMeans(xs, d, k, opts.rng, 3).centroids;
    } else centroids = centroidsOf(xs, d, labels, k);
  }
  // Refine over all items: a few Lloyd steps from the graph-based centres.
  let labels = new Int32Array(n);
  for (let it = 0; it < 5; it++) {
    const next = new Int32Array(n);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      next[i] = nearestCentroid(x, i, centroids, k, d);
      if (next[i] !== labels[i]) moved++;
    }
    // Converged when at most 0.1 % of the items moved (none at all below 1,000 items).
    const changed = moved > Math.floor(n / 1000);
    labels = next;
    const sizes = new Int32Array(k);
    for (const l of labels) sizes[l] = (sizes[l] as number) + 1;
    // Keep a centre that lost all its items rather than renumbering mid-way.
    const fresh = centroidsOf(x, d, labels, k);
    for (let j = 0; j < k; j++)
      if ((sizes[j] as number) > 0) centroids.set(fresh.subarray(j * d, j * d + d), j * d);
    if (!changed && it > 0) break;
  }
  // Drop themes that ended empty.
  const used = compact(labels);
  const kk = countOf(used);
  return { labels: used, centroids: centroidsOf(x, d, used, kk), k: kk };
}
