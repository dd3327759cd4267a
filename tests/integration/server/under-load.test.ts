/**
 * The production server driven the way `npm run bench:submit` drives it (autocannon, POST
 * /meedoen/inwoner, a new submission id, form token and the CSRF cookie and field per request,
 * rate limits counted but set far above the load), then stopped with SIGTERM (issue 21).
 *
 * Once, a benchmark run on the embedded database acknowledged no submission at all (every request
 * timed out) and the server did not exit when told to stop. The cause: a request whose client had
 * given up (autocannon's timeout, a closed tab) still queued its work for the one embedded
 * connection, so every abandoned request made the next one wait longer; once the wait passed the
 * clients' timeout nothing was answered in time any more, and closing the database waited for the
 * whole backlog. Now work whose client has gone is not started, and closing refuses work still
 * waiting. This test makes clients give up in bulk, then checks that the next clients are served at
 * once, that the server stops well within the harness's grace period with exit 0, and that every
 * acknowledged submission is stored with all its answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../../src/lib/db/pglite.server';
import type { Database } from '../../../src/lib/db/types';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import {
  ensureBuilt,
  formHeaders,
  type RunningServer,
  residentForm,
  startServer,
  stopServer,
  submitPath,
} from '../../support/server';

const rateLimits = {
  RATE_LIMIT_SUBMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_POST_PER_MINUTE: '1000000',
};

let server: RunningServer | undefined;
let dataDir: string | undefined;
let pg: TestDatabase | undefined;

beforeAll(() => ensureBuilt(), 300_000);
afterAll(async () => {
  if (server && server.process.exitCode === null) server.process.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await pg?.dispose();
});

/** One autocannon round as the benchmark runs a level; acknowledged ids go into `ids`. */
async function drive(
  target: RunningServer,
  connections: number,
  seconds: number,
  timeout: number,
  ids: string[],
) {
  const kinds: Record<string, number> = {};
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    timeout,
    requests: [
      {
        method: 'POST',
        path: submitPath,
        headers: formHeaders(target.url),
        setupRequest: (request, context) => {
          const form = residentForm();
          (context as { id?: string }).id = form.submissionId;
          return { ...request, body: form.body };
        },
        onResponse: (status, _body, context, headers) => {
          if (
            status === 303 &&
            /dm_bedankt=[A-Z0-9]{4}-[A-Z0-9]{4}/.test(String(headers?.['set-cookie'] ?? ''))
          )
            ids.push(String((context as { id?: string }).id));
          else kinds[status] = (kinds[status] ?? 0) + 1;
        },
      },
    ],
  });
  return { timeouts: result.timeouts, errors: result.errors, kinds };
}

async function countStored(db: Database, ids: string[]) {
  const [row] = await db.asOwner((tx) =>
    tx.query<{ stored: number; complete: number }>(
      `select count(*)::int as stored,
              count(*) filter (where (select count(*) from public.input_items i where i.submission_id = s.id) = 3)::int
                as complete
       from public.submissions s where s.id = any($1::uuid[])`,
      [ids],
    ),
  );
  return row;
}

describe(`the server under the benchmark's load on ${driver}`, () => {
  test('answers the next client after many gave up, stops within the grace period, loses nothing', {
    timeout: 180_000,
  }, async () => {
    let env: Record<string, string>;
    if (driver === 'pglite') {
      dataDir = mkdtempSync(path.join(tmpdir(), 'dm-under-load-'));
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    } else {
      pg = await freshDatabase();
      env = { DATABASE_URL: pg.url ?? '' };
    }
    server = await startServer({ ...env, ...rateLimits, DEMO_SEED: 'false' });
    const ids: string[] = [];
    // Many clients that give up after a second (autocannon's shortest timeout): far more
    // requests than the server can answer in that time, also on a fast machine (128 clients were
    // not always enough once PostgreSQL answered in one transaction per submission).
    const impatient = await drive(server, 384, 4, 1, ids);
    expect(impatient.timeouts).toBeGreaterThan(128);
    // The next client is answered once the requests of clients still waiting are done; the
    // abandoned ones are not worked through first (before the fix: minutes on a busy machine).
    const asked = Date.now();
    const form = residentForm();
    const response = await fetch(`${server.url}${submitPath}`, {
      method: 'POST',
      headers: formHeaders(server.url),
      body: form.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(60_000),
    });
    await response.arrayBuffer();
    expect(response.status).toBe(303);
    ids.push(form.submissionId);
    const answeredMs = Date.now() - asked;
    // Clients give up again, and the server is told to stop right after (as the benchmark does
    // after its last level): it exits 0 well within the harness's grace period.
    await drive(server, 128, 4, 1, ids);
    const stopAsked = Date.now();
    const stopped = await stopServer(server, 15_000);
    const stopMs = Date.now() - stopAsked;
    expect(stopped, server.log()).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(15_000);
    console.log(`answered after ${answeredMs} ms; stopped after ${stopMs} ms; ${ids.length} acknowledged`);

    const db = driver === 'pglite' ? await openPglite({ dataDir: path.join(dataDir ?? '', 'pglite') }) : pg;
    try {
      expect(await countStored(db as Database, ids)).toEqual({ stored: ids.length, complete: ids.length });
    } finally {
      if (driver === 'pglite') await db?.close();
    }
  });
});
