/**
 * npm run bench:submit — the public submit endpoint under load, on the production server.
 *
 * For the embedded database, and for DATABASE_URL when set (a fresh database made next to it and
 * dropped afterwards): builds when needed, starts src/cli/serve.mjs, drives POST /meedoen/inwoner
 * with autocannon at rising concurrency (each request a new browser id and the double-submit CSRF
 * cookie and field, as a browser sends them), prints throughput and p50/p99 latency per level,
 * then stops the server and inserts the same rows through the same driver in a plain loop (the raw
 * insert rate) and prints the ratio app/raw. Afterwards it counts: every acknowledged submission
 * (303 with a reference code) must be in the database with its answers.
 *
 * Each level also prints the CPU time spent per acknowledged submission by the server process and,
 * for PostgreSQL, by the database's processes (Linux /proc): unlike throughput, that figure hardly
 * changes when other work shares the machine, so it compares runs on a busy machine.
 *
 * Rate limits are set far above the load (RATE_LIMIT_*_PER_MINUTE=1000000): this measures the
 * submit path, not the limiter. Prints figures; asserts no timing. Exit status 1 when a request
 * failed or an acknowledged submission is missing.
 *
 * BENCH_SECONDS (default 8) per level; BENCH_LEVELS (default 1,8,32,64); BENCH_PROCESSES (default 1,2):
 * the SERVER_PROCESSES values measured against PostgreSQL.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import type { Database } from '../../src/lib/db/types';
import { answerId, referenceCode } from '../../src/lib/inputs/reference';
import { detectPersonalData } from '../../src/lib/privacy';
import { parseServerTiming } from '../../src/lib/timing';
import {
  ensureBuilt,
  formHeaders,
  type RunningServer,
  residentForm,
  startServer,
  stopServer,
  submitPath,
} from '../support/server';
import { profileDatabase } from './submit-profile';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
/** Rounds per variant of the database profile (BENCH_PROFILE_ROUNDS, 0: no profile). */
const profileRounds = Number(process.env.BENCH_PROFILE_ROUNDS ?? 60);
const levels = (process.env.BENCH_LEVELS ?? '1,8,32,64').split(',').map(Number);
/** SERVER_PROCESSES values to measure against PostgreSQL (the embedded database has one process). */
const serverProcesses = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number);
const rateLimits = {
  RATE_LIMIT_SUBMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_POST_PER_MINUTE: '1000000',
  RATE_LIMIT_SIGNIN_PER_MINUTE: '1000000',
};

interface Level {
  concurrency: number;
  perSecond: number;
  p50: number;
  p99: number;
  acknowledged: number;
  errors: number;
  /** What the errors were: `timeout`, `connection` or the HTTP status of an answer that was not a 303 with a code. */
  errorKinds: Record<string, number>;
  /** CPU milliseconds per acknowledged submission: the server process, the database's processes. */
  cpu?: { server: number; database?: number };
  /** Server-Timing spans summed over the acknowledged submissions (milliseconds). */
  spans: Record<string, number>;
}

/** User + system CPU milliseconds of the processes that match, from /proc (undefined elsewhere). */
function cpuMillis(matches: (pid: number, command: string, parent: number) => boolean): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!matches(Number(entry), command, Number(fields[1]))) continue;
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Runs one level; the ids of acknowledged submissions go into `acknowledgedIds`. */
async function drive(
  server: RunningServer,
  concurrency: number,
  acknowledgedIds: string[],
  measureDatabase = false,
): Promise<Level> {
  const serverPid = server.process.pid;
  // The server, and its workers when it runs several processes.
  const serverCpu = () => cpuMillis((pid, _, parent) => pid === serverPid || parent === serverPid);
  const databaseCpu = () => (measureDatabase ? cpuMillis((_, command) => command === 'postgres') : undefined);
  const before = { server: serverCpu(), database: databaseCpu() };
  let acknowledged = 0;
  let other = 0;
  const errorKinds: Record<string, number> = {};
  const spans: Record<string, number> = {};
  const result = await autocannon({
    url: server.url,
    connections: concurrency,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: submitPath,
        headers: formHeaders(server.url),
        // One request at a time per connection, so the connection's context holds its id.
        setupRequest: (request, context) => {
          const form = residentForm();
          (context as { submissionId?: string }).submissionId = form.submissionId;
          return { ...request, body: form.body };
        },
        onResponse: (status, _body, context, headers) => {
          const cookie = String(headers?.['set-cookie'] ?? '');
          if (status === 303 && /dm_bedankt=[A-Z0-9]{4}-[A-Z0-9]{4}/.test(cookie)) {
            acknowledged++;
            acknowledgedIds.push(String((context as { submissionId?: string }).submissionId));
            for (const [name, ms] of Object.entries(
              parseServerTiming(String(headers?.['server-timing'] ?? '')),
            ))
              spans[name] = (spans[name] ?? 0) + ms;
          } else {
            other++;
            errorKinds[status] = (errorKinds[status] ?? 0) + 1;
          }
        },
      },
    ],
  });
  const after = { server: serverCpu(), database: databaseCpu() };
  const per = (from?: number, to?: number) =>
    from === undefined || to === undefined || acknowledged === 0 ? undefined : (to - from) / acknowledged;
  const server_ = per(before.server, after.server);
  return {
    cpu:
      server_ === undefined ? undefined : { server: server_, database: per(before.database, after.database) },
    concurrency,
    spans,
    perSecond: acknowledged / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    acknowledged,
    // autocannon counts a timeout (no answer within 10 s) as an error too.
    errors: result.errors + other,
    errorKinds: {
      ...errorKinds,
      ...(result.timeouts ? { timeout: result.timeouts } : {}),
      ...(result.errors - result.timeouts > 0 ? { connection: result.errors - result.timeouts } : {}),
    },
  };
}

