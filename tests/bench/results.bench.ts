// The public "wat we hoorden" page at 100,000 published answers (RESULTS_BENCH_ITEMS), on PGlite
// and on PostgreSQL (DATABASE_URL: a fresh database is made next to it and dropped afterwards):
// - how long freezing and publishing that version takes;
// - p50/p99 of the visitor's database read (public.published_results), 1 and 8 at once;
// - the page as the production server serves it over HTTP (autocannon), 1, 8 and 32 at once;
// - answers submitted alone, and while 32 visitors keep reading the page: a visit must not hold
//   up submissions (issue 16), least of all on the embedded database.
// Prints figures; asserts nothing. RESULTS_BENCH_SECONDS (default 5) per HTTP level.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import { type Database, forCaller } from '../../src/lib/db/types';
import { publishVersion } from '../../src/lib/publishing/versions.server';
import { readPublishedResults } from '../../src/lib/results/read.server';
import { freezeSnapshot } from '../../src/lib/theme-board/edit.server';
import { migrationsDir, platformSql } from '../support/paths';
import {
  ensureBuilt,
  formHeaders,
  residentForm,
  startServer,
  stopServer,
  submitPath,
} from '../support/server';
import { buildWorld, callerFor, ids } from '../support/world';

const items = Number(process.env.RESULTS_BENCH_ITEMS ?? 100_000);
const seconds = Number(process.env.RESULTS_BENCH_SECONDS ?? 5);
const themes = 10;
const resultsPath = '/resultaten/open';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A consultation with `items` approved answers in 10 published themes, one version published. */
async function prepare(db: Database, label: string): Promise<void> {
  await migrate(db, { migrationsDir, platformSql });
  await buildWorld(db);
  let started = performance.now();
  await db.asOwner(async (tx) => {
    await tx.exec(`
      insert into public.themes (id, consultation_id, label, description_md, reaction_md, origin, status, published_at, position)
      select ('b0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ids.openConsultation}', 'Thema ' || n,
             'Beschrijving van thema ' || n, 'Wat de gemeente met thema ' || n || ' doet.', 'discovered', 'active', now(), n
      from generate_series(1, ${themes}) n;
      insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, body, status, moderated_at)
      select ('c0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ids.openConsultation}', 'online',
             'inwoner', '${ids.submission}', '${ids.question}',
             'Antwoord nummer ' || n || ': een vaste hulp en een betaalbare eigen bijdrage zijn belangrijk voor mij.',
             'approved', now()
      from generate_series(1, ${items}) n;
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      select ('b0000000-0000-4000-8000-' || lpad((1 + n % ${themes})::text, 12, '0'))::uuid,
             ('c0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ids.openConsultation}', 'auto', true,
             ((n * 7919) % 1000) / 1000.0
      from generate_series(1, ${items}) n;
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      select ('b0000000-0000-4000-8000-' || lpad((1 + (n + 3) % ${themes})::text, 12, '0'))::uuid,
             ('c0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ids.openConsultation}', 'auto', false, 0.3
      from generate_series(1, ${items}, 5) n;
    `);
  });
  console.log(
    `${label}: ${items} published answers in ${themes} themes, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const analyst = forCaller(db, callerFor('analyst'));
  started = performance.now();
  const frozen = await freezeSnapshot(analyst, ids.openConsultation, 'Bench');
  if (!frozen.ok) throw new Error(frozen.code);
  const frozenAt = performance.now();
  const published = await publishVersion(analyst, ids.openConsultation, frozen.snapshotId, 'Wat we hoorden');
  if (!published.ok) throw new Error(published.code);
  console.log(
    `  freeze a version ${((frozenAt - started) / 1000).toFixed(2)} s, publish it ${((performance.now() - frozenAt) / 1000).toFixed(2)} s`,
  );

  const anon = forCaller(db, callerFor('anon'));
  for (const concurrency of [1, 8]) {
    const visit = async () => {
      const t = performance.now();
      const results = await readPublishedResults(anon, 'open');
      if ((results?.page.themes.length ?? 0) < themes) throw new Error('unexpected page');
      return performance.now() - t;
    };
    for (let i = 0; i < 30; i++) await visit(); // warm up
    const times: number[] = [];
    const total = 400;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < total) times.push(await visit());
      }),
    );
    times.sort((a, b) => a - b);
    console.log(
      `  database read, ${concurrency} at once: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
    );
  }
}

/** Latency and rate; `ok` counts the expected answers (200 for the page, 303 for a submission). */
const line = (what: string, r: autocannon.Result, ok: number) =>
  `  ${what}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${(ok / (r.duration || seconds)).toFixed(0)}/s` +
  (r.requests.total - ok + r.errors + r.timeouts > 0
    ? ` (${r.requests.total - ok} other answers, ${r.errors + r.timeouts} errors)`
    : '');

/** The served page and the submit path on the production server, with and without visitors. */
async function served(env: Record<string, string>): Promise<void> {
  const server = await startServer({
    ...env,
    DEMO_SEED: 'false',
    RATE_LIMIT_SUBMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_POST_PER_MINUTE: '1000000',
  });
  const visits = async (connections: number) => {
    let ok = 0;
    const result = await autocannon({
      url: `${server.url}${resultsPath}`,
      connections,
      duration: seconds,
      requests: [{ onResponse: (status) => void (status === 200 && ok++) }],
    });
    return [result, ok] as const;
  };
  const submits = async () => {
    let ok = 0;
    const result = await autocannon({
      url: server.url,
      connections: 1,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: submitPath,
          headers: formHeaders(server.url),
          setupRequest: (request) => ({ ...request, body: residentForm().body }),
          onResponse: (status) => void (status === 303 && ok++),
        },
      ],
    });
    return [result, ok] as const;
  };
  try {
    await visits(4); // warm up
    for (const connections of [1, 8, 32])
      console.log(line(`page served, ${connections} at once`, ...(await visits(connections))));
    console.log(line('answers submitted, alone', ...(await submits())));
    const [withVisitors, visitors] = await Promise.all([submits(), visits(32)]);
    console.log(line('answers submitted while 32 visitors read the page', ...withVisitors));
    console.log(line('  … those visitors', ...visitors));
  } finally {
    await stopServer(server);
  }
}

ensureBuilt(console.log);
const dataDir = mkdtempSync(path.join(tmpdir(), 'dm-bench-results-'));
try {
  const db = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
  await prepare(db, 'embedded (PGlite)');
  await db.close();
  await served({ DATA_DIR: dataDir, DATABASE_URL: '' });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const url = process.env.DATABASE_URL;
if (url) {
  const name = `dm_bench_results_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  try {
    const db = openPostgres({ url: target.toString(), max: 10 });
    await prepare(db, `TCP PostgreSQL (fresh database ${name})`);
    await db.close();
    await served({
      DATABASE_URL: target.toString(),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dm-bench-pg-')),
    });
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else {
  console.log('TCP PostgreSQL skipped: set DATABASE_URL to measure it.');
}
