import type { APIRoute } from 'astro';
import { sessionCookie } from '../../../../../lib/auth/session.server';
import { json, notSignedIn, roadtourError } from '../../../../../lib/roadtour/http';
import { stopSummary } from '../../../../../lib/roadtour/summary.server';

/** The stop with its notes grouped per topic (the data of the printable summary). */
export const GET: APIRoute = async ({ locals, cookies, params }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const summary = await stopSummary(locals.db, params.id ?? '');
  if (!summary) return roadtourError('stop.notFound');
  return json(summary);
};
