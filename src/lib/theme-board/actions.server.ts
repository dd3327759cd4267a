import type { CallerDb } from '../db/types';
import {
  dismissTheme,
  editTheme,
  freezeSnapshot,
  mergeThemes,
  moveItem,
  setLocked,
  setPublished,
} from './edit.server';
import type { BoardAction, BoardResult } from './schema';
import { decideSuggestion } from './suggestions.server';
import { acceptTheme, confirmItem, createThemeFromItems, moveItems, undoMerge } from './workspace.server';

/**
 * One board action, as the caller. Nothing here reaches residents: a version is published, and the
 * results e-mail sent, as their own deliberate steps (src/lib/publishing).
 */
export async function performBoardAction(
  db: CallerDb,
  consultationId: string,
  action: BoardAction,
): Promise<BoardResult<Record<string, unknown>>> {
  switch (action.action) {
    case 'edit':
      return editTheme(db, action);
    case 'lock':
      return setLocked(db, action);
    case 'dismiss':
      return dismissTheme(db, action);
    case 'merge':
      return mergeThemes(db, action);
    case 'move':
      return moveItem(db, action);
    case 'snapshot':
      return freezeSnapshot(db, consultationId, action.label);
    case 'publish':
      return setPublished(db, action);
    case 'accept':
      return acceptTheme(db, action);
    case 'confirm':
      return confirmItem(db, action);
    case 'moveMany':
      return moveItems(db, action);
    case 'createTheme':
      return createThemeFromItems(db, consultationId, action);
    case 'undoMerge':
      return undoMerge(db, action);
    case 'suggestion':
      return decideSuggestion(db, action);
  }
}
