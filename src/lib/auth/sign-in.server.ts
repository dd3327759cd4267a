import { type AuthError, GoTrueClient, isAuthApiError } from '@supabase/auth-js';
import type { Env } from '../config/env.server';
import { isSupabaseDatabase } from '../db/migrate.server';
import type { Database } from '../db/types';
import { findStaff, type SignedInStaff, verifyCredentials } from './accounts.server';

export type AuthMode = 'local' | 'supabase';

export function authMode(env: Env): AuthMode {
  return env.SUPABASE_URL && env.SUPABASE_ANON_KEY ? 'supabase' : 'local';
}

/** Thrown at start when the settings cannot work; the server stops with this message. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** Whether this database belongs to a Supabase project (Supabase Auth owns auth.users there). */
export function onSupabaseProject(db: Database): Promise<boolean> {
  return db.asOwner(isSupabaseDatabase);
}

/**
 * On a Supabase project's database, Supabase Auth owns auth.users: local accounts cannot exist
 * there, so without SUPABASE_URL nobody could sign in (issue 17). Checked when the server starts.
 */
export async function checkAuthConfiguration(db: Database, env: Env): Promise<void> {
  if (authMode(env) === 'supabase') return;
  if (await onSupabaseProject(db))
    throw new ConfigurationError(
      'This database belongs to a Supabase project, so staff sign in through Supabase Auth: set ' +
        'SUPABASE_URL and SUPABASE_ANON_KEY (Project Settings → API) and start the server again.',
    );
}

/**
 * What a sign-in came to. `refused` counts toward the throttle (wrong password, unknown or banned
 * address, not active staff); `unconfirmed` (right password, address not confirmed yet) and
 * `unavailable` (Supabase Auth could not judge the password) count nothing.
 */
export type SignInResult =
  | { kind: 'ok'; staff: SignedInStaff }
  | { kind: 'refused' }
  | { kind: 'unconfirmed' }
  | { kind: 'unavailable' };

/** How long the server waits for Supabase Auth before it tells the user to try later. */
const authTimeoutMs = 10_000;

/**
 * A client for Supabase Auth only, one per request, keeping nothing: supabase-js's createClient
 * also builds a Realtime client, which throws on Node 20 (no native WebSocket), so sign-in was a
 * 500 there (issue 17). @supabase/auth-js is the same Auth client supabase-js wraps.
 */
export function authClient(env: Env): GoTrueClient {
  const key = env.SUPABASE_ANON_KEY as string;
  return new GoTrueClient({
    url: `${(env.SUPABASE_URL as string).replace(/\/+$/, '')}/auth/v1`,
    // Supabase's gateway wants the project's key on every request, as supabase-js sends it.
    headers: { apikey: key, Authorization: `Bearer ${key}` },
    persistSession: false,
    autoRefreshToken: false,
    detectSessionInUrl: false,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(authTimeoutMs) }),
  });
}

/**
 * Writes why Supabase Auth could not be used to the server log: the kind of error, its HTTP
 * status and Supabase's error code; never the address, the password or a token.
 */
export function logAuthProblem(action: string, error: AuthError | Error): void {
  const status = 'status' in error ? error.status : undefined;
  const code = 'code' in error ? error.code : undefined;
  console.error(
    `Supabase Auth could not be used (${action}): ${error.name}, status ${status ?? 'none'}, code ${code ?? 'none'}: ${error.message.slice(0, 200)}`,
  );
}

/**
 * Ends the Auth session Supabase just made for the server (POST /logout?scope=local with its
 * access token): the server issues its own session, so none should stay alive at Supabase.
 */
export async function endAuthSession(client: GoTrueClient, accessToken: string | undefined): Promise<void> {
  if (!accessToken) return;
  const { error } = await client.admin.signOut(accessToken, 'local');
  // 401/403/404: the session is gone already, which is what we want.
  if (error && !(isAuthApiError(error) && [401, 403, 404].includes(error.status)))
    logAuthProblem('sign out of the Auth session', error);
}

/**
 * Checks e-mail and password: against local argon2id accounts when embedded, or against Supabase
 * Auth when SUPABASE_URL is set. Either way only active staff members get in, and the server then
 * issues its own session with the same claims.
 */
export async function signIn(env: Env, db: Database, email: string, password: string): Promise<SignInResult> {
  if (authMode(env) === 'local') {
    const staff = await verifyCredentials(db, email, password);
    return staff ? { kind: 'ok', staff } : { kind: 'refused' };
  }
  const client = authClient(env);
  const { data, error } = await client.signInWithPassword({ email: email.trim().toLowerCase(), password });
  if (error) {
    // Supabase answers 400 invalid_credentials for a wrong password, an unknown address and an
    // account without a password; user_banned comes before the password is checked.
    if (isAuthApiError(error) && error.status === 400) {
      if (error.code === 'invalid_credentials' || error.code === 'user_banned') return { kind: 'refused' };
      if (error.code === 'email_not_confirmed') return { kind: 'unconfirmed' };
    }
    logAuthProblem('sign-in', error);
    return { kind: 'unavailable' };
  }
  await endAuthSession(client, data.session?.access_token);
  if (!data.user) {
    logAuthProblem('sign-in', new Error('no user in the answer'));
    return { kind: 'unavailable' };
  }
  const staff = await findStaff(db, data.user.id);
  return staff ? { kind: 'ok', staff } : { kind: 'refused' };
}
