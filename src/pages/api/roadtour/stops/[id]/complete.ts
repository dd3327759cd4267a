import type { APIRoute } from 'astro';
import { sessionCookie } from '../../../../../lib/auth/session.server';
import { json, notSignedIn, readJson, roadtourError, withFields } from '../../../../../lib/roadtour/http';
import { completeStop } from '../../../../../lib/roadtour/stops.server';

/** Closes a stop: `{ expectedVersion, actualParticipants, summaryMd }`. */
export const POST: APIRoute = async ({ locals, cookies, params, request }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const input = withFields(await readJson(request), { stopId: params.id });
  if (input === undefined) return roadtourError('request.invalid');
  const result = await completeStop(locals.db, input);
  if (result.ok) return json({ stop: result.stop });
  if (result.code === 'stop.conflict') return roadtourError(result.code, { current: result.current });
  return roadtourError(result.code, result.errors ? { fields: result.errors } : {});
};
