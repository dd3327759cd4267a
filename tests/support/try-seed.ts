/**
 * A fresh database with the migrations, content/ and supabase/seed.sql applied, for trying the
 * demo data and for tests that want it.
 *
 *   npx tsx tests/support/try-seed.ts                       in-memory PGlite, no staff accounts
 *   npx tsx tests/support/try-seed.ts --with-staff          … with the four demo staff accounts
 *   npx tsx tests/support/try-seed.ts --postgres <url>      an existing, empty PostgreSQL database
 *
 * Prints the number of rows per table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConsultations } from '../../src/lib/content/load.server';
import { syncConsultation } from '../../src/lib/content/sync.server';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import type { Database } from '../../src/lib/db/types';
import { seedDemo } from '../../src/lib/demo/seed.server';
import { contentDir, migrationsDir, platformSql, repoRoot } from './paths';

export const seedSqlFile = path.join(repoRoot, 'supabase', 'seed.sql');

export interface SeedOptions {
  /** An empty PostgreSQL database to use instead of an in-memory PGlite. */
  readonly postgresUrl?: string;
  /** Create the demo staff accounts first (as `npm run db:seed` does), with this password. */
  readonly staffPassword?: string;
}

/** Migrates a fresh database, synchronises content/ and runs supabase/seed.sql as the owner. */
export async function seedFreshDatabase(options: SeedOptions = {}): Promise<Database> {
  const db = options.postgresUrl ? openPostgres({ url: options.postgresUrl, max: 2 }) : await openPglite();
  try {
    await migrate(db, { migrationsDir, platformSql });
    for (const consultation of await loadConsultations(contentDir)) await syncConsultation(db, consultation);
    if (options.staffPassword) await seedDemo(db, seedSqlFile, options.staffPassword);
    else {
      const seed = readFileSync(seedSqlFile, 'utf8');
      await db.asOwner((tx) => tx.exec(seed));
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Rows per table in public (and auth.users), for a quick look at what the seed made. */
export async function countRows(db: Database): Promise<Record<string, number>> {
  return db.asOwner(async (tx) => {
    const tables = await tx.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
       where (table_schema = 'public' or (table_schema = 'auth' and table_name = 'users'))
         and table_type = 'BASE TABLE'
       order by table_schema desc, table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = await tx.query<{ n: number }>(`select count(*)::int as n from ${name}`);
      counts[name] = row?.n ?? 0;
    }
    return counts;
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pgIndex = args.indexOf('--postgres');
  const postgresUrl = pgIndex >= 0 ? args[pgIndex + 1] : undefined;
  if (pgIndex >= 0 && !postgresUrl) throw new Error('--postgres needs a database URL');
  const staffPassword = args.includes('--with-staff') ? 'demo-wachtwoord-voor-tests' : undefined;

  const started = Date.now();
  const db = await seedFreshDatabase({ postgresUrl, staffPassword });
  try {
    console.log(
      `Seeded ${db.driver} in ${Date.now() - started} ms${staffPassword ? ' (with demo staff)' : ''}.`,
    );
    console.table(await countRows(db));
    const breakdown = await db.asOwner((tx) =>
      tx.query<{ channel: string; status: string; n: number }>(
        `select channel::text, status::text, count(*)::int as n from public.input_items
         group by 1, 2 order by 1, 2`,
      ),
    );
    console.table(breakdown);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
