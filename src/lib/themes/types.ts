/** Public types of the theme engine. */

export interface ThemeItem {
  id: string;
  text: string;
}

/**
 * A theme the analyst already has: an expected theme for guided mode
 * (with a description), or a theme from earlier work (possibly renamed,
 * merged or locked by the analyst). Its id and label are never changed.
 */
export interface GivenTheme {
  id: string;
  label: string;
  /** One or two sentences on what belongs in the theme; strongly improves matching. */
  description?: string;
  /**
   * Locked: id, label and membership are frozen. The theme keeps exactly its
   * manual items and receives no automatic assignments.
   */
  locked?: boolean;
  /** 'expected' (guided list, default when a description is given) or 'previous' (earlier run). */
  source?: 'expected' | 'previous';
}

export interface ManualAssignment {
  itemId: string;
  themeId: string;
}

export interface ClusterInput {
  items: ThemeItem[];
  /** Expected or existing themes; when present the engine runs guided. */
  themes?: GivenTheme[];
  /**
   * Analyst's placements; always kept as they are (score 1, never moved) and
   * learned from. A `themeId` that is not among `themes` is a theme the analyst
   * made: it is added as an existing theme whose label is its id.
   */
  manual?: ManualAssignment[];
  /** Force the number of discovered themes (unsupervised mode only). */
  k?: number;
  /** Seed of all randomness; same input + seed → same output. Default 1. */
  seed?: number;
  /** Bounds for the automatically chosen number of discovered themes. Default 4–20. */
  minThemes?: number;
  maxThemes?: number;
  /**
   * The consultation's background documents (policy plans, council letters;
   * plain text or Markdown, one string per document). Optional. They are never
   * clustered or assigned; they only widen the corpus from which the engine
   * learns which words belong together (see README.md, "Background texts").
   */
  background?: string[];
  /** Reports progress in [0, 1] for long background jobs. */
  onProgress?: (fraction: number) => void;
  /**
   * Optional vector per item id (from a semantic embeddings backend), blended
   * with the lexical representation. Items without a (valid) vector use the
   * lexical representation alone; vectors of another length than the most
   * common one, or with non-finite values, are ignored.
   */
  embeddings?: ReadonlyMap<string, ArrayLike<number>>;
}

export type ThemeOrigin = 'guided' | 'discovered' | 'existing';

export interface ThemeResult {
  id: string;
  label: string;
  /** Readable top terms (surface forms, most characteristic first). */
  terms: string[];
  /** 3–5 items closest to the theme's centre. */
  representativeItemIds: string[];
  /** Number of items with this theme as primary. */
  size: number;
  origin: ThemeOrigin;
  locked?: boolean;
  /**
   * 0..1: how close the theme's items are to each other against the rest of
   * the items (1 − mean similarity to the rest / mean similarity within,
   * leaving each item out of its own centre). 0 for themes under 2 items.
   */
  coherence: number;
  /**
   * For a theme with a description: how well its items match that description
   * (cosine of the description and the items' centre), 0..1.
   */
  descriptionFit?: number;
}

export interface SecondaryTheme {
  themeId: string;
  score: number;
}

export interface ItemAssignment {
  itemId: string;
  /** Primary theme. */
  themeId: string;
  /** Strength of the primary match in [0, 1] (1 for manual assignments). */
  score: number;
  /** Further themes with strong evidence, strongest first. */
  secondary: SecondaryTheme[];
  /** True when this placement is the analyst's. */
  manual?: boolean;
  /** Second-best theme (the review queue shows both). */
  runnerUp?: { themeId: string; score: number };
  /** Manual items only: where the engine itself would put the item (move suggestions). */
  engineThemeId?: string;
  /** Manual items only: the engine's confidence in `engineThemeId`, 0..1. */
  engineScore?: number;
}

export interface ClusterResult {
  themes: ThemeResult[];
  /** One per input item, in input order. */
  assignments: ItemAssignment[];
  /**
   * Items that fit none of the given themes (guided) or carry no usable words.
   * They are still assigned: to candidate themes, or to the catch-all theme.
   */
  outliers: string[];
  /**
   * Themes whose centres are so close that they probably name one concept:
   * `themeId` could be merged into `intoThemeId` (an analyst decision; the
   * engine never merges by itself). Strongest first.
   */
  mergeSuggestions: MergeSuggestion[];
}

export interface MergeSuggestion {
  themeId: string;
  intoThemeId: string;
  /** Cosine of the two theme centres, 0..1. */
  similarity: number;
}

/** One item's best theme under `Scorer.score`. */
export interface ItemScore {
  itemId: string;
  themeId: string;
  /** Confidence in `themeId`, 0..1; lower = more doubt (review-queue order). */
  score: number;
  runnerUp?: { themeId: string; score: number };
}

/**
 * Incremental scoring for the board: the item representation is built once
 * (`createScorer`); each call only rebuilds theme profiles and scores.
 */
export interface Scorer {
  /**
   * Scores items against theme profiles built from the members given
   * (confirmed/placed items weigh most). Themes: every key of `members` plus
   * every non-locked theme given to `createScorer`. `itemIds` limits the items
   * scored (default: all). `confirmed` marks the analyst's items among the
   * members: they weigh more than the others. Ids the scorer was not built
   * with (items added since) are ignored, in `members` and in `itemIds`.
   */
  score(
    members: ReadonlyMap<string, readonly string[]>,
    itemIds?: readonly string[],
    confirmed?: ReadonlySet<string>,
  ): ItemScore[];
  /** Items most similar to an item or to a set of items (a theme), best first. */
  similar(
    to: readonly string[],
    limit: number,
    exclude?: ReadonlySet<string>,
  ): { itemId: string; similarity: number }[];
}

/** Id and label of the catch-all theme for items without usable words ("ok", "geen idee"). */
export const CATCH_ALL_ID = 'overig';
export const CATCH_ALL_LABEL = 'Overig';
