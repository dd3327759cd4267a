/**
 * Issue 16, item 5, over HTTP: an old session token used to open the audit log after sign-out
 * (sign-out only deleted the cookie; tokens live eight hours). Now sign-out ends the session on
 * the server, and deactivating or changing the role of a staff member ends theirs at once.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaffAccount } from '../../../src/lib/auth/accounts.server';
import type { Database } from '../../../src/lib/db/types';
import { driver } from '../../support/db';
import { csrfToken, formHeaders, type RunningServer, startServerOnTestDatabase } from '../../support/server';

const password = 'een-lang-genoeg-wachtwoord';
let server: RunningServer;
let db: Database | undefined;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ server, db, stop } = await startServerOnTestDatabase({}, async (prepared) => {
    for (const [email, role] of [
      ['beheer@zoetermeer.nl', 'admin'],
      ['moderator@zoetermeer.nl', 'moderator'],
    ] as const) {
      const created = await createStaffAccount(prepared, { email, displayName: email, role, password });
      if (!created.ok) throw new Error(`no account for ${email}`);
    }
  }));
}, 300_000);
afterAll(() => stop?.());

/** Signs in and returns the session token from the cookie. */
async function signIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/staff/inloggen`, {
    method: 'POST',
    headers: formHeaders(server.url),
    body: new URLSearchParams({ csrf: csrfToken, email, password, terug: '/staff' }).toString(),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const token = response.headers
    .getSetCookie()
    .map((c) => /^dm_session=([^;]+)/.exec(c)?.[1])
    .find(Boolean);
  if (!token) throw new Error('no session cookie');
  return token;
}

const withSession = (token: string) => ({ cookie: `dm_csrf=${csrfToken}; dm_session=${token}` });

/** The audit log (admins) as this token opens it: 200, or a redirect to the sign-in page. */
async function auditLog(token: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${server.url}/staff/logboek`, {
    headers: withSession(token),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') };
}

async function signOut(token: string): Promise<void> {
  const response = await fetch(`${server.url}/staff/uitloggen`, {
    method: 'POST',
    headers: { ...formHeaders(server.url), ...withSession(token) },
    body: `csrf=${csrfToken}`,
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
}

const refused = { status: 303, location: expect.stringMatching(/^\/staff\/inloggen\?reden=verlopen/) };

describe('staff sessions over HTTP', () => {
  test('after sign-out the old token no longer opens the audit log; another session stays', async () => {
    const token = await signIn('beheer@zoetermeer.nl');
    const elsewhere = await signIn('beheer@zoetermeer.nl');
    expect((await auditLog(token)).status).toBe(200);
    await signOut(token);
    expect(await auditLog(token)).toEqual(refused);
    // The API refuses it too.
    const api = await fetch(`${server.url}/api/roadtour/session`, { headers: withSession(token) });
    expect(api.status).toBe(401);
    expect((await auditLog(elsewhere)).status).toBe(200);
  });

  test.skipIf(driver !== 'postgres')(
    'deactivation and a role change end the sessions at once (PostgreSQL: changed while the server runs)',
    async () => {
      const change = (sql: string) => db?.asOwner((tx) => tx.query(sql));
      const admin = await signIn('beheer@zoetermeer.nl');
      const moderator = await signIn('moderator@zoetermeer.nl');
      const moderationPage = async (token: string) =>
        (await fetch(`${server.url}/staff/moderatie`, { headers: withSession(token), redirect: 'manual' }))
          .status;
      expect(await moderationPage(moderator)).toBe(200);
      await change(`update public.staff_members set active = false where email = 'moderator@zoetermeer.nl'`);
      expect(await moderationPage(moderator)).toBe(303);
      await change(`update public.staff_members set active = true where email = 'moderator@zoetermeer.nl'`);
      expect(await moderationPage(moderator)).toBe(303); // reactivated: sign in again

      expect((await auditLog(admin)).status).toBe(200);
      // There must always be an active admin (migration 20261206082000): another one first.
      await change(`update public.staff_members set role = 'admin' where email = 'moderator@zoetermeer.nl'`);
      await change(`update public.staff_members set role = 'analyst' where email = 'beheer@zoetermeer.nl'`);
      expect(await auditLog(admin)).toEqual(refused);
    },
  );
});
