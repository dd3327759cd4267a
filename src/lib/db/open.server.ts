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

/**
 * What a server does before it serves: migrations and content through the owner's connection when
 * one is given (DATABASE_MIGRATION_URL, closed again afterwards), else through db itself.
 */
export async function prepareForServing(env: Env, db: Database): ReturnType<typeof prepareDatabase> {
  if (!env.DATABASE_MIGRATION_URL) return prepareDatabase(db);
  const owner = openPostgres({
    url: env.DATABASE_MIGRATION_URL,
    max: 1,
    prepare: env.DATABASE_PREPARE === 'true',
  });
  try {
    return await prepareDatabase(owner);
  } finally {
    await owner.close();
  }
}

/**
 * Why the login role of a PostgreSQL connection should not serve requests, or null when it is fine:
 * the owner of the tables, a superuser or a role with BYPASSRLS can do anything whenever a
 * statement forgets to act as its caller. The embedded database has only its owner.
 */
export async function servingRoleConcern(db: Database): Promise<string | null> {
  if (db.driver !== 'postgres') return null;
  const [row] = await db.asOwner((tx) =>
    tx.query<{ name: string; superuser: boolean; bypassrls: boolean; owner: boolean }>(`
      select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
        pg_has_role(current_user, c.relowner, 'usage') as owner
      from pg_roles r, pg_class c
      where r.rolname = current_user and c.oid = 'public.consultations'::regclass`),
  );
  if (!row) return null;
  const reasons = [
    row.owner && 'owns the tables',
    row.superuser && 'is a superuser',
    row.bypassrls && 'bypasses row-level security',
  ].filter(Boolean);
  return reasons.length === 0
    ? null
    : `The server connects as "${row.name}", which ${reasons.join(' and ')}. Serve through a login role of its own (see README, "Deploying on hosted Supabase").`;
}
