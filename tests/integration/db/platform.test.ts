/**
 * Issue 17, item 6: hosted Supabase was recognised by a role, and roles belong to the whole
 * server. A plain database on a server that also hosts Supabase-like roles was taken for Supabase,
 * skipped the local platform SQL and failed ("schema auth does not exist"). Now each database is
 * asked itself: Supabase Auth keeps its migration ledger in auth.schema_migrations.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isSupabaseDatabase, migrate } from '../../../src/lib/db/migrate.server';
import { openPglite } from '../../../src/lib/db/pglite.server';
import { openPostgres } from '../../../src/lib/db/postgres.server';
import type { Database } from '../../../src/lib/db/types';
import { driver } from '../../support/db';
import { migrationsDir, platformSql } from '../../support/paths';

/** An empty database on this project's driver, and how to throw it away. */
async function emptyDatabase(): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (driver === 'pglite') {
    const db = await openPglite();
    return { db, dispose: () => db.close() };
  }
  const url = process.env.DATABASE_URL as string;
  const name = `dm_p_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres({ url: target.toString(), max: 2 });
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe('a plain database on a server with Supabase-like roles', () => {
  let empty: Awaited<ReturnType<typeof emptyDatabase>>;
  let createdRole = false;

  beforeAll(async () => {
    empty = await emptyDatabase();
    createdRole = await empty.db.asOwner(async (tx) => {
      const [row] = await tx.query<{ exists: boolean }>(
        "select exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') as exists",
      );
      if (row?.exists) return false;
      await tx.exec('create role supabase_auth_admin nologin');
      return true;
    });
  });
  afterAll(async () => {
    if (createdRole) await empty.db.asOwner((tx) => tx.exec('drop role if exists supabase_auth_admin'));
    await empty?.dispose();
  });

  test('is not taken for Supabase, and migrates with the local platform SQL', async () => {
    expect(await empty.db.asOwner((tx) => isSupabaseDatabase(tx))).toBe(false);
    const applied = await migrate(empty.db, { migrationsDir, platformSql });
    expect(applied.length).toBeGreaterThan(10);
    const [users] = await empty.db.asOwner((tx) =>
      tx.query<{ users: string | null }>("select to_regclass('auth.users')::text as users"),
    );
    expect(users?.users).toBe('auth.users');
  });
});

test('a database with Supabase Auth’s own ledger is recognised as Supabase', async () => {
  const empty = await emptyDatabase();
  try {
    await empty.db.asOwner((tx) =>
      tx.exec('create schema auth; create table auth.schema_migrations (version text primary key);'),
    );
    expect(await empty.db.asOwner((tx) => isSupabaseDatabase(tx))).toBe(true);
  } finally {
    await empty.dispose();
  }
});
