/**
 * Guided assignment: score items against given themes.
 *
 * A theme starts from its label and description, projected into the same
 * TF-IDF and embedding spaces as the items. Words that occur in many theme
 * descriptions separate nothing, so description terms are weighted by how
 * specific they are to one theme. Items the analyst placed by hand are added
 * to their theme's profile. Then a few rounds of self-training (Rocchio-style):
 * the items that match a theme with a clear margin lend it their distinctive
 * words (words whose confident mass lies mostly in that theme), so that
 * answers which paraphrase the description can still meet it.
 */
import { normaliseDense } from './reduce';
import type { Representation } from './represent';
import type { Csr } from './sparse';

export interface Profiles {
  k: number;
  /** k × vocabulary, unit rows. */
  sparse: Float64Array;
  /** k × dim, unit rows. */
  dense: Float64Array;
}

export interface GuidedOptions {
  /** Share of the TF-IDF score in the combined score (rest: embedding). */
  sparseWeight?: number;
  /** Self-training rounds. */
  rounds?: number;
  /** Weight of the learned part of a profile relative to the description. */
  learnWeight?: number;
  /** Theme of each item placed by the analyst (-1: none): certain examples for self-training. */
  manual?: Int32Array;
}

function addRow(target: Float64Array, offset: number, x: Csr, i: number, w: number): void {
  for (let p = x.indptr[i] as number; p < (x.indptr[i + 1] as number); p++) {
    const t = offset + (x.indices[p] as number);
    target[t] = (target[t] as number) + w * (x.data[p] as number);
  }
}

/** Profiles from theme texts (rows of `themeRows`) and manual items per theme. */
export function baseProfiles(
  rep: Representation,
  themeRows: { tfidf: Csr; embed: Float64Array },
  manual: ReadonlyArray<ReadonlyArray<number>>,
  manualWeight: (count: number, theme: number) => number = () => 1,
): Profiles {
  const k = themeRows.tfidf.rows;
  const m = rep.vocab.keys.length;
  const d = rep.dim;
  const sparse = new Float64Array(k * m);
  const dense = new Float64Array(k * d);
  // Description specificity: log(1 + k / number of theme texts containing the term).
  const themeDf = new Float64Array(m);
  for (let j = 0; j < k; j++) {
    for (let p = themeRows.tfidf.indptr[j] as number; p < (themeRows.tfidf.indptr[j + 1] as number); p++) {
      const t = themeRows.tfidf.indices[p] as number;
      themeDf[t] = (themeDf[t] as number) + 1;
    }
  }
  for (let j = 0; j < k; j++) {
    const x = themeRows.tfidf;
    for (let p = x.indptr[j] as number; p < (x.indptr[j + 1] as number); p++) {
      const t = x.indices[p] as number;
      sparse[j * m + t] = (x.data[p] as number) * Math.log(1 + k / (themeDf[t] as number));
    }
    dense.set(themeRows.embed.subarray(j * d, j * d + d), j * d);
  }
  normaliseDense(sparse, m);
  // Manual items: their centre next to the description, weighted by their number.
  manual.forEach((items, j) => {
    if (items.length === 0) return;
    const w = manualWeight(items.length, j);
    const s = new Float64Array(m);
    const e = new Float64Array(d);
    for (const i of items) {
      addRow(s, 0, rep.tfidf, i, 1);
      for (let t = 0; t < d; t++) e[t] = (e[t] as number) + (rep.embed[i * d + t] as number);
    }
    normaliseDense(s, m);
    normaliseDense(e, d);
    for (let t = 0; t < m; t++) sparse[j * m + t] = (sparse[j * m + t] as number) + w * (s[t] as number);
    for (let t = 0; t < d; t++) dense[j * d + t] = (dense[j * d + t] as number) + w * (e[t] as number);
  });
  normaliseDense(sparse, m);
  normaliseDense(dense, d);
  return { k, sparse, dense };
}

/** Combined item × theme scores in [0, 1], n × k row-major. */
export function scoreItems(rep: Representation, prof: Profiles, sparseWeight: number): Float64Array {
  const n = rep.tfidf.rows;
  const m = rep.vocab.keys.length;
  const d = rep.dim;
  const k = prof.k;
  const out = new Float64Array(n * k);
  const { indptr, indices, data } = rep.tfidf;
  const { sparse, dense } = prof;
  const embed = rep.embed;
  for (let i = 0; i < n; i++) {
    const start = indptr[i] as number;
    const end = indptr[i + 1] as number;
    for (let j = 0; j < k; j++) {
      let s = 0;
      const so = j * m;
      for (let p = start; p < end; p++)
        s += (data[p] as number) * (sparse[so + (indices[p] as number)] as number);
      let e = 0;
      if (sparseWeight < 1)
        for (let t = 0; t < d; t++) e += (embed[i * d + t] as number) * (dense[j * d + t] as number);
      out[i * k + j] = Math.min(1, Math.max(0, sparseWeight * s + (1 - sparseWeight) * e));
    }
  }
  return out;
}

