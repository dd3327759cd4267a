import type { APIRoute } from 'astro';
import { sessionCookie } from '../../../../../lib/auth/session.server';
import { json, notSignedIn, readJson, roadtourError, withFields } from '../../../../../lib/roadtour/http';
import { syncNotes } from '../../../../../lib/roadtour/notes.server';
import { readStopPage } from '../../../../../lib/roadtour/page.server';

/** The stop, its consultation's topics and the notes the caller can see (the app's refresh). */
export const GET: APIRoute = async ({ locals, cookies, params }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const page = await readStopPage(locals.db, params.id ?? '');
  if (!page) return roadtourError('stop.notFound');
  return json(page);
};

/**
 * Uploads a batch from the tablet's outbox: `{ notes: [...] }`. Answers 200 with a result per
 * note ('created', 'already-stored' or 'error' with a code) and `keep`: the ids to leave in the
 * outbox. A refused batch (stop not found or not the caller's, or the database refused a note)
 * stores nothing and lists every id in `keep`.
 */
export const POST: APIRoute = async ({ locals, cookies, params, request }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const input = withFields(await readJson(request), { stopId: params.id });
  if (input === undefined) return roadtourError('request.invalid');
  const result = await syncNotes(locals.db, input);
  if (!result.ok)
    return roadtourError(result.code, {
      keep: result.keep,
      ...(result.failedId ? { failedId: result.failedId } : {}),
    });
  return json({ results: result.results, keep: result.keep });
};
