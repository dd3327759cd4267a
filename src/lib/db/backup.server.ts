import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openedByOtherProcess, openPglite, pidFile } from './pglite.server';

/** Refused: the database is open elsewhere, the target exists, or the file is not a backup. */
export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError';
}

/** `doemee-backup-2026-11-24T06-40-00Z.tar.gz`: sortable, one file, the moment in its name (UTC). */
export function backupFileName(at: Date = new Date()): string {
  return `doemee-backup-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.tar.gz`;
}

function refuseIfInUse(dataDir: string): void {
  const pid = openedByOtherProcess(dataDir);
  if (pid)
    throw new BackupRefusedError(
      `The embedded database is in use by process ${pid}. Stop the server (npm start) first ` +
        `(if no server runs, that process is something else: delete ${pidFile(dataDir)}).`,
    );
}

const hasDatabase = (dataDir: string) => existsSync(path.join(dataDir, 'PG_VERSION'));

/**
 * Writes the whole embedded database (PGlite `dumpDataDir`, a gzipped tarball of the data
 * directory, taken by the database itself after a checkpoint) to one file in `outDir`.
 * The server must be stopped: PGlite is one process's.
 */
export async function backupEmbedded(
  dataDir: string,
  outDir: string,
  at: Date = new Date(),
): Promise<{ file: string; bytes: number }> {
  if (!hasDatabase(dataDir)) throw new BackupRefusedError(`There is no embedded database in ${dataDir}.`);
  refuseIfInUse(dataDir);
  const db = await openPglite({ dataDir });
  let dump: Blob;
  try {
    await db.pglite.exec('checkpoint');
    dump = await db.pglite.dumpDataDir('gzip');
  } finally {
    await db.close();
  }
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, backupFileName(at));
  // Written next to its final name first, so a half-written file never looks like a backup.
  await writeFile(`${file}.partial`, Buffer.from(await dump.arrayBuffer()), { mode: 0o600, flag: 'wx' });
  await rename(`${file}.partial`, file);
  return { file, bytes: (await stat(file)).size };
}

/**
 * Replaces the embedded database with a backup. Refuses while the database is open in another
 * process, and refuses to replace an existing database unless `force`; the replaced directory is
 * kept next to it (`pglite.replaced-<moment>`) rather than deleted. Checks the restored database
 * opens and answers before returning.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  { force = false, at = new Date() }: { force?: boolean; at?: Date } = {},
): Promise<{ replaced?: string; submissions: number }> {
  refuseIfInUse(dataDir);
  const archive = await readFile(file);
  if (archive[0] !== 0x1f || archive[1] !== 0x8b)
    throw new BackupRefusedError(`${file} is not a backup made by npm run db:backup (not gzip).`);
  let replaced: string | undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!force)
      throw new BackupRefusedError(
        `${dataDir} already holds a database. Add --force to replace it (it is kept aside, not deleted).`,
      );
    replaced = `${dataDir}.replaced-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;
    await rename(dataDir, replaced);
  }
  try {
    const db = await openPglite({ dataDir, loadDataDir: new Blob([archive]) });
    try {
      const [row] = await db.asOwner(
        (tx) => tx.sql<{ n: number }>`select count(*)::int as n from public.submissions`,
      );
      return { ...(replaced ? { replaced } : {}), submissions: row?.n ?? 0 };
    } finally {
      await db.close();
    }
  } catch (error) {
    // Put the previous database back rather than leave a broken one in its place.
    if (replaced) {
      const { rm } = await import('node:fs/promises');
      await rm(dataDir, { recursive: true, force: true });
      await rename(replaced, dataDir);
    }
    throw error;
  }
}