/** Best and second-best theme of each row. */
export function ranks(
  scores: Float64Array,
  k: number,
): { best: Int32Array; top: Float64Array; margin: Float64Array } {
  const n = scores.length / k;
  const best = new Int32Array(n);
  const top = new Float64Array(n);
  const margin = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let b = 0;
    let s1 = Number.NEGATIVE_INFINITY;
    let s2 = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const s = scores[i * k + j] as number;
      if (s > s1) {
        s2 = s1;
        s1 = s;
        b = j;
      } else if (s > s2) s2 = s;
    }
    best[i] = b;
    top[i] = s1;
    margin[i] = k > 1 ? s1 - s2 : s1;
  }
  return { best, top, margin };
}

/**
 * Self-training: learn from confidently matched items. `frozen[j]` themes
 * (locked) learn nothing and receive nothing automatically.
 */
export function guidedScores(
  rep: Representation,
  base: Profiles,
  frozen: readonly boolean[],
  options: GuidedOptions = {},
  onRound?: (round: number, rounds: number) => void,
): Float64Array {
  const sparseWeight = options.sparseWeight ?? 0.7;
  const rounds = options.rounds ?? 3;
  // The learned part stays below the description: it comes from items that are right only
  // about 60 % of the time, and a heavier weight (0.6) drifted measurably on both labelled sets.
  const learn = options.learnWeight ?? 0.3;
  const n = rep.tfidf.rows;
  const m = rep.vocab.keys.length;
  const d = rep.dim;
  const k = base.k;
  const mask = (scores: Float64Array): Float64Array => {
    for (let j = 0; j < k; j++) if (frozen[j]) for (let i = 0; i < n; i++) scores[i * k + j] = 0;
    return scores;
  };
  const manual = options.manual;
  let scores = mask(scoreItems(rep, base, sparseWeight));
  for (let r = 0; r < rounds; r++) {
    onRound?.(r, rounds);
    const { best, top, margin } = ranks(scores, k);
    const margins = [...margin].filter((_, i) => (top[i] as number) > 0).sort((a, b) => a - b);
    const cut = margins[Math.floor(margins.length / 2)] ?? 0;
    const mass = new Float64Array(k * m);
    const emb = new Float64Array(k * d);
    for (let i = 0; i < n; i++) {
      const placed = manual ? (manual[i] as number) : -1;
      if (placed < 0 && ((top[i] as number) <= 0 || (margin[i] as number) < cut)) continue;
      const j = placed >= 0 ? placed : (best[i] as number);
      addRow(mass, j * m, rep.tfidf, i, 1);
      for (let t = 0; t < d; t++)
        emb[j * d + t] = (emb[j * d + t] as number) + (rep.embed[i * d + t] as number);
    }
    // Keep only words whose confident mass lies mostly in one theme, weighted by that share.
    const total = new Float64Array(m);
    for (let j = 0; j < k; j++)
      for (let t = 0; t < m; t++) total[t] = (total[t] as number) + (mass[j * m + t] as number);
    for (let j = 0; j < k; j++) {
      for (let t = 0; t < m; t++) {
        const v = mass[j * m + t] as number;
        if (v === 0) continue;
        const share = v / (total[t] as number);
        mass[j * m + t] = share >= 0.5 ? v * share : 0;
      }
    }
    normaliseDense(mass, m);
    normaliseDense(emb, d);
    const prof: Profiles = { k, sparse: new Float64Array(base.sparse), dense: new Float64Array(base.dense) };
    for (let j = 0; j < k; j++) {
      if (frozen[j]) continue;
      for (let t = 0; t < m; t++)
        prof.sparse[j * m + t] = (prof.sparse[j * m + t] as number) + learn * (mass[j * m + t] as number);
      for (let t = 0; t < d; t++)
        prof.dense[j * d + t] = (prof.dense[j * d + t] as number) + learn * (emb[j * d + t] as number);
    }
    normaliseDense(prof.sparse, m);
    normaliseDense(prof.dense, d);
    scores = mask(scoreItems(rep, prof, sparseWeight));
  }
  return scores;
}
