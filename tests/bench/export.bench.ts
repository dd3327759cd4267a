// Export speed and memory: seeds 10,000 and 100,000 approved items into a fresh embedded database
// (bulk insert as the owner), then times each export as an analyst (RLS on) into a sink that
// only counts bytes. Wall time and this process's CPU time are printed (the machine may be shared). Peak memory is the highest RSS sampled every 20 ms during that export
// (and the process's maxRSS, which also covers seeding). Prints figures, asserts nothing.
// Target (issue 8): 100,000 items to .xlsx in under 15 s and under 500 MB.
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import { type Database, forCaller } from '../../src/lib/db/types';
import type { ExportFormat } from '../../src/lib/exports/filters';
import { startExport } from '../../src/lib/exports/index.server';
import { migrationsDir, platformSql } from '../support/paths';
import { seed } from './export-seed';

const sizes = (process.env.EXPORT_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const formats: ExportFormat[] = ['xlsx', 'csv-nl', 'csv', 'json', 'docx', 'md'];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

async function measure(db: Database, label: string, items: number): Promise<void> {
  await migrate(db, { migrationsDir, platformSql });
  const seeding = performance.now();
  const analyst = await seed(db, items);
  const [{ n } = { n: 0 }] = await db.asOwner(
    (tx) => tx.sql<{ n: number }>`select count(*)::int as n from public.input_items`,
  );
  console.log(`${label}: seeded ${n} items in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  for (const format of formats) {
    (globalThis as { gc?: () => void }).gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const prepared = await startExport(forCaller(db, analyst), {
      consultation: 'bench',
      source: 'current',
      format,
    });
    const prepareSeconds = (performance.now() - started) / 1000;
    const sink = new CountingSink();
    const written = await prepared.write(sink);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `${label} ${String(items).padStart(6)} items ${format.padEnd(6)}: ${seconds.toFixed(1).padStart(5)} s ` +
        `(figures ${prepareSeconds.toFixed(1)} s; CPU ${cpuSeconds.toFixed(1)} s), ` +
        `${String(written).padStart(6)} rows, ${(sink.bytes / 1024 / 1024).toFixed(1).padStart(6)} MB file, ` +
        `peak RSS ${mb(peak)} (before ${mb(base)}, +${mb(peak - base)})`,
    );
  }
  console.log(
    `${label}: process maxRSS so far ${mb(process.resourceUsage().maxRSS * 1024)} (includes seeding)`,
  );
  await db.close();
}

for (const size of sizes) await measure(await openPglite(), 'pglite  ', size);
const url = process.env.EXPORT_BENCH_DATABASE_URL;
if (url) for (const size of sizes) await measure(openPostgres({ url, max: 4 }), 'postgres', size);
else
  console.log('postgres skipped: set EXPORT_BENCH_DATABASE_URL to an empty scratch database to measure it');
