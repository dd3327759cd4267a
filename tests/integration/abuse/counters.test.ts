import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rateLimit } from '../../../src/lib/abuse/counters.server';
import { auditSignIn, claimSignInAttempt, signInSucceeded } from '../../../src/lib/abuse/throttle.server';
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

const env = readEnv({
  SIGNIN_THROTTLE_FREE_ACCOUNT: '3',
  SIGNIN_THROTTLE_FREE_CLIENT: '5',
  SIGNIN_THROTTLE_MAX_SECONDS: '300',
});

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

describe('sign-in throttle', () => {
  const attempt = (account: string, client: string) => claimSignInAttempt(db, env, { account, client });

  test('the first failures go through; then each attempt waits 1 s, 2 s, … after the last', async () => {
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await attempt('account-x', `client-${i}`));
    expect(outcomes.every((o) => o.allowed)).toBe(true);
    const refused = await attempt('account-x', 'client-9');
    if (refused.allowed) throw new Error('expected a refusal after three failures');
    const wait = refused.retryAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
    // Refusals do not push the next attempt further.
    const again = await attempt('account-x', 'client-9');
    if (again.allowed) throw new Error('expected a refusal');
    expect(again.retryAt.getTime()).toBe(refused.retryAt.getTime());
    await new Promise((resolve) => setTimeout(resolve, wait + 50));
    expect((await attempt('account-x', 'client-9')).allowed).toBe(true);
    // The next wait is twice as long.
    const longer = await attempt('account-x', 'client-9');
    if (longer.allowed) throw new Error('expected a refusal');
    expect(longer.retryAt.getTime() - Date.now()).toBeGreaterThan(1000);
    expect(longer.retryAt.getTime() - Date.now()).toBeLessThanOrEqual(2000);
  });

  test('counts parallel attempts atomically: 60 at once, exactly the free ones allowed', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt('account-parallel', `client-p${i}`)),
    );
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(3);
  });

  test('the wait never passes the cap', async () => {
    const capped = readEnv({ SIGNIN_THROTTLE_FREE_ACCOUNT: '0', SIGNIN_THROTTLE_MAX_SECONDS: '1' });
    for (let i = 0; i < 3; i++) {
      const claim = await claimSignInAttempt(db, capped, { account: 'account-cap', client: 'client-cap' });
      if (!claim.allowed) {
        expect(claim.retryAt.getTime() - Date.now()).toBeLessThanOrEqual(1000);
        await new Promise((resolve) => setTimeout(resolve, claim.retryAt.getTime() - Date.now() + 50));
      }
    }
  });

  test('one client is throttled on its own count, across accounts', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(`account-c${i}`, 'client-busy')).allowed).toBe(true);
    expect((await attempt('account-c9', 'client-busy')).allowed).toBe(false);
    // Another client for those accounts is free.
    expect((await attempt('account-c0', 'client-quiet')).allowed).toBe(true);
  });

  test('a success forgets the account and takes its own attempt off the client', async () => {
    const keys = { account: 'account-ok', client: 'client-ok' };
    for (let i = 0; i < 3; i++) expect((await attempt(keys.account, `client-ok${i}`)).allowed).toBe(true);
    expect((await attempt(keys.account, keys.client)).allowed).toBe(false);
    await signInSucceeded(db, env, keys);
    expect((await attempt(keys.account, 'client-ok9')).allowed).toBe(true);
    const [row] = await db.asOwner((tx) =>
      tx.query<{ failures: number }>(
        `select failures from public.signin_throttle where kind = 'client' and key = 'client-ok'`,
      ),
    );
    expect(row?.failures).toBe(0);
  });

  test('writes the audit log without a password; only sign-in actions', async () => {
    await auditSignIn(db, { account: 'account-x', client: 'client-x' }, 'sign_in.failed');
    const log = await db.asOwner((tx) =>
      tx.query<{ action: string; entity_id: string; detail: Record<string, unknown> }>(
        `select action, entity_id, detail from public.audit_log where entity = 'staff_sign_in' order by id`,
      ),
    );
    expect(log.at(-1)).toMatchObject({
      action: 'sign_in.failed',
      entity_id: 'account-x',
      detail: { client: 'client-x' },
    });
    await expect(
      db.transaction(anonymous, (tx) =>
        tx.query(`select private.audit_sign_in('themes.delete', 'x', '{}'::jsonb)`),
      ),
    ).rejects.toThrow(/not a sign-in action/);
  });

  test('API roles cannot read or change the throttle directly', async () => {
    await expect(
      db.transaction(anonymous, (tx) => tx.query('select * from public.signin_throttle')),
    ).rejects.toThrow(/permission denied/);
  });
});
