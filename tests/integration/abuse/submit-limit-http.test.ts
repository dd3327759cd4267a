/**
 * The public submit's rate limit over HTTP: every POST counts once, whether it stores a
 * submission, repeats one or has a mistake; over the limit the answer is a Dutch 429 with
 * Retry-After and nothing is stored. (Issue 21 tried counting inside the submission's own
 * transaction; see the README's decision note for why the count keeps its own.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { driver } from '../../support/db';
import {
  formHeaders,
  type RunningServer,
  residentForm,
  startServerOnTestDatabase,
  submitPath,
} from '../../support/server';

let server: RunningServer;
let stop: () => Promise<void> = async () => undefined;
let db: Awaited<ReturnType<typeof startServerOnTestDatabase>>['db'];

beforeAll(async () => {
  ({ server, stop, db } = await startServerOnTestDatabase({
    RATE_LIMIT_SUBMIT_PER_MINUTE: '4',
    DEMO_SEED: 'false',
  }));
}, 300_000);
afterAll(() => stop());

const post = (body: string) =>
  fetch(`${server.url}${submitPath}`, {
    method: 'POST',
    headers: formHeaders(server.url),
    body,
    redirect: 'manual',
  });

describe(`the submit limit (${driver})`, () => {
  test('stored, repeated and mistaken posts each count once; over the limit nothing is stored', async () => {
    // The window is one clock minute: start early in one, so the five posts share it.
    const second = new Date().getUTCSeconds();
    if (second > 40) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));

    const a = residentForm();
    expect((await post(a.body)).status).toBe(303);
    expect((await post(a.body)).status).toBe(303); // a repeat: the same reference, counted alone
    expect((await post(residentForm(randomUUID(), {}).body)).status).toBe(400); // nothing answered
    const b = residentForm();
    expect((await post(b.body)).status).toBe(303);

    const c = residentForm();
    const refused = await post(c.body);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Probeer het');
    expect((await post(residentForm(randomUUID(), {}).body)).status).toBe(429);

    if (db) {
      const stored = await db.asOwner(
        (tx) => tx.sql<{ id: string }>`select id from public.submissions order by id`,
      );
      expect(stored.map((s) => s.id).sort()).toEqual([a.submissionId, b.submissionId].sort());
      const [counter] = await db.asOwner(
        (tx) => tx.sql<{ hits: number }>`select hits from public.abuse_counters where bucket = 'rate:submit'`,
      );
      // Every post counted, the two refused ones too.
      expect(counter?.hits).toBe(6);
    }
  }, 120_000);
});
