import type { StaffRole } from '../auth/roles';
import { jsonError } from '../http/responses';
import { boardMessages } from './messages.nl';
import type { BoardErrorCode } from './schema';

/** Analysts and admins work on themes. */
export function canWorkOnThemes(role: StaffRole): boolean {
  return role === 'analyst' || role === 'admin';
}

const statusOf: Record<BoardErrorCode, number> = {
  'board.invalid': 400,
  'board.notAllowed': 403,
  'board.notFound': 404,
  'board.conflict': 409,
  'board.locked': 409,
  'board.notCandidate': 409,
  'board.sameTheme': 400,
  'board.notActive': 409,
  'board.jobRunning': 409,
  'board.noInput': 400,
};

/** A refused board action as JSON: the code for programs, the Dutch message for people. */
export function boardError(code: BoardErrorCode, extra: Record<string, unknown> = {}): Response {
  return jsonError(statusOf[code], code, boardMessages[code], extra);
}

export const noStore = { 'cache-control': 'no-store' };
