import type { Env } from '../config/env.server';
import type { Database } from '../db/types';
import { sendStaffMailSoon, siteBase } from '../mail';
import { linkPath, requestRecoveryLink } from './password-links.server';
import { authClient, authMode, logAuthProblem } from './sign-in.server';

/**
 * "Wachtwoord vergeten": a one-time link by e-mail to /staff/wachtwoord-instellen. Local accounts
 * get the app's own link through the mail outbox; with Supabase Auth, Supabase sends its recovery
 * e-mail (its template points at the same page, see README). Either way the answer is the same
 * whether the address is known or not, and nothing is said when Auth cannot be reached (it is
 * logged): the page must not tell anyone which addresses have an account.
 */
export async function requestPasswordReset(env: Env, db: Database, email: string): Promise<void> {
  if (authMode(env) === 'local') {
    await requestRecoveryLink(db, email, env.PUBLIC_SITE_URL);
    sendStaffMailSoon(db);
    return;
  }
  const address = email.trim().toLowerCase();
  if (!address.includes('@')) return;
  const { error } = await authClient(env).resetPasswordForEmail(address, {
    redirectTo: `${siteBase(env.PUBLIC_SITE_URL)}${linkPath}`,
  });
  if (error) logAuthProblem('send a recovery e-mail', error);
}