/** The same rows the endpoint writes (a submission and its three answers), as plain inserts. */
async function rawInserts(
  db: Database,
  concurrency: number,
  databaseProcesses: boolean,
): Promise<{ perSecond: number; cpuPerInsert?: number }> {
  const [consultation] = await db.asOwner(
    (tx) => tx.sql<{ id: string }>`select id from public.consultations where slug = 'krachtig-oud-worden'`,
  );
  const questions = await db.asOwner(
    (tx) =>
      tx.sql<{ id: string; key: string }>`
      select id, key from public.questions where consultation_id = ${consultation?.id} and audience = 'inwoner'`,
  );
  const secret = new TextEncoder().encode('raw-insert-reference-codes');
  const insertOne = async () => {
    const form = residentForm();
    await db.asOwner(async (tx) => {
      await tx.query(
        `insert into public.submissions (id, consultation_id, audience, channel, consent_at, reference_code)
         values ($1, $2, 'inwoner', 'online', now(), $3)`,
        [form.submissionId, consultation?.id, referenceCode(secret, form.submissionId)],
      );
      for (const [key, text] of Object.entries(form.answers)) {
        const question = questions.find((q) => q.key === key);
        await tx.query(
          `insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, kind, body, pii_spans)
           values ($1, $2, 'online', 'inwoner', $3, $4, 'answer', $5, $6::jsonb)`,
          [
            answerId(form.submissionId, key),
            consultation?.id,
            form.submissionId,
            question?.id,
            text,
            JSON.stringify(detectPersonalData(text)),
          ],
        );
      }
    });
  };
  // The database's CPU: the postgres processes, or this process for the embedded one.
  const cpu = () =>
    databaseProcesses
      ? cpuMillis((_, command) => command === 'postgres')
      : (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  const cpuBefore = cpu();
  const started = performance.now();
  let done = 0;
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await insertOne();
        done++;
      }
    }),
  );
  const perSecond = done / ((performance.now() - started) / 1000);
  const cpuAfter = cpu();
  return {
    perSecond,
    cpuPerInsert:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / done,
  };
}

async function countStored(db: Database, ids: string[]): Promise<{ stored: number; complete: number }> {
  const [row] = await db.asOwner(
    (tx) =>
      tx.sql<{ stored: number; complete: number }>`
      select count(*)::int as stored,
             count(*) filter (where (select count(*) from public.input_items i where i.submission_id = s.id) = 3)::int
               as complete
      from public.submissions s where s.id = any(${ids}::uuid[])`,
  );
  return row ?? { stored: 0, complete: 0 };
}

