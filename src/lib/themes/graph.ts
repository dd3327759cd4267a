/**
 * Similarity graphs and Louvain community detection (Blondel et al. 2008) on
 * weighted undirected graphs. Nodes are visited in a seeded random order so
 * that results are deterministic per seed.
 */
import { type Rng, sampleIndices } from './random';

export interface Graph {
  n: number;
  /** Adjacency lists (symmetric), neighbour ids and weights. */
  adj: Array<Map<number, number>>;
}

/** Full cosine similarity matrix of dense unit rows (n × n, for samples only). */
export function similarityMatrix(x: Float64Array, d: number): Float32Array {
  const n = x.length / d;
  const sim = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = i * d;
    sim[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const b = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += (x[a + t] as number) * (x[b + t] as number);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  return sim;
}

/** Symmetric k-nearest-neighbour graph from a similarity matrix. */
export function knnGraph(sim: Float32Array, n: number, k: number, minSim = 0): Graph {
  const kk = Math.min(k, n - 1);
  const adj: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  const topIdx = new Int32Array(Math.max(1, kk));
  const topSim = new Float64Array(Math.max(1, kk));
  for (let i = 0; i < n; i++) {
    let filled = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const s = sim[i * n + j] as number;
      if (s <= minSim) continue;
      if (filled < kk) {
        let p = filled++;
        while (p > 0 && (topSim[p - 1] as number) < s) {
          topSim[p] = topSim[p - 1] as number;
          topIdx[p] = topIdx[p - 1] as number;
          p--;
        }
        topSim[p] = s;
        topIdx[p] = j;
      } else if (s > (topSim[kk - 1] as number)) {
        let p = kk - 1;
        while (p > 0 && (topSim[p - 1] as number) < s) {
          topSim[p] = topSim[p - 1] as number;
          topIdx[p] = topIdx[p - 1] as number;
          p--;
        }
        topSim[p] = s;
        topIdx[p] = j;
      }
    }
    for (let r = 0; r < filled; r++) {
      const j = topIdx[r] as number;
      const s = topSim[r] as number;
      const w = Math.max((adj[i] as Map<number, number>).get(j) ?? 0, s);
      (adj[i] as Map<number, number>).set(j, w);
      (adj[j] as Map<number, number>).set(i, w);
    }
  }
  return { n, adj };
}

function totalWeight(g: Graph): number {
  let m2 = 0;
  for (const a of g.adj) for (const w of a.values()) m2 += w;
  return m2;
}

/** One level of local moving; returns community per node and whether anything moved. */
function localMoving(g: Graph, resolution: number, rng: Rng): { comm: Int32Array; moved: boolean } {
  const n = g.n;
  const comm = new Int32Array(n);
  const degree = new Float64Array(n);
  const commTot = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    comm[i] = i;
    let d = 0;
    for (const w of (g.adj[i] as Map<number, number>).values()) d += w;
    degree[i] = d;
    commTot[i] = d;
  }
  const m2 = totalWeight(g) || 1;
  const order = sampleIndices(n, n, rng);
  // Shuffle visiting order deterministically.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  let moved = false;
  let improved = true;
  let rounds = 0;
  const links = new Map<number, number>();
  while (improved && rounds < 50) {
    improved = false;
    rounds++;
    for (const i of order) {
      const ci = comm[i] as number;
      const ki = degree[i] as number;
      links.clear();
      for (const [j, w] of g.adj[i] as Map<number, number>) {
        if (j === i) continue;
        const cj = comm[j] as number;
        links.set(cj, (links.get(cj) ?? 0) + w);
      }
      commTot[ci] = (commTot[ci] as number) - ki;
      let best = ci;
      let bestGain = (links.get(ci) ?? 0) - (resolution * (commTot[ci] as number) * ki) / m2;
      for (const [c, w] of links) {
        const gain = w - (resolution * (commTot[c] as number) * ki) / m2;
        if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && c < best)) {
          bestGain = gain;
          best = c;
        }
      }
      commTot[best] = (commTot[best] as number) + ki;
      if (best !== ci) {
        comm[i] = best;
        improved = true;
        moved = true;
      }
    }
  }
  return { comm, moved };
}

/** Renumber labels to 0..c-1 in order of first appearance. */
export function compact(labels: ArrayLike<number>): Int32Array {
  const map = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    let c = map.get(l);
    if (c === undefined) {
      c = map.size;
      map.set(l, c);
    }
    out[i] = c;
  }
  return out;
}

/** Louvain communities; `resolution` > 1 gives more, smaller communities. */
export function louvain(g: Graph, resolution: number, rng: Rng): Int32Array {
  let labels = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) labels[i] = i;
  let graph = g;
  for (let level = 0; level < 20; level++) {
    const { comm, moved } = localMoving(graph, resolution, rng);
    if (!moved) break;
    const c = compact(comm);
    labels = Int32Array.from(labels, (l) => c[l] as number);
    const k = Math.max(...c) + 1;
    const adj: Array<Map<number, number>> = Array.from({ length: k }, () => new Map());
    graph.adj.forEach((a, i) => {
      const ci = c[i] as number;
      for (const [j, w] of a) {
        const cj = c[j] as number;
        const m = adj[ci] as Map<number, number>;
        m.set(cj, (m.get(cj) ?? 0) + w);
      }
    });
    graph = { n: k, adj };
  }
  return compact(labels);
}

/** Mean silhouette (cosine distance) of a partition, from a similarity matrix. */
export function silhouette(sim: Float32Array, labels: ArrayLike<number>): number {
  const n = labels.length;
  let k = 0;
  for (let i = 0; i < n; i++) k = Math.max(k, (labels[i] as number) + 1);
  if (k < 2) return -1;
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
  const sum = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sum.fill(0);
    for (let j = 0; j < n; j++)
      if (j !== i)
        sum[labels[j] as number] = (sum[labels[j] as number] as number) + 1 - (sim[i * n + j] as number);
    const own = labels[i] as number;
    if ((sizes[own] as number) < 2) continue;
    const a = (sum[own] as number) / ((sizes[own] as number) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++)
      if (c !== own && (sizes[c] as number) > 0) b = Math.min(b, (sum[c] as number) / (sizes[c] as number));
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

/** Newman modularity of a partition. */
export function modularity(g: Graph, labels: ArrayLike<number>, resolution = 1): number {
  const m2 = totalWeight(g);
  if (m2 === 0) return 0;
  const tot = new Map<number, number>();
  let inside = 0;
  g.adj.forEach((a, i) => {
    let d = 0;
    for (const [j, w] of a) {
      d += w;
      if (labels[j] === labels[i]) inside += w;
    }
    tot.set(labels[i] as number, (tot.get(labels[i] as number) ?? 0) + d);
  });
  let expected = 0;
  for (const t of tot.values()) expected += (t / m2) ** 2;
  return inside / m2 - resolution * expected;
}
