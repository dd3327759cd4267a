import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rateLimit } from '../../../src/lib/abuse/counters.server';
import { clearFailures, lockoutState, recordFailure } from '../../../src/lib/abuse/lockout.server';
import { readEnv } from '../../../src/lib/config/env.server';
import { anonymous } from '../../../src/lib/db/caller';
import { freshDatabase, type TestDatabase } from '../../support/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db?.dispose());

/** Fixed windows: a test that needs one window waits when the current one is about to end. */
async function awayFromWindowEnd(windowSeconds: number): Promise<void> {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
  if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

const env = readEnv({ SIGNIN_LOCKOUT_FAILURES: '3', SIGNIN_LOCKOUT_MINUTES: '15' });

describe('rate limits in the database', () => {
  test('allows the limit per minute, then refuses until the window ends', async () => {
    await awayFromWindowEnd(60);
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await rateLimit(db, 'submit', 'client-a', 3));
    expect(outcomes.slice(0, 3).every((o) => o.allowed)).toBe(true);
    expect(outcomes.slice(3).every((o) => !o.allowed)).toBe(true);
    const refused = outcomes[4];
    if (refused?.allowed !== false) throw new Error('expected a refusal');
    const untilEnd = refused.retryAt.getTime() - Date.now();
    expect(untilEnd).toBeGreaterThan(0);
    expect(untilEnd).toBeLessThanOrEqual(60_000);
    // Another client and another bucket count on their own.
    expect((await rateLimit(db, 'submit', 'client-b', 3)).allowed).toBe(true);
    expect((await rateLimit(db, 'signin', 'client-a', 3)).allowed).toBe(true);
  });

  test('counts every concurrent request exactly once', async () => {
    await awayFromWindowEnd(60);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => rateLimit(db, 'api', 'client-c', 10)),
    );
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
  });

  test('a limit of 0 is no limit and touches nothing', async () => {
    for (let i = 0; i < 3; i++) expect((await rateLimit(db, 'post', 'client-d', 0)).allowed).toBe(true);
    const rows = await db.asOwner((tx) =>
      tx.query(`select 1 from public.abuse_counters where key = 'client-d'`),
    );
    expect(rows).toHaveLength(0);
  });

  test('API roles cannot read or change the counters directly', async () => {
    await expect(
      db.transaction(anonymous, (tx) => tx.query('select * from public.abuse_counters')),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('sign-in lockout', () => {
  const keys = { account: 'account-x', client: 'client-x' };

  test('locks after the set number of failures, writes the audit log without a password', async () => {
    await awayFromWindowEnd(15 * 60);
    for (let i = 0; i < 2; i++) await recordFailure(db, env, keys, 'sign_in.failed');
    expect(await lockoutState(db, env, keys)).toEqual({ locked: false });
    await recordFailure(db, env, keys, 'sign_in.failed');
    const state = await lockoutState(db, env, keys);
    expect(state.locked).toBe(true);
    if (state.locked) {
      const minutes = (state.until.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(0);
      expect(minutes).toBeLessThanOrEqual(15);
    }
    const log = await db.asOwner((tx) =>
      tx.query<{ action: string; entity_id: string; detail: Record<string, unknown> }>(
        `select action, entity_id, detail from public.audit_log where entity = 'staff_sign_in' order by id`,
      ),
    );
    expect(log.map((l) => l.action)).toEqual(['sign_in.failed', 'sign_in.failed', 'sign_in.failed']);
    expect(log[2]).toMatchObject({ entity_id: 'account-x', detail: { client: 'client-x', failures: 3 } });
  });

  test('a locked account stays locked from another client; a fresh one is free', async () => {
    expect((await lockoutState(db, env, { account: 'account-x', client: 'other' })).locked).toBe(true);
    expect((await lockoutState(db, env, { account: 'account-y', client: 'other' })).locked).toBe(false);
    // The same client is locked for every account it tries.
    expect((await lockoutState(db, env, { account: 'account-y', client: 'client-x' })).locked).toBe(true);
  });

  test('a successful sign-in clears the account (the client count stays)', async () => {
    await clearFailures(db, keys);
    expect((await lockoutState(db, env, { account: 'account-x', client: 'other' })).locked).toBe(false);
  });

  test('only sign-in actions can be written through the audit function', async () => {
    await expect(
      db.transaction(anonymous, (tx) =>
        tx.query(`select private.audit_sign_in('themes.delete', 'x', '{}'::jsonb)`),
      ),
    ).rejects.toThrow(/not a sign-in action/);
  });
});
