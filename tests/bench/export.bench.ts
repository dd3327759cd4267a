// Export speed and memory (issue 8). For 10,000 and 100,000 approved items: seeds a fresh embedded
// database on disk (bulk insert as the owner, then ANALYZE), then runs each export in a fresh
// child process — as a server would: open the database, export as an analyst (RLS on) into a
// sink that only counts bytes. Prints wall time, the process's CPU time (the machine may be
// shared, so wall time can be inflated), and memory: peak RSS sampled every 20 ms and maxRSS of
// the child. Asserts nothing. Target: 100,000 items to .xlsx in under 15 s and under 500 MB.
//
//   npm run bench -- export                          both sizes on PGlite
//   EXPORT_BENCH_SIZES=10000 npm run bench -- export
//   EXPORT_BENCH_DATABASE_URL=postgres://…/postgres  also on PostgreSQL (creates and drops a database per size)
//   EXPORT_BENCH_PGLITE=false                        PostgreSQL only
//   EXPORT_BENCH_FORMATS=xlsx,csv-nl                 some formats only
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import type { Caller, Database } from '../../src/lib/db/types';
import { forCaller } from '../../src/lib/db/types';
import type { ExportFormat } from '../../src/lib/exports/filters';
import { startExport } from '../../src/lib/exports/index.server';
import { migrationsDir, platformSql } from '../support/paths';
import { seed } from './export-seed';

const formats = (process.env.EXPORT_BENCH_FORMATS ?? 'xlsx,csv-nl,csv,json,docx,md').split(
  ',',
) as ExportFormat[];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

const open = (target: string): Database =>
  target.startsWith('postgres') ? openPostgres({ url: target, max: 4 }) : (undefined as never);

async function child(
  target: string,
  format: ExportFormat,
  analystJson: string,
  items: string,
): Promise<void> {
  const db = target.startsWith('postgres') ? open(target) : await openPglite({ dataDir: target });
  const analyst = JSON.parse(analystJson) as Caller;
  await db.transaction(analyst, (tx) => tx.sql`select 1`);
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
  const figures = (performance.now() - started) / 1000;
  const sink = new CountingSink();
  const written = await prepared.write(sink);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const label = target.startsWith('postgres') ? 'postgres' : 'pglite  ';
  console.log(
    `${label} ${items.padStart(6)} items ${format.padEnd(6)}: ${seconds.toFixed(1).padStart(5)} s ` +
      `(figures ${figures.toFixed(1)} s; CPU ${((used.user + used.system) / 1e6).toFixed(1)} s), ` +
      `${String(written).padStart(6)} rows, ${(sink.bytes / 1024 / 1024).toFixed(1).padStart(5)} MB file, ` +
      `peak RSS ${mb(peak)} (after opening the database ${mb(base)}), maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  await db.close();
}

async function prepare(db: Database, items: number): Promise<Caller> {
  await migrate(db, { migrationsDir, platformSql });
  const started = performance.now();
  const analyst = await seed(db, items);
  console.log(`seeded ${items} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await db.close();
  return analyst;
}

function runChildren(target: string, analyst: Caller, items: number): void {
  for (const format of formats) {
    const result = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        'child',
        target,
        format,
        JSON.stringify(analyst),
        String(items),
      ],
      { stdio: 'inherit' },
    );
    if (result.status !== 0) console.log(`${format}: the export process failed (exit ${result.status})`);
  }
}

async function main(): Promise<void> {
  const sizes = (process.env.EXPORT_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
  for (const items of process.env.EXPORT_BENCH_PGLITE === 'false' ? [] : sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'dm-export-bench-'));
    try {
      const analyst = await prepare(await openPglite({ dataDir: dir }), items);
      runChildren(dir, analyst, items);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const url = process.env.EXPORT_BENCH_DATABASE_URL;
  if (!url) {
    console.log(
      'postgres skipped: set EXPORT_BENCH_DATABASE_URL to measure it (a database is created per size)',
    );
    return;
  }
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  for (const items of sizes) {
    const name = `dm_export_bench_${process.pid}_${items}`;
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    try {
      const analyst = await prepare(openPostgres({ url: target.toString(), max: 2 }), items);
      runChildren(target.toString(), analyst, items);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    }
  }
  await admin.end();
}

const [, , mode, target, format, analyst, items] = process.argv;
if (mode === 'child' && target && format && analyst && items)
  await child(target, format as ExportFormat, analyst, items);
else await main();
