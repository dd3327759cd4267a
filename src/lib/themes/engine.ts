/**
 * The theme engine: one call from raw answers (and the analyst's existing
 * work) to themes, assignments and outliers. See README.md for the method.
 */
import { Analyzer } from './analyze';
import { backgroundPassages } from './background';
import { blendEmbeddings } from './blend';
import { discover } from './discover';
import { baseProfiles, guidedScores, type Profiles, ranks, scoreItems } from './guided';
import { characteristicTerms, keywordTerms, labelTerms, makeLabel, wordUsage } from './label';
import {
  addCentre,
  coherence,
  confidence,
  emptyProfiles,
  finish,
  groupAffinity,
  itemProfileScore,
  leaveOneOutFit,
  memberWeight,
  profileSimilarity,
} from './profile';
import { createRng } from './random';
import { normaliseDense } from './reduce';
import { type Representation, type RepresentOptions, represent } from './represent';
import { type Csr, selectRows } from './sparse';
import {
  CATCH_ALL_ID,
  CATCH_ALL_LABEL,
  type ClusterInput,
  type ClusterResult,
  type GivenTheme,
  type ItemAssignment,
  type MergeSuggestion,
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
  /** Weight of external vectors (`ClusterInput.embeddings`) in the dense similarity. Default 0.7. */
  embeddingWeight?: number;
  /** Guided: weakly fitting items that form a group of their own become candidate themes (default true). */
  farGroups?: boolean;
  /** Items below this share of the median best score are examined for such groups. */
  farWeak?: number;
  /** Smallest group that becomes a candidate (at least 1 % of the items). */
  farMin?: number;
  /** A group becomes a candidate when its mean best score is below this share of the median. */
  farAccept?: number;
  /** Manual items take part in self-training as certain examples (default true). */
  manualLearn?: boolean;
  /** Centre similarity from which two themes get a merge suggestion. */
  mergeThreshold?: number;
  /** Representation settings (dimensions, samples, background use). */
  represent?: Omit<RepresentOptions, 'background'>;
}

