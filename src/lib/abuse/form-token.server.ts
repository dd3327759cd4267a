import { createHmac, timingSafeEqual } from 'node:crypto';

/** The hidden form field that carries the token. */
export const formTokenField = 'aanvang';

/** A token older than this is refused as expired (a new one comes with the answer). */
export const formTokenMaxAgeMs = 2 * 24 * 3600 * 1000;

export type FormTokenCheck =
  | { ok: true; ageMs: number }
  | { ok: false; reason: 'missing' | 'invalid' }
  /** Signed by us for this submission id, but too old: the id may get a fresh token. */
  | { ok: false; reason: 'expired' }
  | { ok: false; reason: 'tooFast'; waitMs: number };

function signature(secret: Uint8Array, issued: string, submissionId: string): string {
  return createHmac('sha256', secret)
    .update(`form-token:${issued}:${submissionId.toLowerCase()}`)
    .digest('base64url');
}

/**
 * A signed "form shown at" time for one submission id: `<ms since epoch, base 36>.<HMAC-SHA256>`,
 * the HMAC over the time and the id. The server can tell how long someone took without keeping
 * anything; nobody can make an older one, or one for another id, without the secret. So one token
 * sends one submission (a repeat of it is recognised, not stored again), and knowing a submission
 * id without its token proves nothing (issue 16, items 9 and 14).
 */
export function issueFormToken(secret: Uint8Array, submissionId: string, now: number = Date.now()): string {
  const issued = Math.floor(now).toString(36);
  return `${issued}.${signature(secret, issued, submissionId)}`;
}

/**
 * Checks a posted token against the submission id posted with it: signed by us for that id, not
 * from the future, older than minMs, not expired.
 */
export function checkFormToken(
  secret: Uint8Array,
  token: unknown,
  submissionId: unknown,
  minMs: number,
  now: number = Date.now(),
): FormTokenCheck {
  if (typeof token !== 'string' || token === '') return { ok: false, reason: 'missing' };
  const match = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match || typeof submissionId !== 'string' || submissionId === '')
    return { ok: false, reason: 'invalid' };
  const [, issued = '', mac = ''] = match;
  const expected = Buffer.from(signature(secret, issued, submissionId));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  const ageMs = now - Number.parseInt(issued, 36);
  // A little clock skew between servers is fine; a token from the future is not ours.
  if (ageMs < -60_000) return { ok: false, reason: 'invalid' };
  if (ageMs > formTokenMaxAgeMs) return { ok: false, reason: 'expired' };
  if (ageMs < minMs) return { ok: false, reason: 'tooFast', waitMs: Math.ceil(minMs - ageMs) };
  return { ok: true, ageMs };
}
