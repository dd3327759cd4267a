/**
 * Issue 17, items 1, 2, 3 and 7 (auth): staff sign-in through Supabase Auth, over HTTP, through the
 * production server (src/cli/serve.mjs on the build) on this Node, against a local Supabase Auth
 * (tests/support/fake-supabase-auth.ts) that keeps its users in the test database's auth.users.
 *
 * - Sign-in returned 500 on Node 20 (supabase-js's Realtime client needs a native WebSocket).
 * - Outages (429, 500, refused connection) looked like wrong passwords and counted toward the
 *   throttle; now a 503 that is logged and counts nothing.
 * - Invited staff had no way to set a password; now the invite and recovery links lead to a page
 *   that sets one and signs them in (active staff only).
 * - Each sign-in left a live Auth session behind; now the server signs it out after reading the user.
 *
 * On PostgreSQL the Auth server and the app share one database, as on Supabase. PGlite belongs to
 * the server process, so there the Auth server has its own copy and the test writes each user to
 * both (same id and address).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/types';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import { FakeSupabaseAuth } from '../../support/fake-supabase-auth';
import { csrfToken, type RunningServer, startServerOnTestDatabase } from '../../support/server';

const password = 'een-lang-genoeg-wachtwoord';
const newPassword = 'fietsen langs de Dobbe in de zon';

let fake: FakeSupabaseAuth;
let authDb: TestDatabase | undefined;
let server: RunningServer;
let stop: () => Promise<void>;
const ids: Record<string, string> = {};
const links: Record<string, string> = {};

/** A staff member in Supabase Auth and in public.staff_members. */
async function addStaff(
  appDb: Database,
  name: string,
  options: { password?: string; active?: boolean; confirmed?: boolean; invite?: boolean } = {},
): Promise<void> {
  const email = `${name}@zoetermeer.nl`;
  let id: string;
  if (options.invite) {
    const invited = await fake.invite(email);
    id = invited.userId;
    links[name] = invited.tokenHash;
  } else {
    id = await fake.createUser({ email, password: options.password, confirmed: options.confirmed });
  }
  ids[name] = id;
  await appDb.asOwner(async (tx) => {
    if (authDb) await tx.query('insert into auth.users (id, email) values ($1, $2)', [id, email]);
    await tx.query(
      'insert into public.staff_members (user_id, email, display_name, role, active) values ($1, $2, $3, $4, $5)',
      [id, email, name, 'moderator', options.active ?? true],
    );
  });
}

beforeAll(async () => {
  fake = await FakeSupabaseAuth.start();
  if (driver === 'pglite') {
    authDb = await freshDatabase();
    fake.useDatabase(authDb);
  }
  ({ server, stop } = await startServerOnTestDatabase(
    {
      SUPABASE_URL: fake.url,
      SUPABASE_ANON_KEY: fake.anonKey,
      // Each request is its own client; the per-minute limits are not what is tested here.
      TRUST_PROXY: '1',
      RATE_LIMIT_SIGNIN_PER_MINUTE: '0',
      RATE_LIMIT_POST_PER_MINUTE: '0',
      SIGNIN_THROTTLE_FREE_ACCOUNT: '3',
    },
    async (db) => {
      if (!authDb) fake.useDatabase(db);
      await addStaff(db, 'anna', { password });
      await addStaff(db, 'bert', { password });
      await addStaff(db, 'bram', { password });
      await addStaff(db, 'carla', { password, active: false });
      await addStaff(db, 'dirk', { invite: true });
      await addStaff(db, 'eva', { password });
      await addStaff(db, 'fleur', { password: 'fleur-oud-wachtwoord', active: false });
      await addStaff(db, 'gijs', { password });
      await addStaff(db, 'henk', { password, confirmed: false });
      await addStaff(db, 'ilse', { invite: true });
      await addStaff(db, 'joost', { invite: true });
    },
  ));
}, 300_000);
afterAll(async () => {
  await stop?.();
  await fake?.close();
  await authDb?.dispose();
});

const newClient = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

async function signIn(name: string, pass: string, client = newClient()) {
  const response = await fetch(`${server.url}/staff/inloggen`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `dm_csrf=${csrfToken}`,
      origin: server.url,
      'x-forwarded-for': client,
    },
    body: new URLSearchParams({
      csrf: csrfToken,
      email: `${name}@zoetermeer.nl`,
      password: pass,
      terug: '/staff',
    }).toString(),
    redirect: 'manual',
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    signedIn: response.headers.getSetCookie().some((c) => /^dm_session=[^;]+/.test(c)),
    text: await response.text(),
  };
}

