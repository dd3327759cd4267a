/**
 * Fault tolerance of the production server on the embedded database (src/cli/serve.mjs, PGlite):
 *
 * - SIGKILL in the middle of a burst of submissions: after a restart on the same data directory
 *   every acknowledged submission (303 with a reference code) is there with all its answers, no
 *   submission is half-written, every index passes amcheck, and retries store exactly once;
 * - SIGTERM with a request in flight: the request finishes, new connections are refused, the
 *   database closes and the process exits 0.
 *
 * Needs the production build; it is made once when dist/ is older than the sources.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { driver } from '../../support/db';
import {
  ensureBuilt,
  formHeaders,
  type RunningServer,
  referenceFrom,
  residentForm,
  startServer,
  stopServer,
  submitPath,
} from '../../support/server';

const dataDir = path.join(tmpdir(), `dm-crash-${process.pid}-${Date.now()}`);
const env = { DATA_DIR: dataDir, DATABASE_URL: '', DEMO_SEED: 'false' };
const servers: RunningServer[] = [];

async function start(): Promise<RunningServer> {
  const server = await startServer(env);
  servers.push(server);
  return server;
}

interface Sent {
  submissionId: string;
  body: string;
  answers: Record<string, string>;
  reference?: string;
}

async function submit(server: RunningServer, form: Sent): Promise<string | undefined> {
  const response = await fetch(`${server.url}${submitPath}`, {
    method: 'POST',
    headers: formHeaders(server.url),
    body: form.body,
    redirect: 'manual',
  });
  await response.arrayBuffer();
  return response.status === 303 ? referenceFrom(response) : undefined;
}

/** The data directory opened directly (the server must be stopped), with amcheck loaded. */
async function openDataDir(): Promise<PGlite> {
  return PGlite.create({ dataDir: path.join(dataDir, 'pglite'), extensions: { amcheck } });
}

describe.skipIf(driver !== 'pglite')('the server on the embedded database', () => {
  beforeAll(() => ensureBuilt(), 300_000);
  afterAll(async () => {
    for (const server of servers) if (server.process.exitCode === null) server.process.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('loses no acknowledged submission when killed mid-burst', { timeout: 240_000 }, async () => {
    let server = await start();
    const forms: Sent[] = Array.from({ length: 400 }, () => residentForm());
    const acknowledged: Sent[] = [];
    let next = 0;
    let killed = false;
    const failures: string[] = [];
    // 16 browsers submitting at once; the server is killed once 60 submissions are acknowledged.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < forms.length) {
          const form = forms[next++] as Sent;
          try {
            const reference = await submit(server, form);
            if (reference) {
              form.reference = reference;
              acknowledged.push(form);
            } else if (!killed) failures.push(`no reference for ${form.submissionId}`);
          } catch {
            // The connection died with the server: not acknowledged, so the browser keeps its draft.
          }
          if (acknowledged.length >= 60 && !killed) {
            killed = true;
            server.process.kill('SIGKILL');
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(killed).toBe(true);
    expect((await server.exited).signal).toBe('SIGKILL');
    const unacknowledged = forms.filter((f) => !f.reference);
    expect(unacknowledged.length).toBeGreaterThan(0);

    // Restart on the same directory: PGlite recovers from its write-ahead log.
    server = await start();
    // A retry of an acknowledged submission finds it (same code); a retry of a lost one stores it.
    const retriedAcknowledged = acknowledged[0] as Sent;
    expect(await submit(server, retriedAcknowledged)).toBe(retriedAcknowledged.reference);
    const retriedLost = unacknowledged.slice(0, 5);
    for (const form of retriedLost) {
      form.reference = await submit(server, form);
      expect(form.reference).toBeDefined();
      expect(await submit(server, form)).toBe(form.reference); // twice: still once
    }
    expect((await stopServer(server)).code).toBe(0);

    const pg = await openDataDir();
    try {
      const rows = (
        await pg.query<{ id: string; reference_code: string; bodies: Record<string, string> }>(`
          select s.id, s.reference_code,
                 coalesce(jsonb_object_agg(q.key, i.body) filter (where i.id is not null), '{}') as bodies
          from public.submissions s
          left join public.input_items i on i.submission_id = s.id
          left join public.questions q on q.id = i.question_id
          group by s.id, s.reference_code`)
      ).rows;
      const stored = new Map(rows.map((r) => [r.id, r]));
      const sentById = new Map(forms.map((f) => [f.submissionId, f]));
      for (const form of [...acknowledged, ...retriedLost]) {
        expect(stored.get(form.submissionId), form.submissionId).toEqual({
          id: form.submissionId,
          reference_code: form.reference,
          bodies: form.answers,
        });
      }
      // None half-written: whatever is stored (acknowledged or not) has all its answers.
      for (const row of rows) expect(row.bodies).toEqual(sentById.get(row.id)?.answers);
      const [counts] = (
        await pg.query<{ items: number; duplicates: number }>(`
          select (select count(*)::int from public.input_items) as items,
                 (select count(*)::int from (select submission_id, question_id from public.input_items
                   group by 1, 2 having count(*) > 1) d) as duplicates`)
      ).rows;
      expect(counts).toEqual({ items: rows.length * 3, duplicates: 0 });

      // Consistent: every B-tree index of the schema checks out against its table.
      await pg.exec('create extension if not exists amcheck');
      const indexes = (
        await pg.query<{ name: string }>(`
          select c.oid::regclass::text as name from pg_index i
          join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
          join pg_namespace n on n.oid = c.relnamespace
          where a.amname = 'btree' and n.nspname in ('public', 'auth', 'private')`)
      ).rows;
      expect(indexes.length).toBeGreaterThan(10);
      for (const { name } of indexes) await pg.query('select bt_index_check($1::regclass, true)', [name]);
    } finally {
      await pg.close();
    }
  });

  test('finishes a request in flight on SIGTERM, then exits 0', { timeout: 120_000 }, async () => {
    const server = await start();
    const form = residentForm(randomUUID());
    const url = new URL(`${server.url}${submitPath}`);
    // A slow upload: half the body now, the rest after the stop signal.
    const half = Math.floor(form.body.length / 2);
    const answer = new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          headers: { ...formHeaders(server.url), 'content-length': String(Buffer.byteLength(form.body)) },
        },
        resolve,
      );
      request.on('error', reject);
      request.write(form.body.slice(0, half));
      setTimeout(() => {
        server.process.kill('SIGTERM');
        setTimeout(() => request.end(form.body.slice(half)), 700);
      }, 300);
    });
    // While it drains, the server takes no new connections.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();

    const response = await answer;
    response.resume();
    expect(response.statusCode).toBe(303);
    const reference = /^dm_bedankt=([A-Z0-9-]+)/.exec(
      (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('dm_bedankt=')) ?? '',
    )?.[1];
    expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.log()).toMatch(/Database closed/);

    const pg = await openDataDir();
    try {
      const { rows } = await pg.query<{ reference_code: string; items: number }>(
        `select reference_code, (select count(*)::int from public.input_items i where i.submission_id = s.id) as items
         from public.submissions s where id = $1`,
        [form.submissionId],
      );
      expect(rows).toEqual([{ reference_code: reference, items: 3 }]);
    } finally {
      await pg.close();
    }
  });
});
