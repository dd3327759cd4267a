import { jsonError } from '../http/responses';
import { roadtourMessages } from './messages.nl';
import type { RoadtourError } from './schema';

const statusOf: Partial<Record<RoadtourError, number>> = {
  'auth.required': 401,
  'auth.expired': 401,
  'stop.notFound': 404,
  'note.notFound': 404,
  'consultation.notFound': 404,
  'stop.forbidden': 403,
  'stop.conflict': 409,
  'note.conflict': 409,
  'note.locked': 409,
  'stop.cancelled': 409,
  'stop.groupLocked': 409,
  'facilitator.owner': 409,
  'facilitator.last': 409,
  'notes.rejected': 422,
};

/** The JSON error for a roadtour code: 400 unless the code says otherwise. */
export function roadtourError(code: RoadtourError, extra: Record<string, unknown> = {}): Response {
  return jsonError(statusOf[code] ?? 400, code, roadtourMessages[code], extra);
}

/**
 * 401 for a request without a valid session. 'auth.expired' when the browser still sent a session
 * cookie (it ran out): the app keeps its outbox and asks the facilitator to sign in again.
 */
export function notSignedIn(hadSessionCookie: boolean): Response {
  return roadtourError(hadSessionCookie ? 'auth.expired' : 'auth.required');
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** The request's JSON body, or undefined when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

/** Merges the JSON body (an object) with fields from the URL. */
export function withFields(body: unknown, fields: Record<string, unknown>): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return { ...body, ...fields };
}
