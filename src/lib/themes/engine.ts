/**
 * The theme engine: one call from raw answers (and the analyst's existing
 * work) to themes, assignments and outliers. See README.md for the method.
 */
import { Analyzer } from './analyze';
import { backgroundPassages } from './background';
import { discover } from './discover';
import { baseProfiles, guidedScores, type Profiles, ranks, scoreItems } from './guided';
import { characteristicTerms, labelTerms, makeLabel, wordUsage } from './label';
import { createRng } from './random';
import { normaliseDense } from './reduce';
import { type Representation, type RepresentOptions, represent } from './represent';
import { selectRows } from './sparse';
import {
  CATCH_ALL_ID,
  CATCH_ALL_LABEL,
  type ClusterInput,
  type ClusterResult,
  type GivenTheme,
  type ItemAssignment,
  type ThemeOrigin,
  type ThemeResult,
} from './types';

/** Tuning knobs with generic defaults; the public input does not need them. */
export interface EngineOptions {
  /** Combined-score floor below which an item fits no given theme. */
  outlierFloor?: number;
  /** An item fits no given theme when its best score is below this share of the median best score. */
  outlierRelative?: number;
  /** A secondary theme needs at least this share of the primary score... */
  secondaryRatio?: number;
  /** ...and at least this absolute score. */
  secondaryFloor?: number;
  /** At most this many secondary themes per item. */
  maxSecondary?: number;
  /** Share of exact-word (TF-IDF) evidence in item-theme scores; the rest is the embedding. */
  sparseWeight?: number;
  /** Representation settings (dimensions, samples, background use). */
  represent?: Omit<RepresentOptions, 'background'>;
}

let sharedAnalyzer: Analyzer | undefined;
/** One analyzer per process: the lexicon and word caches are reused across runs. */
function analyzer(): Analyzer {
  sharedAnalyzer ??= new Analyzer();
  return sharedAnalyzer;
}

function validate(input: ClusterInput): void {
  if (!Array.isArray(input.items)) throw new Error('items must be an array');
  const ids = new Set<string>();
  for (const it of input.items) {
    if (typeof it?.id !== 'string' || typeof it.text !== 'string')
      throw new Error('every item needs a string id and text');
    if (ids.has(it.id)) throw new Error(`duplicate item id: ${it.id}`);
    ids.add(it.id);
  }
  const themeIds = new Set<string>();
  for (const t of input.themes ?? []) {
    if (typeof t?.id !== 'string' || t.id === '' || typeof t.label !== 'string')
      throw new Error('every theme needs a string id and label');
    if (themeIds.has(t.id)) throw new Error(`duplicate theme id: ${t.id}`);
    themeIds.add(t.id);
  }
  for (const a of input.manual ?? []) {
    if (!ids.has(a.itemId)) throw new Error(`manual assignment for unknown item: ${a.itemId}`);
    if (!themeIds.has(a.themeId)) throw new Error(`manual assignment to unknown theme: ${a.themeId}`);
  }
  if (input.background !== undefined && !input.background.every((b) => typeof b === 'string'))
    throw new Error('background must be an array of strings');
  if (input.k !== undefined && (!Number.isInteger(input.k) || input.k < 1))
    throw new Error('k must be a positive integer');
}

/** Profiles of themes from their member items only (discovered themes). */
function memberProfiles(rep: Representation, members: number[][]): Profiles {
  const empty = {
    tfidf: {
      rows: members.length,
      cols: rep.vocab.keys.length,
      indptr: new Int32Array(members.length + 1),
      indices: new Int32Array(0),
      data: new Float32Array(0),
    },
    embed: new Float64Array(members.length * rep.dim),
  };
  return baseProfiles(rep, empty, members);
}

