import type { APIRoute } from 'astro';
import { z } from 'zod';
import { jsonMessage } from '../../../../../../lib/http/responses';
import { boardError, canWorkOnThemes, noStore } from '../../../../../../lib/theme-board/http.server';
import { readJob } from '../../../../../../lib/theme-board/jobs.server';

/** A run's status and progress, polled by the board. */
export const GET: APIRoute = async ({ locals, params }) => {
  if (!locals.staff) return jsonMessage(401, 'signIn.required');
  if (!canWorkOnThemes(locals.staff.staffRole)) return jsonMessage(403, 'error.forbidden');
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) return boardError('board.notFound');
  const job = await readJob(locals.db, id.data);
  if (!job) return boardError('board.notFound');
  return Response.json(job, { headers: noStore });
};
