import type { APIRoute } from 'astro';
import { sessionCookie } from '../../../../../lib/auth/session.server';
import { json, notSignedIn, readJson, roadtourError, withFields } from '../../../../../lib/roadtour/http';
import { addFacilitator, removeFacilitator } from '../../../../../lib/roadtour/stops.server';

/** Adds a co-facilitator: `{ userId }`. Only a facilitator of the stop, or an admin. */
export const POST: APIRoute = async ({ locals, cookies, params, request }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const input = withFields(await readJson(request), { stopId: params.id });
  if (input === undefined) return roadtourError('request.invalid');
  const result = await addFacilitator(locals.db, input);
  if (result.ok) return json({ stop: result.stop });
  if (result.code === 'stop.conflict') return roadtourError(result.code, { current: result.current });
  return roadtourError(result.code, result.errors ? { fields: result.errors } : {});
};

/**
 * Takes a facilitator off the stop: `{ userId }`. Not its owner (409 facilitator.owner), not the
 * last one (409 facilitator.last). A facilitator who takes themself off gets the stop back with
 * `canWrite: false`.
 */
export const DELETE: APIRoute = async ({ locals, cookies, params, request }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const input = withFields(await readJson(request), { stopId: params.id });
  if (input === undefined) return roadtourError('request.invalid');
  const result = await removeFacilitator(locals.db, input);
  if (result.ok) return json({ stop: result.stop });
  if (result.code === 'stop.conflict') return roadtourError(result.code, { current: result.current });
  return roadtourError(result.code, result.errors ? { fields: result.errors } : {});
};
