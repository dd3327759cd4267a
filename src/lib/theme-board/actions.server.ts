import type { CallerDb, Database } from '../db/types';
import { queueResultsMessages } from '../mail';
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

export interface MailContext {
  /** The whole database: the results e-mail is queued as the service caller. */
  database: Database;
  siteUrl: string;
}

/**
 * One board action, as the caller. Publishing the consultation's first theme marks its results
 * published and queues the one results e-mail for people who asked for it (`queued`).
 */
export async function performBoardAction(
  db: CallerDb,
  consultationId: string,
  action: BoardAction,
  mail: MailContext,
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
    case 'publish': {
      const result = await setPublished(db, action);
      if (!result.ok || !result.firstPublication) return result;
      const queued = await queueResultsMessages(mail.database, result.consultationId, mail.siteUrl);
      return { ...result, queued };
    }
  }
}