/** Cookies a browser would keep from Set-Cookie headers (name=value), merged into `jar`. */
function keep(jar: Map<string, string>, response: Response): void {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    if (name) jar.set(name.trim(), value.join('='));
  }
}
const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/** Opens an e-mailed link the way a browser does (following the clean-URL redirect by hand). */
async function openLink(type: 'invite' | 'recovery', tokenHash: string) {
  const jar = new Map<string, string>([['dm_csrf', csrfToken]]);
  const first = await fetch(`${server.url}/staff/wachtwoord-instellen?token_hash=${tokenHash}&type=${type}`, {
    redirect: 'manual',
    headers: { cookie: cookieHeader(jar) },
  });
  keep(jar, first);
  return { jar, first };
}

async function setPassword(jar: Map<string, string>, pass: string, repeat = pass) {
  const response = await fetch(`${server.url}/staff/wachtwoord-instellen`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(jar),
      origin: server.url,
      'x-forwarded-for': newClient(),
    },
    body: new URLSearchParams({ csrf: csrfToken, wachtwoord: pass, herhaal: repeat }).toString(),
    redirect: 'manual',
  });
  keep(jar, response);
  return {
    status: response.status,
    location: response.headers.get('location'),
    signedIn: response.headers.getSetCookie().some((c) => /^dm_session=[^;]+/.test(c)),
    text: await response.text(),
  };
}

const authCalls = (path: string) => fake.requests.filter((r) => r.path === `/auth/v1/${path}`);

describe('sign-in through Supabase Auth', () => {
  test('the right password signs an active staff member in (no 500 on this Node)', async () => {
    const answer = await signIn('anna', password);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/staff');
    expect(answer.signedIn).toBe(true);
    // Through the gateway with the project's key, as Supabase demands.
    expect(authCalls('token').every((r) => r.apikey && r.query === '?grant_type=password')).toBe(true);
  });

  test('the server signs its Auth session out after reading the user (scope local)', async () => {
    const before = authCalls('logout').length;
    expect((await signIn('anna', password)).status).toBe(303);
    expect(fake.liveSessions(ids.anna)).toBe(0);
    const logouts = authCalls('logout').slice(before);
    expect(logouts).toHaveLength(1);
    expect(logouts[0]?.query).toBe('?scope=local');
  });

  test('signing out ends the session at once: the old cookie opens nothing', async () => {
    const jar = new Map<string, string>([['dm_csrf', csrfToken]]);
    const response = await fetch(`${server.url}/staff/inloggen`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookieHeader(jar),
        origin: server.url,
        'x-forwarded-for': newClient(),
      },
      body: new URLSearchParams({ csrf: csrfToken, email: 'anna@zoetermeer.nl', password, terug: '/staff' }),
      redirect: 'manual',
    });
    keep(jar, response);
    const session = jar.get('dm_session');
    expect(session).toBeTruthy();
    const open = () =>
      fetch(`${server.url}/staff`, {
        headers: { cookie: `dm_csrf=${csrfToken}; dm_session=${session}` },
        redirect: 'manual',
      }).then((r) => r.status);
    expect(await open()).toBe(200);
    const out = await fetch(`${server.url}/staff/uitloggen`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookieHeader(jar),
        origin: server.url,
      },
      body: new URLSearchParams({ csrf: csrfToken }),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(await open()).toBe(303);
  });

  test('a wrong password is refused and counts toward the throttle', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await signIn('bram', 'geraden-wachtwoord');
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('Het e-mailadres of het wachtwoord klopt niet.');
    }
    // SIGNIN_THROTTLE_FREE_ACCOUNT=3: the fourth attempt has to wait.
    expect((await signIn('bram', password)).status).toBe(429);
  });

  test('a deactivated staff member is refused, and no Auth session stays behind', async () => {
    const answer = await signIn('carla', password);
    expect(answer.status).toBe(401);
    expect(answer.signedIn).toBe(false);
    expect(fake.liveSessions(ids.carla)).toBe(0);
  });

  test('a banned Supabase user is refused like a wrong password', async () => {
    fake.ban(ids.gijs as string);
    const answer = await signIn('gijs', password);
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('Het e-mailadres of het wachtwoord klopt niet.');
  });

  test('an address that is not confirmed yet gets its own message and counts nothing', async () => {
    for (let i = 0; i < 4; i++) {
      const answer = await signIn('henk', password);
      expect(answer.status).toBe(403);
      expect(answer.signedIn).toBe(false);
      expect(answer.text).toContain('nog niet bevestigd');
    }
  });

  for (const kind of [429, 500, 'refused'] as const) {
    test(`an Auth outage (${kind}) is a 503 that is logged and counts nothing`, async () => {
      const logBefore = server.log().length;
      await fake.outage(kind);
      try {
        // Five attempts, more than SIGNIN_THROTTLE_FREE_ACCOUNT: none is throttled, none says
        // the password is wrong.
        for (let i = 0; i < 5; i++) {
          const answer = await signIn('bert', password);
          expect(answer.status).toBe(503);
          expect(answer.signedIn).toBe(false);
          expect(answer.text).toContain('Inloggen lukt nu niet. Probeer het later opnieuw.');
          expect(answer.text).not.toContain('klopt niet');
        }
      } finally {
        await fake.outage(null);
      }
      const log = server.log().slice(logBefore);
      expect(log).toContain('Supabase Auth');
      expect(log).not.toContain('bert@zoetermeer.nl');
      expect(log).not.toContain(password);
      // Auth is back: the same person gets in at once.
      expect((await signIn('bert', password)).status).toBe(303);
    });
  }
});

