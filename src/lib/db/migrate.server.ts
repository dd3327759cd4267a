import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database, Tx } from './types';

export interface MigrateOptions {
  /** supabase/migrations */
  readonly migrationsDir: string;
  /** supabase/platform/local.sql: what hosted Supabase already has. */
  readonly platformSql: string;
}

export interface MigrationFile {
  readonly version: string;
  readonly name: string;
  readonly file: string;
}

/** Supabase CLI naming: <timestamp>_<name>.sql, applied in timestamp order. */
export async function listMigrations(dir: string): Promise<MigrationFile[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => {
    const match = /^(\d{14})_(.+)\.sql$/.exec(file);
    if (!match?.[1] || !match[2])
      throw new Error(`Migration file name must be <14 digits>_<name>.sql: ${file}`);
    return { version: match[1], name: match[2], file: path.join(dir, file) };
  });
}

const ledger = `
  create schema if not exists supabase_migrations;
  create table if not exists supabase_migrations.schema_migrations (
    version text primary key,
    statements text[],
    name text
  );
`;

/**
 * A real Supabase project has its own auth schema; never touch it there. Asked of this database,
 * not of the server: roles are shared by every database on a server, and a plain database beside
 * a Supabase-like one still needs the local platform SQL. Supabase Auth keeps its own migration
 * ledger in auth.schema_migrations.
 */
export async function isSupabaseDatabase(tx: Tx): Promise<boolean> {
  // From the catalog, which every role may read: the server's own login role has no rights on auth.
  const rows = await tx.query<{ hosted: boolean }>(
    `select exists (
       select 1 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'auth' and c.relname = 'schema_migrations') as hosted`,
  );
  return rows[0]?.hosted ?? false;
}

/**
 * Brings a database up to date: the local platform SQL (unless this is hosted Supabase), then every
 * migration not yet recorded in supabase_migrations.schema_migrations, each in its own transaction,
 * recorded the way the Supabase CLI records them so both tools can be used on one database.
 * Returns the versions applied now.
 */
export async function migrate(db: Database, options: MigrateOptions): Promise<string[]> {
  const platform = await readFile(options.platformSql, 'utf8');
  await db.asOwner(async (tx) => {
    if (!(await isSupabaseDatabase(tx))) await tx.exec(platform);
    await tx.exec(ledger);
  });

  const applied = new Set(
    await db.asOwner(async (tx) =>
      (await tx.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).map(
        (r) => r.version,
      ),
    ),
  );

  const done: string[] = [];
  for (const migration of await listMigrations(options.migrationsDir)) {
    if (applied.has(migration.version)) continue;
    const script = await readFile(migration.file, 'utf8');
    const ran = await db.asOwner(async (tx) => {
      // Two servers starting at once: the second waits, then sees the version recorded.
      await tx.query("select pg_advisory_xact_lock(hashtext('supabase_migrations'))");
      const seen = await tx.query('select 1 from supabase_migrations.schema_migrations where version = $1', [
        migration.version,
      ]);
      if (seen.length > 0) return false;
      await tx.exec(script);
      await tx.query(
        'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
        [migration.version, [script], migration.name],
      );
      return true;
    });
    if (ran) done.push(migration.version);
  }
  return done;
}
