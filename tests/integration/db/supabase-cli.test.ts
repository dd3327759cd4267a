/**
 * Issue 17: deploying is `supabase db push`. The real Supabase CLI (from the npm registry, a dev
 * dependency) pushes every migration onto a fresh database that has what a Supabase project has
 * (here the local platform SQL stands in for it); the app's own runner then finds nothing left to
 * apply, synchronises content/, and nothing of the app answers the Data API's roles.
 * PostgreSQL only: the CLI speaks to a server over TCP.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrate } from '../../../src/lib/db/migrate.server';
import { prepareDatabase } from '../../../src/lib/db/open.server';
import { openPostgres } from '../../../src/lib/db/postgres.server';
import type { Database } from '../../../src/lib/db/types';
import { driver } from '../../support/db';
import { migrationsDir, platformSql } from '../../support/paths';

const root = path.resolve(migrationsDir, '..', '..');
const cli = path.join(root, 'node_modules', '.bin', 'supabase');

describe.runIf(driver === 'postgres')('supabase db push', () => {
  const name = `dm_push_${randomBytes(5).toString('hex')}`;
  let admin: postgres.Sql;
  let url: URL;
  let db: Database;

  beforeAll(async () => {
    admin = postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${name}`;
    db = openPostgres({ url: url.toString(), max: 2 });
    // What a Supabase project already has: roles, the auth schema, auth.uid() and auth.jwt().
    const platform = await readFile(platformSql, 'utf8');
    await db.asOwner((tx) => tx.exec(platform));
  });

  afterAll(async () => {
    await db?.close();
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  test('pushes every migration; the app then applies none and syncs its content', async () => {
    const target = new URL(url);
    target.searchParams.set('sslmode', 'disable');
    const push = spawnSync(cli, ['db', 'push', '--db-url', target.toString(), '--include-all', '--yes'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(push.status, `${push.stdout}\n${push.stderr}`).toBe(0);
    expect(push.stdout + push.stderr).toContain('Finished supabase db push');

    expect(await migrate(db, { migrationsDir, platformSql })).toEqual([]);
    const { consultations } = await prepareDatabase(db);
    expect(consultations.length).toBeGreaterThan(0);

    const granted = await db.asOwner((tx) =>
      tx.query<{ n: number }>(`
        select count(*)::int as n
        from pg_class c, aclexplode(c.relacl) acl
        where c.relnamespace = 'public'::regnamespace
          and pg_get_userbyid(acl.grantee) in ('anon', 'authenticated', 'service_role')`),
    );
    expect(granted).toEqual([{ n: 0 }]);
  });

  test("the README's staff steps work as written: add an invited user as staff, deactivate, delete", async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const addStaff = /```sql\n(insert into public\.staff_members[\s\S]*?)```/.exec(readme)?.[1];
    expect(addStaff).toBeDefined();
    // What Supabase Auth's invite leaves behind: a user without a password.
    await db.asOwner((tx) => tx.exec("insert into auth.users (email) values ('naam@zoetermeer.nl')"));
    await db.asOwner((tx) => tx.exec(addStaff ?? ''));
    const staff = () =>
      db.asOwner((tx) =>
        tx.query<{ role: string; active: boolean }>(
          "select role::text, active from public.staff_members where email = 'naam@zoetermeer.nl'",
        ),
      );
    expect(await staff()).toEqual([{ role: 'moderator', active: true }]);
    await db.asOwner((tx) =>
      tx.exec("update public.staff_members set active = false where email = 'naam@zoetermeer.nl'"),
    );
    expect(await staff()).toEqual([{ role: 'moderator', active: false }]);
    await db.asOwner((tx) => tx.exec("delete from auth.users where email = 'naam@zoetermeer.nl'"));
    expect(await staff()).toEqual([]);
  });
});
