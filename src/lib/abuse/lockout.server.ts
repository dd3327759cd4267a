import type { Env } from '../config/env.server';
import { anonymous } from '../db/caller';
import type { Database } from '../db/types';
import { countHit } from './counters.server';

/**
 * Staff sign-in lockout: after SIGNIN_LOCKOUT_FAILURES failed sign-ins for one typed e-mail address,
 * or from one client, within a window of SIGNIN_LOCKOUT_MINUTES, further attempts are refused
 * (without checking the password) until the window ends. Counted for addresses that do not exist
 * too, so the answer never tells whether an account exists. Keys are HMACs (see keys.server.ts).
 */
export interface LockoutKeys {
  account: string;
  client: string;
}

export type LockoutState = { locked: false } | { locked: true; until: Date };

const buckets = { account: 'signin-fail:account', client: 'signin-fail:client' } as const;

function windowSeconds(env: Env): number {
  return env.SIGNIN_LOCKOUT_MINUTES * 60;
}

export async function lockoutState(db: Database, env: Env, keys: LockoutKeys): Promise<LockoutState> {
  if (env.SIGNIN_LOCKOUT_FAILURES <= 0) return { locked: false };
  const counts = await db.transaction(anonymous, async (tx) => [
    await countHit(tx, buckets.account, keys.account, windowSeconds(env), 0),
    await countHit(tx, buckets.client, keys.client, windowSeconds(env), 0),
  ]);
  const reached = counts.filter((c) => c.hits >= env.SIGNIN_LOCKOUT_FAILURES);
  if (reached.length === 0) return { locked: false };
  return { locked: true, until: new Date(Math.max(...reached.map((c) => c.windowEnd.getTime()))) };
}

/** Counts a failed sign-in and writes it to the audit log (the e-mail as HMAC, no password). */
export async function recordFailure(
  db: Database,
  env: Env,
  keys: LockoutKeys,
  action: 'sign_in.failed' | 'sign_in.locked',
): Promise<void> {
  await db.transaction(anonymous, async (tx) => {
    const failures =
      action === 'sign_in.failed' && env.SIGNIN_LOCKOUT_FAILURES > 0
        ? (await countHit(tx, buckets.account, keys.account, windowSeconds(env))).hits
        : undefined;
    if (action === 'sign_in.failed' && env.SIGNIN_LOCKOUT_FAILURES > 0)
      await countHit(tx, buckets.client, keys.client, windowSeconds(env));
    await tx.query('select private.audit_sign_in($1, $2, $3::jsonb)', [
      action,
      keys.account,
      JSON.stringify({ client: keys.client, ...(failures === undefined ? {} : { failures }) }),
    ]);
  });
}

/** A successful sign-in forgets the account's failures (the client's stay until their window ends). */
export async function clearFailures(db: Database, keys: LockoutKeys): Promise<void> {
  await db.transaction(anonymous, (tx) =>
    tx.query('select private.abuse_clear($1, $2)', [buckets.account, keys.account]),
  );
}
