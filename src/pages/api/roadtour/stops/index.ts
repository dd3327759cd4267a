import type { APIRoute } from 'astro';
import { sessionCookie } from '../../../../lib/auth/session.server';
import { json, notSignedIn, readJson, roadtourError } from '../../../../lib/roadtour/http';
import { ListStopsSchema } from '../../../../lib/roadtour/schema';
import { createStop, listStops } from '../../../../lib/roadtour/stops.server';

/** The schedule: ?consultationId=…&when=upcoming|past|all */
export const GET: APIRoute = async ({ locals, cookies, url }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const query = ListStopsSchema.safeParse({
    consultationId: url.searchParams.get('consultationId') ?? undefined,
    when: url.searchParams.get('when') ?? undefined,
  });
  if (!query.success) return roadtourError('request.invalid');
  return json({ stops: await listStops(locals.db, query.data) });
};

/** Plans a new stop; the caller becomes its facilitator. */
export const POST: APIRoute = async ({ locals, cookies, request }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const body = await readJson(request);
  if (body === undefined) return roadtourError('request.invalid');
  const result = await createStop(locals.db, body);
  if (!result.ok) return roadtourError(result.code, 'errors' in result ? { fields: result.errors } : {});
  return json({ stop: result.stop }, 201);
};
