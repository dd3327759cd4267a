import type { APIRoute } from 'astro';
import { performBoardAction } from '../../../../../lib/theme-board/actions.server';
import { boardError, boardRoute, noStore } from '../../../../../lib/theme-board/http.server';
import { readReview } from '../../../../../lib/theme-board/review.server';
import { BoardActionSchema } from '../../../../../lib/theme-board/schema';
import { readWorkspace } from '../../../../../lib/theme-board/workspace.server';

/** The board of one consultation as JSON (the island reloads it after every change). */
export const GET: APIRoute = async ({ locals, params }) => {
  const consultationId = await boardRoute(locals, params.slug);
  if (consultationId instanceof Response) return consultationId;
  const board = await readWorkspace(locals.db, params.slug ?? '');
  if (!board) return boardError('board.notFound');
  return Response.json(board, { headers: noStore });
};

/** Actions that change which items are where: the unconfirmed items are re-scored after them. */
const moves = new Set(['move', 'confirm', 'moveMany', 'createTheme', 'suggestion', 'merge', 'undoMerge']);

/**
 * One board action (JSON in, the domain result out; refusals with their Dutch message). After a
 * change of membership the review queue is re-scored and its first page comes back as `review`.
 */
export const POST: APIRoute = async ({ locals, params, request, url }) => {
  const consultationId = await boardRoute(locals, params.slug);
  if (consultationId instanceof Response) return consultationId;
  const parsed = BoardActionSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return boardError('board.invalid', {
      fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'input'))],
    });
  const result = await performBoardAction(locals.db, consultationId, parsed.data);
  if (!result.ok) return boardError(result.code);
  if (!moves.has(parsed.data.action)) return Response.json(result, { headers: noStore });
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('aantal')) || 25));
  const review = await readReview(locals.db, consultationId, { limit, write: true });
  return Response.json({ ...result, ...(review.ok ? { review: review.review } : {}) }, { headers: noStore });
};
