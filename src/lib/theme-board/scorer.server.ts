import { createScorer, type GivenTheme, type ItemScore, type Scorer, type ThemeItem } from '../themes';

/**
 * The engine's incremental scorer (src/lib/themes, `createScorer`) as the board uses it: built
 * once per consultation from the approved texts (the expensive part), then `score` re-scores the
 * unconfirmed items against theme profiles built from the current members (confirmed items weigh
 * most) and `similar` finds items like an item or a theme.
 */
export type BoardScorer = Scorer;
export type { ItemScore };

export interface ScorerInput {
  items: ThemeItem[];
  themes?: GivenTheme[];
}

export function buildScorer(input: ScorerInput): BoardScorer {
  return createScorer(input);
}
