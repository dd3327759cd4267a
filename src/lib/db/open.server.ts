import path from 'node:path';
import type { Env } from '../config/env.server';
import { contentDir, resolveFromRoot } from '../config/env.server';
import { loadConsultations } from '../content/load.server';
import { syncConsultation } from '../content/sync.server';
import { migrate } from './migrate.server';
import { openPglite } from './pglite.server';
import { openPostgres } from './postgres.server';
import type { Database } from './types';

/** DATABASE_URL when set, else the embedded database under DATA_DIR. */
export async function openDatabase(env: Env): Promise<Database> {
  if (env.DATABASE_URL) {
    return openPostgres({
      url: env.DATABASE_URL,
      max: env.DATABASE_POOL_MAX,
      prepare: env.DATABASE_PREPARE === 'true',
    });
  }
  return openPglite({ dataDir: path.resolve(resolveFromRoot(env.DATA_DIR), 'pglite') });
}

/** Migrations, then the consultations in content/: what every server does before it serves. */
export async function prepareDatabase(
  db: Database,
): Promise<{ migrated: string[]; consultations: string[] }> {
  const migrated = await migrate(db, {
    migrationsDir: resolveFromRoot('supabase', 'migrations'),
    platformSql: resolveFromRoot('supabase', 'platform', 'local.sql'),
  });
  const consultations = await loadConsultations(contentDir());
  for (const c of consultations) await syncConsultation(db, c);
  return { migrated, consultations: consultations.map((c) => c.slug) };
}