let sharedAnalyzer: Analyzer | undefined;
/** One analyzer per process: the lexicon and word caches are reused across runs. */
export function analyzer(): Analyzer {
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
    // A theme id that is not among `themes` is a theme the analyst made.
    if (typeof a.themeId !== 'string' || a.themeId === '')
      throw new Error(`manual assignment without a theme id: ${a.itemId}`);
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
  // Themes the analyst made: named in a manual placement only; the id is the label until renamed.
  const known = new Set(given.map((t) => t.id));
  const made = [...new Set((input.manual ?? []).map((a) => a.themeId))].filter((id) => !known.has(id)).sort();
  const madeStart = given.length;
  for (const id of made) given.push({ id, label: id, source: 'previous' });
  const K = given.length;
  const givenIndex = new Map(given.map((t, j) => [t.id, j]));

  const an = analyzer();
  const itemTerms = items.map((it, i) => {
    if (i % 2000 === 0) progress(0.3 * (i / Math.max(1, n)));
    return an.terms(it.text);
  });
  // An analyst-made theme has no text of its own (its label is an id): its members are its profile.
  const themeTerms = given.map((t, j) =>
    j >= madeStart ? [] : an.terms(`${t.label}. ${t.description ?? ''}`),
  );
  progress(0.3);
  const background = backgroundPassages(input.background ?? []).map((p) => an.terms(p));
  const lexical = represent(itemTerms, themeTerms, rng, { ...options.represent, background });
  const rep = blendEmbeddings(
    lexical,
    items.map((it) => it.id),
    input.embeddings,
    options.embeddingWeight,
  );
  // Semantic vectors, when given, carry more of the evidence than the exact words.
  const sparseWeight = options.sparseWeight ?? (rep === lexical ? 0.7 : 0.4);
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
  // Given themes' profiles from their label and description alone.
  let descriptions: Profiles | undefined;
  // Manual items: their scores against profiles that did not learn from them (move suggestions).
  let heldOut = new Map<number, Float64Array>();
  let fitThreshold = 0;
  const frozen = given.map((t) => t.locked === true);
  if (K > 0) {
    const manualByTheme: number[][] = given.map(() => []);
    manualTheme.forEach((j, i) => {
      if (j >= 0) (manualByTheme[j] as number[]).push(i);
    });
    const themeRows = rep.project(themeTerms);
    // A theme without a description has only its label (or nothing): its placed items make its profile.
    const weightOf = (count: number, j: number) =>
      (given[j] as GivenTheme).description?.trim() ? memberWeight(count) : 2;
    const base = baseProfiles(rep, themeRows, manualByTheme, weightOf);
    descriptions = baseProfiles(rep, themeRows, []);
    heldOut = heldOutScores(rep, themeRows, manualByTheme, frozen, sparseWeight);
    const guidedOptions = {
      sparseWeight,
      manual: options.manualLearn === false ? undefined : manualTheme,
    };
    givenScores = guidedScores(rep, base, frozen, guidedOptions, (r, total) =>
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
    if (options.farGroups !== false)
      separateFarGroups(rep, primary, outlier, manualTheme, top, median, K, seed, sparseWeight, options);
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
  // A given (or analyst-made) theme with the catch-all's id is the catch-all: one "overig", not two.
  const givenCatchAll = givenIndex.get(CATCH_ALL_ID);
  const needCatchAll = empty.some((e, i) => e === 1 && (manualTheme[i] as number) < 0);
  const catchAll = givenCatchAll ?? (needCatchAll ? K + D : -1);
  for (let i = 0; i < n; i++) {
    if ((primary[i] as number) >= 0) continue;
    primary[i] = catchAll;
    outlier[i] = 1;
  }
  const total = K + D + (catchAll >= K + D ? 1 : 0);
  progress(0.8);

  // Scores of discovered themes from their members' profile, on the same scale as guided scores.
  const members: number[][] = Array.from({ length: D }, () => []);
  for (let i = 0; i < n; i++) {
    const p = primary[i] as number;
    if (p >= K && p < K + D) (members[p - K] as number[]).push(i);
  }
  const discScores =
    D > 0 ? scoreItems(rep, memberProfiles(rep, members), sparseWeight) : new Float64Array(0);
  // A candidate's items made its centre: their confidence uses their fit to the others (leave-one-out).
  const ownFit = D > 0 ? leaveOneOutFit(rep, members, sparseWeight) : new Float64Array(0);
  const scoreOf = (i: number, j: number): number =>
    j < K ? (givenScores[i * K + j] as number) : j < K + D ? (discScores[i * D + (j - K)] as number) : 0;

  const secondaryRatio = options.secondaryRatio ?? 0.35;
  // A secondary theme needs real evidence of its own: half the guided fit threshold (a second topic in one answer halves its cosine).
  const secondaryFloor = Math.max(options.secondaryFloor ?? 0.05, 0.5 * fitThreshold);
  const maxSecondary = options.maxSecondary ?? 2;
  const assignmentsSorted: ItemAssignment[] = items.map((it, i) => {
    const p = primary[i] as number;
    const manual = (manualTheme[i] as number) >= 0;
    // Best and second-best theme by the engine's own scores (locked themes take nothing automatically).
    const own = heldOut.get(i);
    const engineScore = (j: number) => (own && j < K ? (own[j] as number) : scoreOf(i, j));
    let e1 = -1;
    let e2 = -1;
    for (let j = 0; j < K + D; j++) {
      if (j < K && frozen[j]) continue;
      const s = engineScore(j);
      if (e1 < 0 || s > engineScore(e1)) {
        e2 = e1;
        e1 = j;
      } else if (e2 < 0 || s > engineScore(e2)) e2 = j;
    }
    const fit = p === catchAll ? 0 : scoreOf(i, p);
    const looFit = p >= K && p < K + D ? (ownFit[i] as number) : Number.NaN;
    // Confidence in the primary: how far it beats the best other theme (0 when another fits better).
    const other = e1 === p ? e2 : e1;
    const score = manual
      ? 1
      : p === catchAll
        ? 0
        : confidence(Number.isNaN(looFit) ? fit : looFit, other >= 0 ? scoreOf(i, other) : undefined);
    const ref = manual ? fit || 1 : fit;
    const secondary: { themeId: string; score: number }[] = [];
    if (p !== catchAll) {
      // Scores share a common offset (the embedding finds every theme a bit similar):
      // compare secondary candidates to the primary above the item's median score.
      const family: number[] = [];
      for (let j = 0; j < K + D; j++) {
        if (j < K && frozen[j]) continue;
        // Outliers of guided mode fit no given theme: only compare within their own family.
        if (!manual && p >= K && j < K) continue;
        // And the other way round: candidate scores come from member centres, on another scale.
        if (p < K && j >= K) continue;
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
    if (p !== catchAll && other >= 0)
      a.runnerUp = { themeId: String(other), score: round(scoreOf(i, other)) };
    if (manual) {
      a.manual = true;
      if (e1 >= 0) {
        a.engineThemeId = String(e1);
        a.engineScore = round(confidence(engineScore(e1), e2 >= 0 ? engineScore(e2) : undefined));
      }
    }
    return a;
  });

  // Themes: ids, labels, terms, representative items.
  const terms = characteristicTerms(rep.tfidf, rep.vocab, primary, total, 16);
  // How the answers use the discovered themes' single-word terms (noun or verb reading).
  const labelWords = new Set<string>();
  for (let j = 0; j < total; j++)
    if (j !== catchAll)
      for (const s of terms[j] ?? []) if (!s.display.includes(' ')) labelWords.add(s.display);
  const usage = wordUsage(
    items.map((it) => it.text),
    labelWords,
  );
  const taken = new Set(given.map((t) => t.id));
  taken.add(CATCH_ALL_ID);
  const groups: number[][] = Array.from({ length: total }, () => []);
  for (let i = 0; i < n; i++)
    if ((primary[i] as number) >= 0) (groups[primary[i] as number] as number[]).push(i);
  // Centres of the themes' members only (no description): for representatives and merge suggestions.
  const centres = emptyProfiles(rep, total);
  groups.forEach((g, j) => {
    if (j !== catchAll) addCentre(rep, centres, j, g, undefined, 1);
  });
  finish(rep, centres);
  const coherences = coherence(rep, groups, sparseWeight);
  // How well each described theme's items match its description.
  const fits = given.map((g, j) =>
    descriptions && g.description?.trim() && (groups[j] as number[]).length > 0
      ? profileSimilarity(rep, descriptions, j, centres, j, sparseWeight)
      : undefined,
  );
  const weakExpected = weakExpectedThemes(given, fits, coherences, manualTheme);
  const themes: ThemeResult[] = [];
  for (let j = 0; j < total; j++) {
    const t = terms[j] ?? [];
    const termTexts = keywordTerms(t, 8, undefined, usage).map((s) => s.display);
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
      if (weakExpected.has(j)) {
        // Its items do not match the predefined description: a candidate with a label of its own.
        label = makeLabel(labelTerms(t, undefined, usage).map((s) => s.display));
        origin = 'discovered';
      }
    } else if (j === catchAll) {
      id = CATCH_ALL_ID;
      label = CATCH_ALL_LABEL;
      origin = 'discovered';
    } else {
      id = freshId(guided ? 'nieuw' : 'thema', taken);
      label = makeLabel(labelTerms(t, undefined, usage).map((s) => s.display));
      origin = 'discovered';
    }
    const mem = groups[j] as number[];
    // Representatives: the most central items (closest to the centre of the theme's items).
    const reps = mem
      .map((i) => [i, itemProfileScore(rep, centres, i, j, sparseWeight)] as [number, number])
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
      coherence: j === catchAll ? 0 : round(coherences[j] as number),
    };
    const fit = fits[j];
    if (fit !== undefined) theme.descriptionFit = round(fit);
    if (locked) theme.locked = true;
    themes.push(theme);
  }
  const idOf = (j: string) => (themes[Number(j)] as ThemeResult).id;
  for (const a of assignmentsSorted) {
    a.themeId = idOf(a.themeId);
    for (const s of a.secondary) s.themeId = idOf(s.themeId);
    if (a.runnerUp) a.runnerUp.themeId = idOf(a.runnerUp.themeId);
    if (a.engineThemeId !== undefined) a.engineThemeId = idOf(a.engineThemeId);
  }
  // Back to input order.
  const assignments: ItemAssignment[] = new Array(n);
  order.forEach((orig, sorted) => {
    assignments[orig] = assignmentsSorted[sorted] as ItemAssignment;
  });
  const outliers = items.filter((_, i) => outlier[i] === 1).map((it) => it.id);
  const mergeSuggestions = suggestMerges(
    groupAffinity(rep, groups, sparseWeight),
    themes,
    catchAll,
    options.mergeThreshold ?? MERGE_THRESHOLD,
  );
  progress(1);
  return { themes, assignments, outliers, mergeSuggestions };
}

/**
 * Expected (predefined) themes whose items do not match their description:
 * description fit below 0.85 × the median fit of the described themes, and
 * coherence below 0.3 × the median coherence (or fewer than 2 items). (Half
 * the median also caught a right theme whose answers share few words with
 * its description, on the dev set with background documents.) Their
 * predefined label would make a weak group look authoritative. Themes with
 * items the analyst placed, and themes from earlier work, are never weak.
 */
export function weakExpectedThemes(
  given: readonly GivenTheme[],
  fits: readonly (number | undefined)[],
  coherences: readonly number[],
  manualTheme: Int32Array,
): Set<number> {
  const out = new Set<number>();
  const described = given.map((_, j) => j).filter((j) => fits[j] !== undefined);
  if (described.length < 3) return out;
  const mid = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
  const fitBar = 0.85 * mid(described.map((j) => fits[j] as number));
  const cohBar = 0.3 * mid(described.map((j) => coherences[j] as number));
  const placed = new Set(manualTheme);
  for (const j of described) {
    const g = given[j] as GivenTheme;
    if ((g.source ?? 'expected') !== 'expected' || g.locked || placed.has(j)) continue;
    if ((fits[j] as number) < fitBar && (coherences[j] as number) < cohBar) out.add(j);
  }
  return out;
}

/** Affinity (see `groupAffinity`) from which two themes probably name one concept. */
const MERGE_THRESHOLD = 0.75;

/**
 * Pairs of themes whose member centres are close. The direction keeps the
 * analyst's work: a candidate merges into a given (expected or existing)
 * theme, otherwise the smaller into the larger; a locked theme is never
 * merged away, and two given themes are only suggested when neither is locked.
 */
function suggestMerges(
  affinity: Float64Array,
  themes: readonly ThemeResult[],
  catchAll: number,
  threshold: number,
): MergeSuggestion[] {
  const out: MergeSuggestion[] = [];
  const rank = (t: ThemeResult) => (t.locked ? 3 : t.origin === 'discovered' ? 1 : 2);
  for (let a = 0; a < themes.length; a++) {
    for (let b = a + 1; b < themes.length; b++) {
      const ta = themes[a] as ThemeResult;
      const tb = themes[b] as ThemeResult;
      if (a === catchAll || b === catchAll || ta.size === 0 || tb.size === 0) continue;
      if (ta.locked && tb.locked) continue;
      const similarity = affinity[a * themes.length + b] as number;
      if (similarity < threshold) continue;
      const [from, into] =
        rank(ta) !== rank(tb)
          ? rank(ta) < rank(tb)
            ? [ta, tb]
            : [tb, ta]
          : ta.size < tb.size || (ta.size === tb.size && a > b)
            ? [ta, tb]
            : [tb, ta];
      out.push({ themeId: from.id, intoThemeId: into.id, similarity: round(similarity) });
    }
  }
  return out.sort((x, y) => y.similarity - x.similarity || (x.themeId < y.themeId ? -1 : 1));
}

/**
 * Where the engine would put the analyst's own items if it had not learned
 * from them: the manual items are split in two halves (alternating, in id
 * order); each half is scored against profiles built from the descriptions
 * and the other half's placements only (two-fold cross-fitting).
 */
function heldOutScores(
  rep: Representation,
  themeRows: { tfidf: Csr; embed: Float64Array },
  manualByTheme: readonly (readonly number[])[],
  frozen: readonly boolean[],
  sparseWeight: number,
): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  const all = manualByTheme
    .flatMap((items, j) => items.map((i) => [i, j] as const))
    .sort((a, b) => a[0] - b[0]);
  if (all.length === 0) return out;
  const fold = new Map(all.map(([i], r) => [i, r % 2]));
  const k = manualByTheme.length;
  for (const f of [0, 1]) {
    const train = manualByTheme.map((items) => items.filter((i) => fold.get(i) !== f));
    const prof = baseProfiles(rep, themeRows, train);
    for (const [i] of all) {
      if (fold.get(i) !== f) continue;
      const row = new Float64Array(k);
      for (let j = 0; j < k; j++) if (!frozen[j]) row[j] = itemProfileScore(rep, prof, i, j, sparseWeight);
      out.set(i, row);
    }
  }
  return out;
}

/**
 * Guided mode: items far from every given theme must not be forced in. One
 * item's fit is noisy, a group's is not: the weakly fitting items (best score
 * below `farWeak` × the median best score) are clustered on their own, and a
 * cluster becomes a candidate theme when its items fit the given themes
 * badly on average (mean best score below `farAccept` × the median), it has
 * at least max(3, 1 %) items, and it holds together at least as well as the
 * median given theme (coherence, see profile.ts): a topic nobody predefined.
 * Other weak items stay where they fit best. Own random stream, so the rest
 * of the run is unchanged when nothing is found.
 */
function separateFarGroups(
  rep: Representation,
  primary: Int32Array,
  outlier: Uint8Array,
  manualTheme: Int32Array,
  top: Float64Array,
  median: number,
  k: number,
  seed: number,
  sparseWeight: number,
  options: EngineOptions,
): void {
  const n = primary.length;
  if (median <= 0) return;
  const minSize = Math.max(options.farMin ?? 3, Math.ceil(0.01 * n));
  const weakBar = (options.farWeak ?? 0.8) * median;
  const weak: number[] = [];
  for (let i = 0; i < n; i++)
    if ((primary[i] as number) >= 0 && (manualTheme[i] as number) < 0 && (top[i] as number) < weakBar)
      weak.push(i);
  if (weak.length < 2 * minSize) return;
  const d = rep.dim;
  const x = new Float64Array(weak.length * d);
  weak.forEach((i, r) => {
    x.set(rep.embed.subarray(i * d, i * d + d), r * d);
  });
  const found = discover(x, d, {
    minK: 1,
    maxK: Math.max(1, Math.min(20, Math.floor(weak.length / minSize))),
    rng: createRng(seed + 7919),
    // A smaller graph sample than discovery proper: only groups of ≥ 1 % matter here (≥ 5 sample items).
    graphSample: 500,
    sparse: selectRows(rep.tfidf, weak),
    sparseWeight,
  });
  const clusters: number[][] = Array.from({ length: found.k }, () => []);
  found.labels.forEach((l, r) => {
    (clusters[l] as number[]).push(weak[r] as number);
  });
  // The bar for holding together: the median coherence of the given themes as placed now.
  const givenGroups: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++)
    if ((primary[i] as number) >= 0) (givenGroups[primary[i] as number] as number[]).push(i);
  const givenCoh = coherence(rep, givenGroups, sparseWeight)
    .filter((_, j) => (givenGroups[j] as number[]).length >= 2)
    .sort((a, b) => a - b);
  const bar = givenCoh[Math.floor(givenCoh.length / 2)] ?? 0;
  const clusterCoh = coherence(rep, clusters, sparseWeight);
  const accept = (options.farAccept ?? 0.6) * median;
  clusters.forEach((members, c) => {
    if (members.length < minSize) return;
    const meanTop = members.reduce((s, i) => s + (top[i] as number), 0) / members.length;
    if (meanTop >= accept || (clusterCoh[c] as number) < bar) return;
    for (const i of members) {
      primary[i] = -1;
      outlier[i] = 1;
    }
  });
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
