/**
 * Work nobody waits for any more is not started (issue 21): a request whose client closed its
 * connection before the request's turn at the database writes nothing, and closing the embedded
 * database refuses work still waiting instead of running all of it first. Without this, requests
 * that clients had given up on kept the one embedded connection busy, each making the next wait
 * longer, until no request was answered in time and the server could not stop.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rateLimit } from '../../../src/lib/abuse/counters.server';
import { ClientGoneError, DatabaseUnavailableError } from '../../../src/lib/db/errors';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db?.dispose());

const hitsOf = async (target: TestDatabase, key: string) => {
  const [row] = await target.asOwner((tx) =>
    tx.query<{ hits: number }>(
      'select coalesce(sum(hits), 0)::int as hits from public.abuse_counters where key = $1',
      [key],
    ),
  );
  return row?.hits ?? 0;
};

describe(`abandoned work on ${driver}`, () => {
  test('a request whose client has gone writes nothing and fails as gone', async () => {
    const gone = new AbortController();
    gone.abort();
    await expect(rateLimit(db, 'submit', 'client-gone-at-once', 100, gone.signal)).rejects.toBeInstanceOf(
      ClientGoneError,
    );
    expect(await hitsOf(db, 'client-gone-at-once')).toBe(0);
    // The same request from a client that stays is counted.
    await rateLimit(db, 'submit', 'client-gone-at-once', 100, new AbortController().signal);
    expect(await hitsOf(db, 'client-gone-at-once')).toBe(1);
  });

  test('work whose client goes while it waits for its turn is not started; the rest is', async () => {
    // Something slow holds the connection (PGlite) or the whole pool (PostgreSQL: 4 connections).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holders = Array.from({ length: driver === 'pglite' ? 1 : 4 }, () =>
      db.asOwner(async (tx) => {
        await tx.query('select 1');
        await held;
      }),
    );
    const clients = Array.from({ length: 20 }, () => new AbortController());
    const waiting = clients.map((client, i) =>
      rateLimit(db, 'submit', `waiting-${i % 2}`, 1000, client.signal).then(
        () => 'counted',
        (error: unknown) => (error instanceof ClientGoneError ? 'gone' : error),
      ),
    );
    // Half the clients give up (a timeout, a closed tab) while the database is busy.
    clients.forEach((client, i) => {
      if (i % 2 === 0) client.abort();
    });
    release();
    await Promise.all(holders);
    const outcomes = await Promise.all(waiting);
    expect(outcomes.filter((o) => o === 'gone')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'counted')).toHaveLength(10);
    expect(await hitsOf(db, 'waiting-0')).toBe(0);
    expect(await hitsOf(db, 'waiting-1')).toBe(10);
  });

  test.runIf(driver === 'pglite')(
    'closing finishes the running work and refuses the waiting, at once',
    async () => {
      const own = await freshDatabase();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started: () => void = () => undefined;
      const runningStarted = new Promise<void>((resolve) => {
        started = resolve;
      });
      const running = own.asOwner(async (tx) => {
        started();
        await held;
        return (await tx.query<{ one: number }>('select 1 as one'))[0]?.one;
      });
      await runningStarted;
      const waiting = Array.from({ length: 200 }, (_, i) =>
        rateLimit(own, 'submit', `queued-${i}`, 1000).then(
          () => 'counted',
          (error: unknown) => (error instanceof DatabaseUnavailableError ? 'refused' : error),
        ),
      );
      const closing = own.close();
      release();
      expect(await running).toBe(1);
      await closing;
      expect(await Promise.all(waiting)).toEqual(Array(200).fill('refused'));
      await expect(own.asOwner((tx) => tx.query('select 1'))).rejects.toBeInstanceOf(
        DatabaseUnavailableError,
      );
    },
  );
});
