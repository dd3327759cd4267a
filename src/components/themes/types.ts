/** The board as the server sends it (src/lib/theme-board/board.server.ts), for the islands. */
export type { Board, BoardItem, BoardTheme } from '../../lib/theme-board/board.server';
export type { ThemeJob } from '../../lib/theme-board/jobs.server';

export interface Labels {
  audiences: Record<string, string>;
  channels: Record<string, string>;
}

/** A board action as the JSON endpoint takes it (src/lib/theme-board/schema.ts). */
export type Act = (action: Record<string, unknown>, done: string) => Promise<boolean>;

/** Moves an item; `from` is the theme the analyst saw it in (null: no theme). */
export type Move = (itemId: string, from: string | null, to: string) => Promise<boolean>;
