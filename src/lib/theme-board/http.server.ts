import type { StaffRole } from '../auth/roles';
import { jsonError, jsonMessage } from '../http/responses';
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
  'board.undoStale': 409,
  'board.undone': 409,
  'board.suggestionStale': 409,
};

/** A refused board action as JSON: the code for programs, the Dutch message for people. */
export function boardError(code: BoardErrorCode, extra: Record<string, unknown> = {}): Response {
  return jsonError(statusOf[code], code, boardMessages[code], extra);
}

export const noStore = { 'cache-control': 'no-store' };

/**
 * The common start of a board API route: signed in, analyst or admin, an existing consultation.
 * Returns the consultation's id, or the response to send instead.
 */
export async function boardRoute(locals: App.Locals, slug: string | undefined): Promise<string | Response> {
  if (!locals.staff) return jsonMessage(401, 'signIn.required');
  if (!canWorkOnThemes(locals.staff.staffRole)) return jsonMessage(403, 'error.forbidden');
  const [consultation] = await locals.db.run(
    (tx) => tx.sql<{ id: string }>`select id from public.consultations where slug = ${slug ?? ''}`,
  );
  return consultation ? consultation.id : boardError('board.notFound');
}

/** A domain result as JSON: the refusal with its Dutch message, or the result. */
export function boardJson<T extends object>(
  result: { ok: false; code: BoardErrorCode } | ({ ok: true } & T),
): Response {
  return result.ok ? Response.json(result, { headers: noStore }) : boardError(result.code);
}
