/** The board as the server sends it (src/lib/theme-board), for the islands. */
export type { Board, BoardItem, BoardTheme } from '../../lib/theme-board/board.server';
export type { ThemeJob } from '../../lib/theme-board/jobs.server';
export type { Review, ReviewItem, WorkItem } from '../../lib/theme-board/review.server';
export type { Suggestion } from '../../lib/theme-board/suggestions.server';
export type { MergeRecord, Workspace } from '../../lib/theme-board/workspace.server';

export interface Labels {
  audiences: Record<string, string>;
  channels: Record<string, string>;
}

/** A board action as the JSON endpoint takes it (src/lib/theme-board/schema.ts); resolves to the answer or null. */
export type Act = (action: Record<string, unknown>, done: string) => Promise<Record<string, unknown> | null>;

/** An item as the analyst saw it: in this theme (null: in no theme). */
export interface Seen {
  itemId: string;
  fromThemeId: string | null;
}

/** Moves items (all or none) to a theme. */
export type MoveTo = (items: Seen[], toThemeId: string) => Promise<boolean>;
