/**
 * SERVER_PROCESSES on PostgreSQL (src/cli/processes.mjs): several serve.mjs workers on one port.
 * They all take submissions into the one database, a worker that dies is replaced while the
 * others keep answering, and SIGTERM stops every worker gracefully (exit 0).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
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

/** The ids of the processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children === '' ? [] : children.split(' ').map(Number);
}

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(driver !== 'postgres')('several server processes on PostgreSQL', () => {
  let db: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    ensureBuilt();
    db = await freshDatabase();
    server = await startServer({ DATABASE_URL: db.url ?? '', SERVER_PROCESSES: '2', DEMO_SEED: 'false' });
  }, 180_000);
  afterAll(async () => {
    if (server) await stopServer(server);
    await db?.dispose();
  });

  const submit = async () => {
    const form = residentForm();
    const response = await fetch(`${server.url}${submitPath}`, {
      method: 'POST',
      headers: { ...formHeaders(server.url), connection: 'close' }, // a new connection each time
      body: form.body,
      redirect: 'manual',
    });
    await response.arrayBuffer();
    return {
      id: form.submissionId,
      reference: response.status === 303 ? referenceFrom(response) : undefined,
    };
  };

  test('two workers take submissions into the one database', { timeout: 60_000 }, async () => {
    const primary = server.process.pid as number;
    await waitFor(() => childrenOf(primary).length === 2);
    const sent = await Promise.all(Array.from({ length: 40 }, submit));
    expect(sent.every((s) => s.reference)).toBe(true);
    const [row] = await db.asOwner(
      (tx) =>
        tx.sql<{
          n: number;
        }>`select count(*)::int as n from public.submissions where id = any(${sent.map((s) => s.id)}::uuid[])`,
    );
    expect(row?.n).toBe(40);
  });

  test('a worker that dies is replaced, and the site keeps answering meanwhile', {
    timeout: 60_000,
  }, async () => {
    const primary = server.process.pid as number;
    const [victim, survivor] = await waitFor(() => {
      const children = childrenOf(primary);
      return children.length === 2 && children;
    });
    process.kill(victim as number, 'SIGKILL');
    await waitFor(() => server.log().includes(`Server process ${victim} stopped`));
    // The other worker answers while the replacement starts.
    expect((await submit()).reference).toBeDefined();
    const replaced = await waitFor(() => {
      const children = childrenOf(primary);
      return children.length === 2 && !children.includes(victim as number) && children;
    });
    expect(replaced).toContain(survivor);
    const answers = await Promise.all(Array.from({ length: 10 }, submit));
    expect(answers.every((a) => a.reference)).toBe(true);
  });

  test('SIGTERM stops every worker gracefully and the primary exits 0', { timeout: 60_000 }, async () => {
    const primary = server.process.pid as number;
    const workers = childrenOf(primary);
    const { code } = await stopServer(server);
    expect(code).toBe(0);
    expect(server.log()).toContain('SIGTERM: stopping 2 server processes.');
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
