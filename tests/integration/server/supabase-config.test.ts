/**
 * Issue 17, item 7: on a Supabase project without SUPABASE_URL, sign-in and `staff:add` failed
 * with 500 (Supabase Auth owns auth.users there, so local accounts cannot work). Now the server
 * stops at its first request and says which settings are missing, and staff:add refuses with a
 * pointer. A Supabase project is recognised per database, by Supabase Auth's own ledger
 * auth.schema_migrations (src/lib/db/migrate.server.ts), which the test creates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../../src/lib/db/pglite.server';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import { repoRoot } from '../../support/paths';
import { ensureBuilt, prepareDatabase, startServer, stopServer } from '../../support/server';

const supabaseAuthLedger = 'create table auth.schema_migrations (version varchar(14) primary key)';
let dataDir: string;
let pg: TestDatabase | undefined;
/** Where the server and staff:add find the database. */
let databaseEnv: Record<string, string>;

describe('a Supabase project without SUPABASE_URL', () => {
  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(path.join(tmpdir(), 'dm-supabase-config-'));
    if (driver === 'postgres') {
      pg = await freshDatabase();
      await pg.asOwner((tx) => tx.exec(supabaseAuthLedger));
      databaseEnv = {
        DATABASE_URL: pg.url ?? '',
        AUTH_JWT_SECRET: 'a-test-secret-of-at-least-thirty-two-characters',
      };
    } else {
      prepareDatabase({ DATA_DIR: dataDir, DATABASE_URL: '' });
      const db = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
      try {
        await db.asOwner((tx) => tx.exec(supabaseAuthLedger));
      } finally {
        await db.close();
      }
      databaseEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
    }
  }, 300_000);
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await pg?.dispose();
  });

  test('the server does not start, and says which settings are missing', { timeout: 150_000 }, async () => {
    const started = startServer({
      ...databaseEnv,
      DEMO_SEED: 'false',
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

  // Several processes need PostgreSQL (src/cli/processes.mjs). A process that stops for its
  // settings is not replaced (it would stop the same way, once a second): the server stops.
  test.skipIf(driver !== 'postgres')(
    'with several server processes the whole server stops, instead of restarting them',
    { timeout: 150_000 },
    async () => {
      const outcome = await startServer({
        ...databaseEnv,
        DEMO_SEED: 'false',
        SERVER_PROCESSES: '2',
        SUPABASE_URL: '',
        SUPABASE_ANON_KEY: '',
      }).then(
        async (server) => {
          await stopServer(server);
          return 'started';
        },
        (error: Error) => error.message,
      );
      expect(outcome).toContain('the server stopped before it was ready');
      expect(outcome).toContain('The settings cannot work');
      expect(outcome).not.toContain('starting a new one');
    },
  );

  test('staff:add refuses and points to Supabase Auth', () => {
    const result = spawnSync(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      ['src/cli/staff-add.ts', '--email', 'nieuw@zoetermeer.nl', '--role', 'moderator'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, ...databaseEnv, SUPABASE_URL: '', SUPABASE_ANON_KEY: '' },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invite staff in Supabase Auth');
  });

  test('with SUPABASE_URL and SUPABASE_ANON_KEY it starts', { timeout: 150_000 }, async () => {
    const server = await startServer({
      ...databaseEnv,
      DEMO_SEED: 'false',
      SUPABASE_URL: 'http://127.0.0.1:9',
      SUPABASE_ANON_KEY: 'een-sleutel',
    });
    const health = await fetch(`${server.url}/api/health`);
    await stopServer(server);
    expect(health.status).toBe(200);
  });
});
