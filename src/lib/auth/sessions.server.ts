import { service } from '../db/caller';
import type { Database } from '../db/types';
import type { StaffRole } from './roles';
import { sessionHours } from './session.server';

/**
 * Server-side records of staff sessions (`public.staff_sessions`, issue 16): a session token is
 * only honoured while its record lives. Sign-out ends the record; deactivating, removing or
 * changing the role of a staff member ends all of theirs (a trigger in the database), so every
 * server process agrees at once. Works the same whether the password was checked locally or by
 * Supabase Auth: the server issues its own token either way.
 */

/**
 * Starts a session for an active staff member; null when the member is not (or no longer) active.
 * The token must expire at `expiresAt` too.
 */
export async function startSession(
  db: Database,
  userId: string,
  now = new Date(),
): Promise<{ sessionId: string; expiresAt: Date } | null> {
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  const [rows] = await db.batch(service, [
    {
      text: 'select private.staff_session_start($1, $2) as id',
      params: [userId, expiresAt.toISOString()],
    },
  ]);
  const id = (rows?.[0] as { id: string | null } | undefined)?.id;
  return id ? { sessionId: id, expiresAt } : null;
}

/** True while the session exists, has not expired, and its member is active with the token's role. */
export async function sessionIsLive(
  db: Database,
  session: { sessionId: string; userId: string; staffRole: StaffRole },
): Promise<boolean> {
  const [rows] = await db.batch(service, [
    {
      text: 'select private.staff_session_live($1, $2, $3) as live',
      params: [session.sessionId, session.userId, session.staffRole],
    },
  ]);
  return (rows?.[0] as { live: boolean } | undefined)?.live === true;
}

/** Ends one session (sign-out). Ending a session that is already gone is not an error. */
export async function endSession(db: Database, sessionId: string): Promise<void> {
  await db.batch(service, [{ text: 'select private.staff_session_end($1)', params: [sessionId] }]);
}
