// Data layer overhead: how many caller transactions per second each driver sustains, serially and
// with concurrent callers (PGlite queues them; postgres.js spreads them over its pool).
import { performance } from 'node:perf_hooks';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import type { Database } from '../../src/lib/db/types';
import { migrationsDir, platformSql } from '../support/paths';
import { buildWorld, callerFor } from '../support/world';

async function measure(db: Database, label: string): Promise<void> {
  await migrate(db, { migrationsDir, platformSql });
  await buildWorld(db);
  const caller = callerFor('moderator');
  const one = () => db.transaction(caller, (tx) => tx.sql`select count(*)::int as n from public.input_items`);
  for (let i = 0; i < 50; i++) await one(); // warm up
  for (const concurrency of [1, 8, 32]) {
    const total = 1000;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < total) await one();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${label.padEnd(10)} concurrency ${String(concurrency).padStart(2)}: ${(total / seconds).toFixed(0).padStart(6)} transactions/s`,
    );
  }
  await db.close();
}

await measure(await openPglite(), 'pglite');
const url = process.env.DATABASE_URL;
if (url) await measure(openPostgres({ url, max: 10 }), 'postgres');
else console.log('postgres   skipped: set DATABASE_URL to a scratch database to measure it');
