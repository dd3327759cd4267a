import type { APIRoute } from 'astro';
import { jsonMessage } from '../../../../../lib/http/responses';
import { performBoardAction } from '../../../../../lib/theme-board/actions.server';
import { readBoard } from '../../../../../lib/theme-board/board.server';
import { boardError, canWorkOnThemes, noStore } from '../../../../../lib/theme-board/http.server';
import { BoardActionSchema } from '../../../../../lib/theme-board/schema';

/** The board of one consultation as JSON (the island reloads it after every change). */
export const GET: APIRoute = async ({ locals, params }) => {
  if (!locals.staff) return jsonMessage(401, 'signIn.required');
  if (!canWorkOnThemes(locals.staff.staffRole)) return jsonMessage(403, 'error.forbidden');
  const board = await readBoard(locals.db, params.slug ?? '');
  if (!board) return boardError('board.notFound');
  return Response.json(board, { headers: noStore });
};

/** One board action (JSON in, the domain result out; refusals with their Dutch message). */
export const POST: APIRoute = async ({ locals, params, request }) => {
  if (!locals.staff) return jsonMessage(401, 'signIn.required');
  if (!canWorkOnThemes(locals.staff.staffRole)) return jsonMessage(403, 'error.forbidden');
  const parsed = BoardActionSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return boardError('board.invalid', {
      fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'input'))],
    });
  const [consultation] = await locals.db.run(
    (tx) => tx.sql<{ id: string }>`select id from public.consultations where slug = ${params.slug ?? ''}`,
  );
  if (!consultation) return boardError('board.notFound');
  const result = await performBoardAction(locals.db, consultation.id, parsed.data);
  if (!result.ok) return boardError(result.code);
  return Response.json(result, { headers: noStore });
};
