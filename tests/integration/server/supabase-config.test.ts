/**
 * Issue 17, item 7: on a Supabase project without SUPABASE_URL, sign-in and `staff:add` failed
 * with 500 (Supabase Auth owns auth.users there, so local accounts cannot work). Now the server
 * does not start and says which settings are missing, and staff:add refuses with a pointer.
 *
 * "A Supabase project" is whatever src/lib/db/migrate.server.ts's isHostedSupabase says. It looks
 * at roles today, and roles belong to the whole PostgreSQL server, so this runs on PGlite (a
 * server of its own per test) only; with a per-database check it can run on PostgreSQL too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../../src/lib/db/pglite.server';
import { driver } from '../../support/db';
import { repoRoot } from '../../support/paths';
import { ensureBuilt, prepareDatabase, startServer, stopServer } from '../../support/server';

let dataDir: string;

describe.skipIf(driver !== 'pglite')('a Supabase project without SUPABASE_URL', () => {
  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(path.join(tmpdir(), 'dm-supabase-config-'));
    prepareDatabase({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const db = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    try {
      // What hosted Supabase has and the migration runner looks for.
      await db.asOwner((tx) => tx.exec('create role supabase_auth_admin nologin'));
    } finally {
      await db.close();
    }
  }, 300_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the server does not start, and says which settings are missing', { timeout: 150_000 }, async () => {
    const started = startServer({
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SUPABASE_URL: '',
      SUPABASE_ANON_KEY: '',
    });
    const outcome = await started.then(
      async (server) => {
        await stopServer(server);
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toContain('the server stopped before it was ready');
    expect(outcome).toContain('SUPABASE_URL and SUPABASE_ANON_KEY');
  });

  test('staff:add refuses and points to Supabase Auth', () => {
    const result = spawnSync(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      ['src/cli/staff-add.ts', '--email', 'nieuw@zoetermeer.nl', '--role', 'moderator'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SUPABASE_URL: '', SUPABASE_ANON_KEY: '' },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invite staff in Supabase Auth');
  });

  test('with SUPABASE_URL and SUPABASE_ANON_KEY it starts', { timeout: 150_000 }, async () => {
    const server = await startServer({
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SUPABASE_URL: 'http://127.0.0.1:9',
      SUPABASE_ANON_KEY: 'een-sleutel',
    });
    const health = await fetch(`${server.url}/api/health`);
    await stopServer(server);
    expect(health.status).toBe(200);
  });
});
