import { createClient } from '@supabase/supabase-js';
import type { Env } from '../config/env.server';
import type { Database } from '../db/types';
import { findStaff, type SignedInStaff, verifyCredentials } from './accounts.server';

export type AuthMode = 'local' | 'supabase';

export function authMode(env: Env): AuthMode {
  return env.SUPABASE_URL && env.SUPABASE_ANON_KEY ? 'supabase' : 'local';
}

/**
 * Checks e-mail and password: against local argon2id accounts when embedded, or against Supabase
 * Auth when SUPABASE_URL is set. Either way only active staff members get in, and the server then
 * issues its own session with the same claims.
 */
export async function signIn(
  env: Env,
  db: Database,
  email: string,
  password: string,
): Promise<SignedInStaff | null> {
  if (authMode(env) === 'local') return verifyCredentials(db, email, password);
  const supabase = createClient(env.SUPABASE_URL as string, env.SUPABASE_ANON_KEY as string, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  const { data, error } = await supabase.auth.signInWithPassword({
    email: email.trim().toLowerCase(),
    password,
  });
  if (error || !data.user) return null;
  return findStaff(db, data.user.id);
}
