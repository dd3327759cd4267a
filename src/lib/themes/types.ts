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
  /** Analyst's placements; always kept as they are (score 1, never moved). */
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
}

/** Id and label of the catch-all theme for items without usable words ("ok", "geen idee"). */
export const CATCH_ALL_ID = 'overig';
export const CATCH_ALL_LABEL = 'Overig';
