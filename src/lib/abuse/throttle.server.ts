import type { Env } from '../config/env.server';
import { anonymous } from '../db/caller';
import type { Database } from '../db/types';

/**
 * Staff sign-in throttle (issue 16; replaces the lockout). Before the password is checked, the
 * attempt is claimed in the database, atomically (private.signin_claim): the first
 * SIGNIN_THROTTLE_FREE_ACCOUNT failures for one typed e-mail address, and
 * SIGNIN_THROTTLE_FREE_CLIENT from one client, go through at once; after that each further attempt
 * waits 1 s, 2 s, 4 s, … (at most SIGNIN_THROTTLE_MAX_SECONDS) after the previous one. Refused
 * attempts do not make the wait longer, so when an attack stops the real user waits at most the
 * cap; a success forgets the account's failures. Addresses that do not exist are counted the same,
 * so the answer never tells whether an account exists. Keys are HMACs (see keys.server.ts).
 */
export interface ThrottleKeys {
  account: string;
  client: string;
}

export type Claim = { allowed: true } | { allowed: false; retryAt: Date };

const off = (env: Env) => env.SIGNIN_THROTTLE_MAX_SECONDS <= 0;

/** The throttle functions' parameters: the two keys, then the settings. */
const throttleParams = (env: Env, keys: ThrottleKeys) => [
  keys.account,
  keys.client,
  env.SIGNIN_THROTTLE_FREE_ACCOUNT,
  env.SIGNIN_THROTTLE_FREE_CLIENT,
  env.SIGNIN_THROTTLE_MAX_SECONDS,
];

/** Claims one sign-in attempt; when allowed, it counts as a failure until signInSucceeded. */
export async function claimSignInAttempt(db: Database, env: Env, keys: ThrottleKeys): Promise<Claim> {
  if (off(env)) return { allowed: true };
  const [rows] = await db.batch(anonymous, [
    {
      text: 'select allowed, retry_at from private.signin_claim($1, $2, $3, $4, $5)',
      params: throttleParams(env, keys),
    },
  ]);
  const row = rows?.[0] as { allowed: boolean; retry_at: Date | string | null } | undefined;
  if (!row || row.allowed) return { allowed: true };
  return { allowed: false, retryAt: new Date(row.retry_at ?? Date.now() + 1000) };
}

/** A successful sign-in: the account's failures are forgotten, the client's loses this attempt. */
export async function signInSucceeded(db: Database, env: Env, keys: ThrottleKeys): Promise<void> {
  if (off(env)) return;
  await db.batch(anonymous, [
    {
      text: 'select private.signin_succeeded($1, $2, $3, $4)',
      params: [keys.account, keys.client, env.SIGNIN_THROTTLE_FREE_CLIENT, env.SIGNIN_THROTTLE_MAX_SECONDS],
    },
  ]);
}

/**
 * An attempt whose password was never judged (Supabase Auth was down or rate limited, or the
 * address is not confirmed yet): the claim is taken back for the account and the client, so an
 * outage slows nobody down (issue 17).
 */
export async function signInNotChecked(db: Database, env: Env, keys: ThrottleKeys): Promise<void> {
  if (off(env)) return;
  await db.batch(anonymous, [
    {
      text: 'select private.signin_not_checked($1, $2, $3, $4, $5)',
      params: throttleParams(env, keys),
    },
  ]);
}

/**
 * Writes a failed or refused sign-in to the audit log (the e-mail and the client as HMACs, never
 * the password). `sign_in.locked` is the action name of a refused (throttled) attempt.
 */
export async function auditSignIn(
  db: Database,
  keys: ThrottleKeys,
  action: 'sign_in.failed' | 'sign_in.locked',
): Promise<void> {
  await db.batch(anonymous, [
    {
      text: 'select private.audit_sign_in($1, $2, $3::jsonb)',
      params: [action, keys.account, JSON.stringify({ client: keys.client })],
    },
  ]);
}