function freshId(prefix: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const id = `${prefix}-${i}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function clusterThemes(input: ClusterInput, options: EngineOptions = {}): ClusterResult {
  validate(input);
  const progress = (f: number) => input.onProgress?.(Math.min(1, Math.max(0, f)));
  progress(0);
  const seed = input.seed ?? 1;
  const rng = createRng(seed);
  const minK = Math.max(1, input.minThemes ?? 4);
  const maxK = Math.max(minK, input.maxThemes ?? 20);
  const sparseWeight = options.sparseWeight ?? 0.7;

  // Canonical order by id: the result must not depend on the order of the input.
  const order = input.items
    .map((_, i) => i)
    .sort((a, b) => {
      const x = (input.items[a] as { id: string }).id;
      const y = (input.items[b] as { id: string }).id;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const items = order.map((i) => input.items[i] as { id: string; text: string });
  const n = items.length;
  const indexOf = new Map(items.map((it, i) => [it.id, i]));
  const given: GivenTheme[] = [...(input.themes ?? [])];
  const K = given.length;
  const givenIndex = new Map(given.map((t, j) => [t.id, j]));

  const an = analyzer();
  const itemTerms = items.map((it, i) => {
    if (i % 2000 === 0) progress(0.3 * (i / Math.max(1, n)));
    return an.terms(it.text);
  });
  const themeTerms = given.map((t) => an.terms(`${t.label}. ${t.description ?? ''}`));
  progress(0.3);
  const background = backgroundPassages(input.background ?? []).map((p) => an.terms(p));
  const rep = represent(itemTerms, themeTerms, rng, { ...options.represent, background });
  progress(0.5);

  const empty = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (rep.tfidf.indptr[i] === rep.tfidf.indptr[i + 1]) empty[i] = 1;
  const manualTheme = new Int32Array(n).fill(-1);
  for (const a of input.manual ?? [])
    manualTheme[indexOf.get(a.itemId) as number] = givenIndex.get(a.themeId) as number;

  // primary: theme index in the final list; given themes come first.
  const primary = new Int32Array(n).fill(-1);
  const outlier = new Uint8Array(n);
  let givenScores: Float64Array = new Float64Array(0);
  let fitThreshold = 0;
  const frozen = given.map((t) => t.locked === true);
  if (K > 0) {
    const manualByTheme: number[][] = given.map(() => []);
    manualTheme.forEach((j, i) => {
      if (j >= 0) (manualByTheme[j] as number[]).push(i);
    });
    const base = baseProfiles(rep, rep.project(themeTerms), manualByTheme);
    givenScores = guidedScores(rep, base, frozen, { sparseWeight }, (r, total) =>
      progress(0.5 + (0.2 * r) / total),
    );
    const { best, top } = ranks(givenScores, K);
    const tops = [...top].filter((_, i) => !empty[i] && (manualTheme[i] as number) < 0).sort((a, b) => a - b);
    const median = tops[Math.floor(tops.length / 2)] ?? 0;
    const threshold = Math.max(options.outlierFloor ?? 0.03, (options.outlierRelative ?? 0.35) * median);
    fitThreshold = threshold;
    for (let i = 0; i < n; i++) {
      if ((manualTheme[i] as number) >= 0) primary[i] = manualTheme[i] as number;
      else if (empty[i]) outlier[i] = 1;
      else if (frozen.every((f) => f) || (top[i] as number) < threshold) outlier[i] = 1;
      else primary[i] = best[i] as number;
    }
    rescueParaphrases(rep, primary, outlier, frozen, K);
  }
  progress(0.7);

  // Discovery: all usable items in unsupervised mode, the outlier pool in guided mode.
  const pool: number[] = [];
  for (let i = 0; i < n; i++)
    if (!empty[i] && (primary[i] as number) < 0 && (manualTheme[i] as number) < 0) pool.push(i);
  const d = rep.dim;
  const poolX = new Float64Array(pool.length * d);
  pool.forEach((i, r) => {
    poolX.set(rep.embed.subarray(i * d, i * d + d), r * d);
  });
  const guided = K > 0;
  const found =
    pool.length === 0
      ? { labels: new Int32Array(0), k: 0 }
      : discover(poolX, d, {
          k: guided ? undefined : input.k,
          minK: guided ? 1 : Math.min(minK, pool.length),
          maxK: guided ? Math.max(1, Math.min(maxK, Math.floor(pool.length / 3))) : maxK,
          rng,
          sparse: selectRows(rep.tfidf, pool),
          sparseWeight,
        });
  // Number discovered themes by size (largest first), ties by first member: stable ids.
  const sizes = new Int32Array(found.k);
  for (const l of found.labels) sizes[l] = (sizes[l] as number) + 1;
  const firstMember = new Int32Array(found.k).fill(n);
  found.labels.forEach((l, r) => {
    firstMember[l] = Math.min(firstMember[l] as number, pool[r] as number);
  });
  const rank = [...sizes.keys()].sort(
    (a, b) =>
      (sizes[b] as number) - (sizes[a] as number) || (firstMember[a] as number) - (firstMember[b] as number),
  );
  const newIndex = new Int32Array(found.k);
  rank.forEach((c, r) => {
    newIndex[c] = K + r;
  });
  found.labels.forEach((l, r) => {
    primary[pool[r] as number] = newIndex[l] as number;
  });
  const D = found.k;
  const catchAll = empty.some((e, i) => e === 1 && (manualTheme[i] as number) < 0) ? K + D : -1;
  for (let i = 0; i < n; i++) {
    if ((primary[i] as number) >= 0) continue;
    primary[i] = catchAll;
    outlier[i] = 1;
  }
  const total = K + D + (catchAll >= 0 ? 1 : 0);
  progress(0.8);

  // Scores of discovered themes from their members' profile, on the same scale as guided scores.
  const members: number[][] = Array.from({ length: D }, () => []);
  for (let i = 0; i < n; i++) {
    const p = primary[i] as number;
    if (p >= K && p < K + D) (members[p - K] as number[]).push(i);
  }
  const discScores =
    D > 0 ? scoreItems(rep, memberProfiles(rep, members), sparseWeight) : new Float64Array(0);
  const scoreOf = (i: number, j: number): number =>
    j < K ? (givenScores[i * K + j] as number) : j < K + D ? (discScores[i * D + (j - K)] as number) : 0;

  const secondaryRatio = options.secondaryRatio ?? 0.35;
  // A secondary theme needs real evidence of its own: half the guided fit threshold (a second topic in one answer halves its cosine).
  const secondaryFloor = Math.max(options.secondaryFloor ?? 0.05, 0.5 * fitThreshold);
  const maxSecondary = options.maxSecondary ?? 2;
  const assignmentsSorted: ItemAssignment[] = items.map((it, i) => {
    const p = primary[i] as number;
    const manual = (manualTheme[i] as number) >= 0;
    const score = manual ? 1 : p === catchAll ? 0 : scoreOf(i, p);
    const ref = manual ? scoreOf(i, p) || 1 : score;
    const secondary: { themeId: string; score: number }[] = [];
    if (p !== catchAll) {
      // Scores share a common offset (the embedding finds every theme a bit similar):
      // compare secondary candidates to the primary above the item's median score.
      const family: number[] = [];
      for (let j = 0; j < K + D; j++) {
        if (j < K && frozen[j]) continue;
        // Outliers of guided mode fit no given theme: only compare within their own family.
        if (!manual && p >= K && j < K) continue;
        family.push(j);
      }
      const sorted = family.map((j) => scoreOf(i, j)).sort((x, y) => x - y);
      // Lower median: with an even number of themes the upper one can be the candidate itself
      // (four themes: the second-best score), which would rule out any secondary.
      const baseline = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
      const cands: [number, number][] = [];
      for (const j of family) {
        if (j === p) continue;
        const s = scoreOf(i, j);
        if (s >= secondaryFloor && s - baseline >= secondaryRatio * (ref - baseline)) cands.push([j, s]);
      }
      cands.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      for (const [j, s] of cands.slice(0, maxSecondary))
        secondary.push({ themeId: String(j), score: round(s) });
    }
    const a: ItemAssignment = { itemId: it.id, themeId: String(p), score: round(score), secondary };
    if (manual) a.manual = true;
    return a;
  });

  // Themes: ids, labels, terms, representative items.
  const terms = characteristicTerms(rep.tfidf, rep.vocab, primary, total, 8);
  // How the answers use the discovered themes' single-word terms (noun or verb reading).
  const labelWords = new Set<string>();
  for (let j = K; j < total; j++)
    if (j !== catchAll)
      for (const s of terms[j] ?? []) if (!s.display.includes(' ')) labelWords.add(s.display);
  const usage = wordUsage(
    items.map((it) => it.text),
    labelWords,
  );
  const taken = new Set(given.map((t) => t.id));
  taken.add(CATCH_ALL_ID);
  const themes: ThemeResult[] = [];
  for (let j = 0; j < total; j++) {
    const t = terms[j] ?? [];
    const termTexts = t.map((s) => s.display);
    let id: string;
    let label: string;
    let origin: ThemeOrigin;
    let locked: boolean | undefined;
    if (j < K) {
      const g = given[j] as GivenTheme;
      id = g.id;
      label = g.label;
      origin = (g.source ?? (g.description ? 'expected' : 'previous')) === 'expected' ? 'guided' : 'existing';
      locked = g.locked;
    } else if (j === catchAll) {
      id = CATCH_ALL_ID;
      label = CATCH_ALL_LABEL;
      origin = 'discovered';
    } else {
      id = freshId(guided ? 'nieuw' : 'thema', taken);
      label = makeLabel(labelTerms(t, undefined, usage).map((s) => s.display));
      origin = 'discovered';
    }
    const mem: number[] = [];
    for (let i = 0; i < n; i++) if (primary[i] === j) mem.push(i);
    const reps = mem
      .map((i) => [i, scoreOf(i, j)] as [number, number])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 5)
      .map(([i]) => (items[i] as { id: string }).id);
    const theme: ThemeResult = {
      id,
      label,
      terms: termTexts,
      representativeItemIds: reps,
      size: mem.length,
      origin,
    };
    if (locked) theme.locked = true;
    themes.push(theme);
  }
  const idOf = (j: string) => (themes[Number(j)] as ThemeResult).id;
  for (const a of assignmentsSorted) {
    a.themeId = idOf(a.themeId);
    for (const s of a.secondary) s.themeId = idOf(s.themeId);
  }
  // Back to input order.
  const assignments: ItemAssignment[] = new Array(n);
  order.forEach((orig, sorted) => {
    assignments[orig] = assignmentsSorted[sorted] as ItemAssignment;
  });
  const outliers = items.filter((_, i) => outlier[i] === 1).map((it) => it.id);
  progress(1);
  return { themes, assignments, outliers };
}

/**
 * An item with weak word overlap may still sit among a theme's items in the
 * embedding (a paraphrase). It is kept in that theme when its similarity to the
 * theme's member centre reaches the lower quartile of the members' own
 * similarities; otherwise it stays an outlier.
 */
function rescueParaphrases(
  rep: Representation,
  primary: Int32Array,
  outlier: Uint8Array,
  frozen: readonly boolean[],
  k: number,
): void {
  const d = rep.dim;
  const n = primary.length;
  const centre = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const j = primary[i] as number;
    if (j < 0 || frozen[j]) continue;
    for (let t = 0; t < d; t++)
      centre[j * d + t] = (centre[j * d + t] as number) + (rep.embed[i * d + t] as number);
  }
  normaliseDense(centre, d);
  const cos = (i: number, j: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (rep.embed[i * d + t] as number) * (centre[j * d + t] as number);
    return s;
  };
  const own: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    const j = primary[i] as number;
    if (j >= 0 && !frozen[j]) (own[j] as number[]).push(cos(i, j));
  }
  const bar = own.map((v) => {
    if (v.length < 3) return Number.POSITIVE_INFINITY;
    const sorted = [...v].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 4)] as number;
  });
  for (let i = 0; i < n; i++) {
    if (!outlier[i] || rep.tfidf.indptr[i] === rep.tfidf.indptr[i + 1]) continue;
    let best = -1;
    let bestGap = 0;
    for (let j = 0; j < k; j++) {
      if (frozen[j]) continue;
      const gap = cos(i, j) - (bar[j] as number);
      if (gap >= 0 && (best < 0 || gap > bestGap)) {
        best = j;
        bestGap = gap;
      }
    }
    if (best >= 0) {
      primary[i] = best;
      outlier[i] = 0;
    }
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