async function run(
  label: string,
  env: Record<string, string>,
  open: () => Promise<Database>,
  rawConcurrency: number,
  databaseProcesses = false,
) {
  console.log(`\n${label}`);
  const server = await startServer({ ...env, ...rateLimits, DEMO_SEED: 'false', SERVER_TIMING: 'true' });
  // Warm up: JIT, prepared statements, the pool.
  await drive(server, 8, []).catch(() => undefined);
  const ids: string[] = [];
  const results: Level[] = [];
  let acknowledged = 0;
  for (const concurrency of levels) {
    const level = await drive(server, concurrency, ids, databaseProcesses);
    acknowledged += level.acknowledged;
    results.push(level);
    console.log(
      `  concurrency ${String(concurrency).padStart(2)}: ${level.perSecond.toFixed(0).padStart(6)} submissions/s` +
        `  p50 ${String(level.p50).padStart(4)} ms  p99 ${String(level.p99).padStart(4)} ms` +
        `  (${level.acknowledged} acknowledged, ${level.errors} errors${
          level.errors
            ? `: ${Object.entries(level.errorKinds)
                .map(([kind, n]) => `${n} ${kind}`)
                .join(', ')}`
            : ''
        })` +
        (level.cpu
          ? `  CPU per submission: server ${level.cpu.server.toFixed(2)} ms` +
            (level.cpu.database === undefined ? '' : `, postgres ${level.cpu.database.toFixed(2)} ms`)
          : ''),
    );
    if (concurrency === 1) console.log(`    server CPU per answer at concurrency 1 (ms): ${spanLine(level)}`);
  }
  const stopped = await stopServer(server);
  const db = await open();
  try {
    const { stored, complete } = await countStored(db, ids);
    const { perSecond: raw, cpuPerInsert } = await rawInserts(db, rawConcurrency, databaseProcesses);
    const best = Math.max(...results.map((r) => r.perSecond));
    const errors = results.reduce((n, r) => n + r.errors, 0);
    console.log(
      `  raw inserts (same rows, same driver, ${rawConcurrency} at a time): ${raw.toFixed(0)} submissions/s;` +
        ` app/raw ${(best / raw).toFixed(2)} (best level)` +
        (cpuPerInsert === undefined
          ? ''
          : `; CPU per raw submission: ${databaseProcesses ? 'postgres' : 'this process'} ${cpuPerInsert.toFixed(2)} ms`),
    );
    console.log(
      `  ${acknowledged} acknowledged, of which ${stored} stored with ${complete} complete (all answers);` +
        ` ${errors} errors; server exit ${stopped.code}`,
    );
    if (errors > 0 || stored !== acknowledged || complete !== stored || stopped.code !== 0) {
      console.log('  FAILED: errors, or an acknowledged submission missing or incomplete');
      if (stopped.code !== 0)
        console.log(`  the server's last words:\n${server.log().trim().split('\n').slice(-15).join('\n')}`);
      process.exitCode = 1;
    }
    if (profileRounds > 0) for (const line of await profileDatabase(db, profileRounds)) console.log(line);
  } finally {
    await db.close();
  }
}

/**
 * The server's spans per acknowledged answer: reading the form, the rate-limit counter, the form
 * token, the consultation's rules, validation, the detector, the batch, and the rest of the page
 * (the redirect's rendering) and of the middleware: CPU time of the server process while each ran
 * (src/lib/timing), the step's own only at concurrency 1; on PGlite, the steps with statements
 * include the database's CPU.
 */
function spanLine(level: Level): string {
  const per = (name: string) => (level.spans[name] ?? 0) / Math.max(1, level.acknowledged);
  const inPage = ['token', 'rules', 'validate', 'detector', 'batch'];
  const render = per('page') - inPage.reduce((sum, name) => sum + per(name), 0);
  const rest = per('total') - per('page') - per('form') - per('ratelimit');
  return [
    ...['form', 'ratelimit', ...inPage].map((name) => `${name} ${per(name).toFixed(3)}`),
    `render ${render.toFixed(3)}`,
    `middleware rest ${rest.toFixed(3)}`,
    `total ${per('total').toFixed(3)} (wall ${per('wall').toFixed(3)})`,
  ].join(', ');
}

console.log(
  `Submit benchmark: ${seconds} s per level, concurrency ${levels.join(', ')}; rate limits set to 1,000,000/min.` +
    ' The machine is shared: figures vary with what else runs.',
);
ensureBuilt(console.log);

const dataDir = mkdtempSync(path.join(tmpdir(), 'dm-bench-submit-'));
try {
  await run(
    'embedded (PGlite)',
    { DATA_DIR: dataDir, DATABASE_URL: '' },
    () => openPglite({ dataDir: path.join(dataDir, 'pglite') }),
    // Several writers, so commits share their fsync as the server's do (PGlite runs them in turn).
    8,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const url = process.env.DATABASE_URL;
if (url) {
  // Named after DATABASE_URL's database, so a shared server shows whose it is (dm_x → dm_x_bench_<pid>).
  const base = decodeURIComponent(new URL(url).pathname.slice(1)).replace(/[^a-z0-9_]/gi, '') || 'dm';
  const name = `${base}_bench_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const pool = Number(process.env.DATABASE_POOL_MAX ?? 10);
  try {
    for (const processes of serverProcesses)
      await run(
        `TCP PostgreSQL (fresh database ${name}, ${processes} server process${processes === 1 ? '' : 'es'}, pool ${pool} each)`,
        {
          DATABASE_URL: target.toString(),
          DATABASE_POOL_MAX: String(pool),
          SERVER_PROCESSES: String(processes),
          DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dm-bench-pg-')),
        },
        async () => openPostgres({ url: target.toString(), max: pool }),
        pool,
        // Every postgres process on this machine counts, so another database's work would too.
        true,
      );
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else {
  console.log('\nTCP PostgreSQL skipped: set DATABASE_URL to measure it.');
}
