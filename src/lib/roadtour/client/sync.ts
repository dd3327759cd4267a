// Sends a stop's unsent notes from the outbox to the server and records the answer per note.
// Never deletes a note: stored notes are marked synced, refused ones stay with their error code,
// and anything else (offline, signed out, server trouble) leaves them pending for the next try.
import { roadtourMessages } from '../messages.nl';
import { clientMessages } from './messages.nl';
import { markNotes, notesOf } from './outbox';
import type { LocalNote } from './types';

/** The server takes up to 200 notes per request; smaller batches keep each request short. */
const batchSize = 50;

export type SyncStatus =
  /** Every note of the stop is on the server (or none to send). */
  | 'synced'
  /** Some notes were refused; they stay on the device with their reason. */
  | 'refused'
  /** No connection: notes stay on the device. */
  | 'offline'
  /** The session ran out or is missing: sign in again, then the notes are sent. */
  | 'signedOut'
  /** The server had trouble; the notes stay on the device and the app tries again. */
  | 'failed';

export interface SyncReport {
  readonly status: SyncStatus;
  /** Notes stored on the server by this run (new or found already stored). */
  readonly stored: number;
  /** Dutch text for the facilitator. */
  readonly message: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; keep?: string[]; failedId?: string };
}

interface Csrf {
  /** The token to send in the x-csrf-token header. */
  token(): string;
  /** Gets a fresh token (the cookie changed); null when that is not possible now. */
  refresh(): Promise<string | null>;
}

const toWire = (n: LocalNote) => ({
  id: n.id,
  topicKey: n.topicKey,
  kind: n.kind,
  body: n.body,
  speaker: n.speaker,
  clientCreatedAt: n.clientCreatedAt,
});

const messageOf = (code: string | undefined): string =>
  (code && (roadtourMessages as Record<string, string>)[code]) || clientMessages.syncFailed;

async function send(stopId: string, notes: LocalNote[], csrf: Csrf): Promise<Response> {
  const post = (token: string) =>
    fetch(`/api/roadtour/stops/${encodeURIComponent(stopId)}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      body: JSON.stringify({ notes: notes.map(toWire) }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  const response = await post(csrf.token());
  if (response.status !== 403) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as ErrorBody;
  if (body.error?.code !== 'error.csrf') return response;
  const fresh = await csrf.refresh();
  return fresh ? post(fresh) : response;
}

/**
 * One sync run for a stop. `all`: also resend notes refused before (the "sync now" button); the
 * automatic runs send only pending notes, so a note with a mistake is not sent again and again.
 */
export async function syncStop(
  stopId: string,
  csrf: Csrf,
  all = false,
  ownerId?: string,
): Promise<SyncReport> {
  // Only the signed-in account's notes: on a shared tablet another's unsent notes wait for them.
  const waiting = (await notesOf(stopId, ownerId)).filter(
    (n) => n.state === 'pending' || (all && n.state === 'refused'),
  );
  let stored = 0;
  let refused = 0;
  for (let start = 0; start < waiting.length; start += batchSize) {
    const batch = waiting.slice(start, start + batchSize);
    let response: Response;
    try {
      response = await send(stopId, batch, csrf);
    } catch {
      return { status: 'offline', stored, message: clientMessages.offline };
    }
    if (response.ok) {
      const body = (await response.json()) as {
        results: { id: string; result: string; code?: string }[];
      };
      await markNotes(
        body.results.map((r) =>
          r.result === 'error'
            ? { id: r.id, state: 'refused' as const, errorCode: r.code ?? 'note.invalid' }
            : { id: r.id, state: 'synced' as const },
        ),
      );
      stored += body.results.filter((r) => r.result !== 'error').length;
      refused += body.results.filter((r) => r.result === 'error').length;
      continue;
    }
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    const code = body.error?.code;
    if (response.status === 401)
      return { status: 'signedOut', stored, message: messageOf(code ?? 'auth.expired') };
    if (response.status === 422 && code === 'notes.rejected' && body.error?.failedId) {
      // The database refused one note and stored none of the batch: set that one aside, retry the rest.
      await markNotes([{ id: body.error.failedId, state: 'refused', errorCode: 'notes.rejected' }]);
      const again = await syncStop(stopId, csrf, false, ownerId);
      return {
        ...again,
        stored: stored + again.stored,
        status: again.status === 'synced' ? 'refused' : again.status,
      };
    }
    if (
      code === 'stop.forbidden' ||
      code === 'stop.notFound' ||
      code === 'stop.cancelled' ||
      code === 'notes.invalid'
    ) {
      // The whole batch was refused: every note stays on the device, marked with the reason.
      await markNotes(batch.map((n) => ({ id: n.id, state: 'refused' as const, errorCode: code })));
      return { status: 'refused', stored, message: body.error?.message ?? messageOf(code) };
    }
    // Anything else (server trouble, a CSRF token that could not be renewed now): the notes stay
    // pending and the loop tries again later.
    return { status: 'failed', stored, message: body.error?.message ?? clientMessages.syncFailed };
  }
  if (refused > 0) return { status: 'refused', stored, message: clientMessages.someRefused };
  return {
    status: 'synced',
    stored,
    message: stored > 0 ? clientMessages.synced : clientMessages.nothingToSync,
  };
}

/** A fresh CSRF token from the server (after the browser lost its cookie), or null. */
export async function freshCsrfToken(): Promise<string | null> {
  try {
    const response = await fetch('/api/roadtour/session', { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return null;
    return ((await response.json()) as { csrfToken?: string }).csrfToken ?? null;
  } catch {
    return null;
  }
}
