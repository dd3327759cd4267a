import type { APIRoute } from 'astro';
import { jsonMessage } from '../../../../lib/http/responses';
import { findSubmissionByReference } from '../../../../lib/inputs/lookup.server';

/** An admin looks up one person's submission by reference code (access or removal request). */
export const GET: APIRoute = async ({ locals, params }) => {
  if (locals.staff?.staffRole !== 'admin') return jsonMessage(403, 'error.forbidden');
  const submission = await findSubmissionByReference(locals.db, params.code ?? '');
  if (!submission) return jsonMessage(404, 'error.notFound.title');
  return Response.json(submission, { headers: { 'cache-control': 'no-store' } });
};
