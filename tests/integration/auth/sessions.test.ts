/**
 * Issue 16, item 5: sessions are revocable. A token is honoured only while its record in
 * public.staff_sessions lives; sign-out, deactivation, removal and a role change end it at once.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaffAccount } from '../../../src/lib/auth/accounts.server';
import { endSession, sessionIsLive, startSession } from '../../../src/lib/auth/sessions.server';
import { anonymous } from '../../../src/lib/db/caller';
import { freshDatabase, type TestDatabase } from '../../support/db';

let db: TestDatabase;
const ids: Record<string, string> = {};
beforeAll(async () => {
  db = await freshDatabase();
  for (const [name, role] of [
    ['anna', 'admin'],
    ['bart', 'moderator'],
    ['cees', 'analyst'],
    ['dirk', 'facilitator'],
  ] as const) {
    const created = await createStaffAccount(db, {
      email: `${name}@zoetermeer.nl`,
      displayName: name,
      role,
      password: 'een-lang-genoeg-wachtwoord',
    });
    if (!created.ok) throw new Error(`no account for ${name}`);
    ids[name] = created.userId;
  }
});
afterAll(() => db?.dispose());

async function signedIn(name: string, staffRole: 'admin' | 'moderator' | 'analyst' | 'facilitator') {
  const userId = ids[name] as string;
  const started = await startSession(db, userId);
  if (!started) throw new Error('no session');
  return { sessionId: started.sessionId, userId, staffRole };
}

const asOwner = (text: string, params: unknown[] = []) => db.asOwner((tx) => tx.query(text, params));

describe('staff sessions', () => {
  test('a started session lives for eight hours, and only for its own member and role', async () => {
    const session = await signedIn('anna', 'admin');
    expect(await sessionIsLive(db, session)).toBe(true);
    expect(await sessionIsLive(db, { ...session, staffRole: 'moderator' })).toBe(false);
    expect(await sessionIsLive(db, { ...session, userId: ids.bart as string })).toBe(false);
    expect(await sessionIsLive(db, { ...session, sessionId: '00000000-0000-4000-8000-000000000000' })).toBe(
      false,
    );
    const [row] = await asOwner(
      'select extract(epoch from expires_at - created_at)::float8 as seconds from public.staff_sessions where id = $1',
      [session.sessionId],
    );
    expect(Number((row as { seconds: number }).seconds)).toBeCloseTo(8 * 3600, -1);
  });

  test('sign-out ends that session and no other', async () => {
    const first = await signedIn('anna', 'admin');
    const second = await signedIn('anna', 'admin');
    await endSession(db, first.sessionId);
    expect(await sessionIsLive(db, first)).toBe(false);
    expect(await sessionIsLive(db, second)).toBe(true);
    await endSession(db, first.sessionId); // twice is fine
  });

  test('deactivation ends every session of the member; reactivating does not revive them', async () => {
    const sessions = [await signedIn('bart', 'moderator'), await signedIn('bart', 'moderator')];
    const other = await signedIn('anna', 'admin');
    await asOwner('update public.staff_members set active = false where user_id = $1', [ids.bart]);
    for (const s of sessions) expect(await sessionIsLive(db, s)).toBe(false);
    expect(await sessionIsLive(db, other)).toBe(true);
    expect(await startSession(db, ids.bart as string)).toBeNull();
    await asOwner('update public.staff_members set active = true where user_id = $1', [ids.bart]);
    for (const s of sessions) expect(await sessionIsLive(db, s)).toBe(false);
    expect(await startSession(db, ids.bart as string)).not.toBeNull();
  });

  test('a role change ends the sessions, up or down; another change does not', async () => {
    const before = await signedIn('cees', 'analyst');
    await asOwner(`update public.staff_members set display_name = 'Cees' where user_id = $1`, [ids.cees]);
    expect(await sessionIsLive(db, before)).toBe(true);
    await asOwner(`update public.staff_members set role = 'facilitator' where user_id = $1`, [ids.cees]);
    expect(await sessionIsLive(db, before)).toBe(false);
    expect(await sessionIsLive(db, { ...before, staffRole: 'facilitator' })).toBe(false);
    const demoted = await signedIn('cees', 'facilitator');
    expect(await sessionIsLive(db, demoted)).toBe(true);
    await asOwner(`update public.staff_members set role = 'analyst' where user_id = $1`, [ids.cees]);
    expect(await sessionIsLive(db, demoted)).toBe(false);
  });

  test('removing a member removes their sessions', async () => {
    const session = await signedIn('dirk', 'facilitator');
    await asOwner('delete from public.staff_members where user_id = $1', [ids.dirk]);
    expect(await sessionIsLive(db, session)).toBe(false);
    const rows = await asOwner('select 1 from public.staff_sessions where user_id = $1', [ids.dirk]);
    expect(rows).toHaveLength(0);
  });

  test('API roles can neither read the sessions nor start or end one', async () => {
    await expect(
      db.transaction(anonymous, (tx) => tx.query('select * from public.staff_sessions')),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.transaction(anonymous, (tx) =>
        tx.query(`select private.staff_session_start($1, now() + interval '1 hour')`, [ids.anna]),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.transaction(anonymous, (tx) =>
        tx.query('select private.staff_session_end($1)', ['00000000-0000-4000-8000-000000000000']),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