describe('invite and recovery links', () => {
  test('an invited staff member opens the link, sets a password and is signed in', async () => {
    const verifiesBefore = authCalls('verify').length;
    const { jar, first } = await openLink('invite', links.dirk as string);
    // The token leaves the address bar at once, before any page or resource is loaded.
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/staff/wachtwoord-instellen');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    // Verified only when the password is sent: mail scanners that open links use up nothing.
    expect(authCalls('verify').length).toBe(verifiesBefore);

    const form = await fetch(`${server.url}/staff/wachtwoord-instellen`, {
      headers: { cookie: cookieHeader(jar) },
    });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('Wachtwoord instellen');
    expect(html).not.toContain(links.dirk);

    // Too short, or two different passwords: said on the form, the link is not used up.
    const short = await setPassword(jar, 'kort-12345');
    expect(short.status).toBe(400);
    expect(short.text).toContain('minstens 12 tekens');
    const mismatch = await setPassword(jar, newPassword, `${newPassword}!`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('niet hetzelfde');
    expect(authCalls('verify').length).toBe(verifiesBefore);

    const done = await setPassword(jar, newPassword);
    expect(done.status).toBe(303);
    expect(done.location).toBe('/staff');
    expect(done.signedIn).toBe(true);
    expect(authCalls('verify').length).toBe(verifiesBefore + 1);
    expect(fake.liveSessions(ids.dirk)).toBe(0);

    // From now on the new password works on the sign-in page.
    expect((await signIn('dirk', newPassword)).status).toBe(303);

    // The link works once.
    const again = await openLink('invite', links.dirk as string);
    const reused = await setPassword(again.jar, 'nog een ander lang wachtwoord');
    expect(reused.status).toBe(400);
    expect(reused.text).toContain('verlopen of al gebruikt');
  });

  test('a recovery link replaces the password', async () => {
    const { jar } = await openLink('recovery', await fake.recover('eva@zoetermeer.nl'));
    const done = await setPassword(jar, newPassword);
    expect(done.status).toBe(303);
    expect(done.signedIn).toBe(true);
    expect((await signIn('eva', password)).status).toBe(401);
    expect((await signIn('eva', newPassword)).status).toBe(303);
  });

  test('a deactivated staff member who sets a password is not signed in', async () => {
    const { jar } = await openLink('recovery', await fake.recover('fleur@zoetermeer.nl'));
    const done = await setPassword(jar, newPassword);
    expect(done.status).toBe(403);
    expect(done.signedIn).toBe(false);
    expect(done.text).toContain('geen toegang');
    expect(fake.liveSessions(ids.fleur)).toBe(0);
  });

  test('an expired link says so', async () => {
    fake.expire(links.ilse as string);
    const { jar } = await openLink('invite', links.ilse as string);
    const answer = await setPassword(jar, newPassword);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('verlopen of al gebruikt');
    expect(answer.signedIn).toBe(false);
  });

  test('an Auth outage while setting a password is a 503, and the link still works afterwards', async () => {
    const { jar } = await openLink('invite', links.joost as string);
    await fake.outage(500);
    try {
      const answer = await setPassword(jar, newPassword);
      expect(answer.status).toBe(503);
      expect(answer.text).toContain('lukt nu niet');
    } finally {
      await fake.outage(null);
    }
    const done = await setPassword(jar, newPassword);
    expect(done.status).toBe(303);
    expect(done.signedIn).toBe(true);
  });

  test('without a link the page only explains where to find one', async () => {
    const response = await fetch(`${server.url}/staff/wachtwoord-instellen`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('link uit uw e-mail');
    expect(html).not.toContain('name="wachtwoord"');
  });

  test('setting a password needs the CSRF token like every form', async () => {
    const { jar } = await openLink('invite', links.joost as string);
    jar.set('dm_csrf', 'x'.repeat(43));
    const answer = await setPassword(jar, newPassword);
    expect(answer.status).toBe(403);
  });
});
