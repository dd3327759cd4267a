import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { isAuthApiError } from '@supabase/auth-js';
import { z } from 'zod';
import type { Env } from '../config/env.server';
import type { Database } from '../db/types';
import { findStaff, type SignedInStaff } from './accounts.server';
import { linkPath, setPasswordWithLink } from './password-links.server';
import { type PasswordRuleProblem, passwordRuleProblem } from './password-policy.server';
import { authClient, authMode, endAuthSession, logAuthProblem } from './sign-in.server';

/**
 * Setting a password from Supabase's invite and recovery e-mails (issue 17, item 3).
 *
 * The e-mail links to /staff/wachtwoord-instellen?token_hash=…&type=invite|recovery. That first
 * request only moves the token into a sealed, HttpOnly cookie for this page and redirects to the
 * clean address, so the token never stays in the address bar, the history or a Referer. The token
 * is checked (POST /auth/v1/verify) only when the person sends a password: mail scanners that open
 * links use nothing up. The password is then set with the verified session (PUT /auth/v1/user),
 * that Auth session is signed out, and active staff get the server's own session. When Supabase
 * refuses the password itself (too weak by the project's rules, leaked, the old one), the verified
 * session stays in the cookie for an hour at most, so the person can try another without a new link.
 */

export const setupCookie = 'dm_wachtwoord';
export const setupPath = linkPath;
/** How long an opened link, or a verified session, is kept for the form. */
export const setupSeconds = 3600;

const linkTypes = ['invite', 'recovery'] as const;
export type LinkType = (typeof linkTypes)[number];

const SetupState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), tokenHash: z.string(), type: z.enum(linkTypes), until: z.number() }),
  z.object({
    kind: z.literal('session'),
    accessToken: z.string(),
    refreshToken: z.string(),
    until: z.number(),
  }),
]);
export type SetupState = z.infer<typeof SetupState>;
type LinkState = Extract<SetupState, { kind: 'link' }>;

/** The token and type of an e-mailed link, or null when they are missing or malformed. */
export function linkFrom(params: URLSearchParams, now = Date.now()): LinkState | null {
  const tokenHash = params.get('token_hash') ?? '';
  const type = params.get('type') ?? '';
  if (!/^[A-Za-z0-9_-]{16,200}$/.test(tokenHash) || !(linkTypes as readonly string[]).includes(type))
    return null;
  return { kind: 'link', tokenHash, type: type as LinkType, until: now + setupSeconds * 1000 };
}

function key(secret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), 'doe-mee password setup cookie', 32));
}

/** AES-256-GCM with a key derived from the session secret: unreadable and unforgeable outside. */
export function seal(secret: Uint8Array, state: SetupState): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The state in a cookie, or null when it is missing, forged, unreadable or past its time. */
export function unseal(secret: Uint8Array, value: string | undefined, now = Date.now()): SetupState | null {
  if (!value || value.length > 4000) return null;
  try {
    const raw = Buffer.from(value, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const state = SetupState.parse(JSON.parse(text));
    return state.until > now ? state : null;
  } catch {
    return null;
  }
}

export type PasswordProblem = PasswordRuleProblem | 'mismatch';

/**
 * The app's own rules (password-policy.server.ts: at least 12 characters, at most 72 bytes, not a
 * common password), checked before Supabase sees anything; Supabase's leaked-password check
 * (HaveIBeenPwned) can be switched on in the project as well (see README).
 */
export function passwordProblem(password: string, repeat: string): PasswordProblem | null {
  const rule = passwordRuleProblem(password);
  if (rule) return rule;
  if (password !== repeat) return 'mismatch';
  return null;
}

export type SetupResult =
  | { kind: 'ok'; staff: SignedInStaff }
  /** The password is set, but the person is not (or no longer) active staff. */
  | { kind: 'noAccess' }
  /** The link is unknown, used or expired (or the kept session has ended). */
  | { kind: 'expired' }
  /** Supabase refused this password; `keep` lets the person try another. */
  | { kind: 'rejected'; keep: SetupState }
  /** Supabase Auth could not be used; `keep` is what to try again with. */
  | { kind: 'unavailable'; keep: SetupState };

const expiredCodes = new Set([
  'otp_expired',
  'user_banned',
  'session_not_found',
  'bad_jwt',
  'user_not_found',
]);
const rejectedCodes = new Set(['weak_password', 'same_password', 'validation_failed']);

/** Verifies the link (or resumes the kept session), sets the password and ends the Auth session. */
export async function setPasswordFromLink(
  env: Env,
  db: Database,
  state: SetupState,
  password: string,
  now = Date.now(),
): Promise<SetupResult> {
  // Local accounts: the app's own one-time link (password-links.server.ts).
  if (authMode(env) === 'local')
    return state.kind === 'link'
      ? setPasswordWithLink(db, state.tokenHash, state.type, password)
      : { kind: 'expired' };
  const client = authClient(env);
  const { data, error } =
    state.kind === 'link'
      ? await client.verifyOtp({ token_hash: state.tokenHash, type: state.type })
      : await client.setSession({ access_token: state.accessToken, refresh_token: state.refreshToken });
  if (error) {
    if (isAuthApiError(error) && error.code && expiredCodes.has(error.code)) return { kind: 'expired' };
    if (error.name === 'AuthSessionMissingError') return { kind: 'expired' };
    logAuthProblem(state.kind === 'link' ? 'verify a link' : 'resume a verified link', error);
    return { kind: 'unavailable', keep: state };
  }
  const session = data.session;
  if (!session?.access_token || !data.user) {
    logAuthProblem('verify a link', new Error('no session in the answer'));
    return { kind: 'unavailable', keep: state };
  }
  const verified: SetupState = {
    kind: 'session',
    accessToken: session.access_token,
    refreshToken: session.refresh_token,
    until: Math.min(now + setupSeconds * 1000, (session.expires_at ?? 0) * 1000 - 60_000),
  };
  const updated = await client.updateUser({ password });
  if (updated.error) {
    const code = isAuthApiError(updated.error) ? updated.error.code : undefined;
    if (code && rejectedCodes.has(code)) return { kind: 'rejected', keep: verified };
    if (code && expiredCodes.has(code)) return { kind: 'expired' };
    logAuthProblem('set a password', updated.error);
    return { kind: 'unavailable', keep: verified };
  }
  await endAuthSession(client, session.access_token);
  const staff = await findStaff(db, data.user.id);
  return staff ? { kind: 'ok', staff } : { kind: 'noAccess' };
}
