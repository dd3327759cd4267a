import type { APIRoute } from 'astro';
import { sessionCookie } from '../../../../lib/auth/session.server';
import { json, notSignedIn, readJson, roadtourError, withFields } from '../../../../lib/roadtour/http';
import { deleteNote, editNote } from '../../../../lib/roadtour/notes.server';

/**
 * Changes a note while it awaits moderation: `{ expectedVersion, body?, kind?, speaker?, topicKey? }`.
 * A stale version answers 409 'note.conflict' with the server's note in `current`.
 */
export const PATCH: APIRoute = async ({ locals, cookies, params, request }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const input = withFields(await readJson(request), { noteId: params.id });
  if (input === undefined) return roadtourError('request.invalid');
  const result = await editNote(locals.db, input);
  if (result.ok) return json({ note: result.note });
  if (result.code === 'note.conflict') return roadtourError(result.code, { current: result.current });
  return roadtourError(result.code);
};

/** Removes a note while it awaits moderation. */
export const DELETE: APIRoute = async ({ locals, cookies, params }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  const result = await deleteNote(locals.db, { noteId: params.id ?? '' });
  if (!result.ok) return roadtourError(result.code);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
};
