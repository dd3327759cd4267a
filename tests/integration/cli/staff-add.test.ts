import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyCredentials } from '../../../src/lib/auth/accounts.server';
import { openPglite } from '../../../src/lib/db/pglite.server';
import { driver } from '../../support/db';
import { repoRoot } from '../../support/paths';

// The CLI writes to the embedded database under DATA_DIR; the TCP project has its own tests.
const dataDir = mkdtempSync(path.join(tmpdir(), 'dm-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function staffAdd(...args: string[]) {
  return spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['src/cli/staff-add.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SUPABASE_URL: '' },
    encoding: 'utf8',
  });
}

describe.skipIf(driver !== 'pglite')('npm run staff:add', () => {
  // The first run creates and migrates the embedded database in a child process: slow on a busy machine.
  test('creates an account whose generated password works', { timeout: 120_000 }, async () => {
    const run = staffAdd('--email', 'Nieuw@Zoetermeer.nl', '--role', 'analyst', '--name', 'Nieuwe analist');
    expect(run.status, run.stderr).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeDefined();
    const db = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    try {
      expect(await verifyCredentials(db, 'nieuw@zoetermeer.nl', password ?? '')).toMatchObject({
        staffRole: 'analyst',
      });
    } finally {
      await db.close();
    }
  });

  test.each([
    [['--email', 'nieuw@zoetermeer.nl', '--role', 'admin'], 1, /already exists/],
    [['--email', 'ander@zoetermeer.nl', '--role', 'burgemeester'], 1, /Invalid input/],
    [['--email', 'ander@zoetermeer.nl', '--role', 'admin', '--password', 'kort'], 1, /Invalid input/],
    [['--role', 'admin'], 2, /Usage/],
  ])('refuses %j', (args, status, message) => {
    const run = staffAdd(...args);
    expect(run.status).toBe(status);
    expect(run.stderr).toMatch(message);
  });
});
