import type { APIRoute } from 'astro';
import { jsonError, jsonMessage } from '../../../lib/http/responses';
import { moderationMessages } from '../../../lib/moderation/messages.nl';
import { ApiActionSchema, canModerate, performAction } from '../../../lib/moderation/view';

/**
 * One moderation action for the queue's island (JSON in, the domain result as JSON out, with the
 * Dutch message of an error code). The plain forms on /staff/moderatie do the same without JS.
 */
export const POST: APIRoute = async ({ locals, request }) => {
  if (!locals.staff) return jsonMessage(401, 'signIn.required');
  if (!canModerate(locals.staff.staffRole)) return jsonMessage(403, 'error.forbidden');
  let input: unknown;
  try {
    input = await request.json();
  } catch {
    return jsonError(400, 'moderation.invalid', moderationMessages['moderation.invalid']);
  }
  const parsed = ApiActionSchema.safeParse(input);
  if (!parsed.success)
    return jsonError(400, 'moderation.invalid', moderationMessages['moderation.invalid'], {
      fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'input'))],
    });
  const result = await performAction(locals.db, parsed.data);
  // A bulk action reports every item it could not change, each with its Dutch reason.
  const body = !result.ok
    ? { ...result, message: moderationMessages[result.code] }
    : 'failures' in result
      ? { ...result, failures: result.failures.map((f) => ({ ...f, message: moderationMessages[f.code] })) }
      : result;
  const status = result.ok
    ? 200
    : result.code === 'moderation.conflict'
      ? 409
      : result.code === 'moderation.notAllowed'
        ? 403
        : result.code === 'moderation.notFound'
          ? 404
          : 400;
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
};
