/**
 * Spherical k-means (cosine similarity) on dense unit-length rows, with
 * k-means++ seeding and a fixed number of seeded restarts.
 */
import type { Rng } from './random';

export interface KMeansResult {
  labels: Int32Array;
  /** k × d unit-length centroids, row-major. */
  centroids: Float64Array;
  /** Sum over items of cosine similarity to their centroid (higher is better). */
  cohesion: number;
}

function dot(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  const a = i * d;
  const b = j * d;
  for (let t = 0; t < d; t++) s += (x[a + t] as number) * (c[b + t] as number);
  return s;
}

function seedPlusPlus(x: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const c = new Float64Array(k * d);
  const first = Math.floor(rng() * n);
  c.set(x.subarray(first * d, first * d + d), 0);
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dd = Math.max(0, 1 - dot(x, i, c, j - 1, d));
      if (dd < (dist[i] as number)) dist[i] = dd;
      total += dist[i] as number;
    }
    let r = rng() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= dist[i] as number;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    c.set(x.subarray(pick * d, pick * d + d), j * d);
  }
  return c;
}

function runOnce(x: Float64Array, n: number, d: number, k: number, rng: Rng, maxIter: number): KMeansResult {
  const c = seedPlusPlus(x, n, d, k, rng);
  const labels = new Int32Array(n).fill(-1);
  const best = new Float64Array(n);
  let cohesion = 0;
  for (let it = 0; it < maxIter; it++) {
    let changed = 0;
    cohesion = 0;
    for (let i = 0; i < n; i++) {
      let bj = 0;
      let bs = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        const s = dot(x, i, c, j, d);
        if (s > bs) {
          bs = s;
          bj = j;
        }
      }
      best[i] = bs;
      cohesion += bs;
      if (labels[i] !== bj) {
        labels[i] = bj;
        changed++;
      }
    }
    if (changed === 0 && it > 0) break;
    c.fill(0);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const j = labels[i] as number;
      counts[j] = (counts[j] as number) + 1;
      for (let t = 0; t < d; t++) c[j * d + t] = (c[j * d + t] as number) + (x[i * d + t] as number);
    }
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) {
        // Re-seed an empty cluster with the worst-fitting item.
        let worst = 0;
        for (let i = 1; i < n; i++) if ((best[i] as number) < (best[worst] as number)) worst = i;
        best[worst] = Number.POSITIVE_INFINITY;
        c.set(x.subarray(worst * d, worst * d + d), j * d);
        continue;
      }
      let norm = 0;
      for (let t = 0; t < d; t++) norm += (c[j * d + t] as number) ** 2;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let t = 0; t < d; t++) c[j * d + t] = (c[j * d + t] as number) * inv;
    }
  }
  return { labels, centroids: c, cohesion };
}

/** Best of `restarts` seeded runs by cohesion. */
export function sphericalKMeans(
  x: Float64Array,
  d: number,
  k: number,
  rng: Rng,
  restarts = 5,
  maxIter = 50,
): KMeansResult {
  const n = x.length / d;
  const kk = Math.max(1, Math.min(k, n));
  let best: KMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const res = runOnce(x, n, d, kk, rng, maxIter);
    if (!best || res.cohesion > best.cohesion) best = res;
  }
  return best as KMeansResult;
}

/** Index of the most similar centroid and the similarity, for one row. */
export function nearest(x: Float64Array, i: number, c: Float64Array, k: number, d: number): [number, number] {
  let bj = 0;
  let bs = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) {
    const s = dot(x, i, c, j, d);
    if (s > bs) {
      bs = s;
      bj = j;
    }
  }
  return [bj, bs];
}
