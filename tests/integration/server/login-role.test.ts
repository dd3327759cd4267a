/**
 * Issue 17, item 7: at run time the server connected as the owner of the tables (with BYPASSRLS
 * on Supabase). Now it can serve through a login role of its own that owns nothing and may only
 * become the app's three roles, while migrations and the content sync run through the owner
 * (DATABASE_MIGRATION_URL). PostgreSQL only: the embedded database has one user.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaffAccount } from '../../../src/lib/auth/accounts.server';
import { anonymous } from '../../../src/lib/db/caller';
import { servingRoleConcern } from '../../../src/lib/db/open.server';
import { openPostgres } from '../../../src/lib/db/postgres.server';
import type { Database } from '../../../src/lib/db/types';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import {
  csrfToken,
  ensureBuilt,
  formHeaders,
  type RunningServer,
  referenceFrom,
  residentForm,
  startServer,
  stopServer,
  submitPath,
} from '../../support/server';

const password = 'een-lang-genoeg-wachtwoord';
const login = `dm_app_${randomBytes(4).toString('hex')}`;

describe.runIf(driver === 'postgres')('serving through a login role that is not the owner', () => {
  let owner: TestDatabase;
  let app: Database;
  let appUrl: string;
  let server: RunningServer;

  beforeAll(async () => {
    ensureBuilt();
    owner = await freshDatabase();
    await owner.asOwner((tx) =>
      tx.exec(`create role ${login} login noinherit;
               grant doemee_anon, doemee_staff, doemee_service to ${login};`),
    );
    const created = await createStaffAccount(owner, {
      email: 'beheer@zoetermeer.nl',
      displayName: 'Beheer',
      role: 'admin',
      password,
    });
    if (!created.ok) throw new Error('no admin account');
    const url = new URL(owner.url as string);
    url.username = login;
    appUrl = url.toString();
    app = openPostgres({ url: appUrl, max: 2 });
    server = await startServer({
      DATABASE_URL: appUrl,
      DATABASE_MIGRATION_URL: owner.url as string,
      DEMO_SEED: 'false',
    });
  }, 300_000);

  afterAll(async () => {
    if (server) await stopServer(server);
    await app?.close();
    await owner?.asOwner((tx) => tx.exec(`drop owned by ${login}; drop role if exists ${login}`));
    await owner?.dispose();
  });

  test('the owner is named a concern at start; the login role is not', async () => {
    expect(await servingRoleConcern(owner)).toMatch(/owns the tables/);
    expect(await servingRoleConcern(app)).toBeNull();
    expect(server.log()).not.toMatch(/Serve through a login role of its own/);
  });

  test('the login role itself reads nothing; acting as a visitor it reads what visitors may', async () => {
    await expect(app.asOwner((tx) => tx.query('select 1 from public.consultations limit 1'))).rejects.toThrow(
      /permission denied/,
    );
    const rows = await app.transaction(anonymous, (tx) =>
      tx.query<{ slug: string }>('select slug from public.consultations'),
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  test('a resident answers, and staff sign in and open the audit log', async () => {
    const form = residentForm();
    const answered = await fetch(`${server.url}${submitPath}`, {
      method: 'POST',
      headers: formHeaders(server.url),
      body: form.body,
      redirect: 'manual',
    });
    expect(answered.status).toBe(303);
    expect(referenceFrom(answered)).toMatch(/\S/);

    const signedIn = await fetch(`${server.url}/staff/inloggen`, {
      method: 'POST',
      headers: formHeaders(server.url),
      body: new URLSearchParams({
        csrf: csrfToken,
        email: 'beheer@zoetermeer.nl',
        password,
        terug: '/staff',
      }),
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers
      .getSetCookie()
      .map((c) => /^dm_session=([^;]+)/.exec(c)?.[1])
      .find(Boolean);
    const log = await fetch(`${server.url}/staff/logboek`, {
      headers: { cookie: `dm_csrf=${csrfToken}; dm_session=${session}` },
      redirect: 'manual',
    });
    expect(log.status).toBe(200);
    expect(await log.text()).toContain('beheer@zoetermeer.nl');
  });
});
