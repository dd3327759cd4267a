import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { openPglite, pidFile } from '../../../src/lib/db/pglite.server';
import { driver } from '../../support/db';
import { repoRoot } from '../../support/paths';
import { buildWorld, ids } from '../../support/world';

// npm run db:backup / db:restore work on the embedded database only.
const root = mkdtempSync(path.join(tmpdir(), 'dm-backup-'));
const dataDir = path.join(root, 'pglite');
const outDir = path.join(root, 'kopieen');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(script: string, ...args: string[]) {
  return spawnSync(
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    ['src/cli/backup.ts', script, ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: root, DATABASE_URL: '' },
      encoding: 'utf8',
    },
  );
}

async function submissionIds(): Promise<string[]> {
  const db = await openPglite({ dataDir });
  try {
    return (
      await db.asOwner((tx) => tx.sql<{ id: string }>`select id from public.submissions order by id`)
    ).map((r) => r.id);
  } finally {
    await db.close();
  }
}

describe.skipIf(driver !== 'pglite')('npm run db:backup and db:restore', () => {
  test('backup, change, restore: the data is back', { timeout: 180_000 }, async () => {
    const db = await openPglite({
      dataDir,
      loadDataDir: new Blob([await readFile(inject('migratedTemplate'))]),
    });
    await buildWorld(db);
    await db.close();

    const backup = cli('backup', '--out', outDir);
    expect(backup.status, backup.stderr).toBe(0);
    const [file] = readdirSync(outDir);
    expect(file).toMatch(/^doemee-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/);
    expect(backup.stdout).toContain(path.join(outDir, file ?? ''));

    // A change after the backup: the submission (and its answers) removed.
    const changed = await openPglite({ dataDir });
    await changed.asOwner((tx) => tx.sql`delete from public.submissions where id = ${ids.submission}`);
    await changed.close();
    expect(await submissionIds()).toEqual([]);

    const backupFile = path.join(outDir, file ?? '');
    const withoutForce = cli('restore', backupFile);
    expect(withoutForce.status).toBe(1);
    expect(withoutForce.stderr).toMatch(/already holds a database. Add --force/);

    // In use by another live process (this test's parent stands in for a running server).
    writeFileSync(pidFile(dataDir), `${process.ppid}\n`);
    const inUse = cli('restore', backupFile, '--force');
    expect(inUse.status).toBe(1);
    expect(inUse.stderr).toMatch(new RegExp(`in use by process ${process.ppid}`));
    expect(cli('backup', '--out', outDir).stderr).toMatch(/in use/);
    rmSync(pidFile(dataDir));

    const restored = cli('restore', backupFile, '--force');
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .* 1 submission\(s\)/);
    expect(await submissionIds()).toEqual([ids.submission]);
    // The replaced database was kept aside, not deleted.
    const kept = readdirSync(root).filter((name) => name.startsWith('pglite.replaced-'));
    expect(kept).toHaveLength(1);
    expect(existsSync(path.join(root, kept[0] ?? '', 'PG_VERSION'))).toBe(true);

    const notABackup = path.join(root, 'geen-backup.tar.gz');
    writeFileSync(notABackup, 'hallo');
    expect(cli('restore', notABackup, '--force').stderr).toMatch(/not a backup/);
    expect(await submissionIds()).toEqual([ids.submission]);
  });
});
