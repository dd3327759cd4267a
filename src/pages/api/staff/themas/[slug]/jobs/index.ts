import type { APIRoute } from 'astro';
import { getAppContext } from '../../../../../../lib/app/context.server';
import { jsonMessage } from '../../../../../../lib/http/responses';
import { boardError, canWorkOnThemes, noStore } from '../../../../../../lib/theme-board/http.server';
import { runJob, startJob } from '../../../../../../lib/theme-board/jobs.server';
import { StartJobSchema } from '../../../../../../lib/theme-board/schema';

/**
 * Starts a clustering run ("Thema's voorstellen", or a split) and answers at once (202) with the
 * job; the engine runs in the background (worker thread) and the board polls the job.
 */
export const POST: APIRoute = async ({ locals, params, request }) => {
  if (!locals.staff) return jsonMessage(401, 'signIn.required');
  if (!canWorkOnThemes(locals.staff.staffRole)) return jsonMessage(403, 'error.forbidden');
  const parsed = StartJobSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return boardError('board.invalid');
  const [consultation] = await locals.db.run(
    (tx) => tx.sql<{ id: string }>`select id from public.consultations where slug = ${params.slug ?? ''}`,
  );
  if (!consultation) return boardError('board.notFound');
  const started = await startJob(locals.db, consultation.id, parsed.data);
  if (!started.ok) return boardError(started.code);
  const app = await getAppContext();
  // Not awaited: the run outlives this request and records its own outcome on the job.
  void runJob(app.db, locals.db.caller, started.job.id);
  return Response.json(started.job, { status: 202, headers: noStore });
};
