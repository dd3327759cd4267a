import type { APIRoute } from 'astro';
import { sessionCookie } from '../../../../lib/auth/session.server';
import { json, notSignedIn, readJson, roadtourError, withFields } from '../../../../lib/roadtour/http';
import { getStop, updateStop } from '../../../../lib/roadtour/stops.server';

export const GET: APIRoute = async ({ locals, cookies, params }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const stop = await getStop(locals.db, params.id ?? '');
  if (!stop) return roadtourError('stop.notFound');
  return json({ stop });
};

/**
 * Changes a stop's details. Body: the changed fields and `expectedVersion`. A stale version
 * answers 409 'stop.conflict' with the server's stop in `current`; nothing is changed.
 */
export const PATCH: APIRoute = async ({ locals, cookies, params, request }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const input = withFields(await readJson(request), { stopId: params.id });
  if (input === undefined) return roadtourError('request.invalid');
  const result = await updateStop(locals.db, input);
  if (result.ok) return json({ stop: result.stop });
  if (result.code === 'stop.conflict') return roadtourError(result.code, { current: result.current });
  return roadtourError(result.code, result.errors ? { fields: result.errors } : {});
};
