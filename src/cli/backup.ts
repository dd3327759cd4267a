/**
 * Backups of the embedded database (see README "Backups"). Stop the server first.
 *   npm run db:backup [-- --out DIR]          one file DIR/doemee-backup-<UTC moment>.tar.gz
 *                                             (default DIR: DATA_DIR/backups)
 *   npm run db:restore -- FILE [--force]      replaces the embedded database with FILE; --force is
 *                                             needed when a database exists (kept aside, not deleted)
 * With DATABASE_URL set these refuse: use Supabase's backups or `supabase db dump` / pg_dump.
 */
import path from 'node:path';
import { readEnv, resolveFromRoot } from '../lib/config/env.server';
import { BackupRefusedError, backupEmbedded, restoreEmbedded } from '../lib/db/backup.server';

const [command, ...args] = process.argv.slice(2);

function option(name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<number> {
  const env = readEnv();
  if (env.DATABASE_URL) {
    console.error(
      'DATABASE_URL is set: back up hosted PostgreSQL with Supabase (daily backups, PITR) or `supabase db dump`.',
    );
    return 2;
  }
  const dataRoot = resolveFromRoot(env.DATA_DIR);
  const dataDir = path.join(dataRoot, 'pglite');
  if (command === 'backup') {
    const outDir = path.resolve(option('--out') ?? path.join(dataRoot, 'backups'));
    const { file, bytes } = await backupEmbedded(dataDir, outDir);
    console.log(`Backup written: ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
    return 0;
  }
  const file = args.find((a) => !a.startsWith('--'));
  if (command === 'restore' && file) {
    const result = await restoreEmbedded(path.resolve(file), dataDir, { force: args.includes('--force') });
    if (result.replaced) console.log(`The previous database was kept aside in ${result.replaced}`);
    console.log(`Restored ${file} into ${dataDir}: ${result.submissions} submission(s).`);
    return 0;
  }
  console.error('Usage: npm run db:backup [-- --out DIR] | npm run db:restore -- FILE [--force]');
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof BackupRefusedError ? error.message : error);
    process.exitCode = 1;
  },
);
