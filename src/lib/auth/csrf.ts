import { randomBytes, timingSafeEqual } from 'node:crypto';

export const csrfCookie = 'dm_csrf';
export const csrfField = 'csrf';
export const csrfHeader = 'x-csrf-token';

const tokenShape = /^[A-Za-z0-9_-]{32,128}$/;

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Double-submit check: the token in the form (or header) must equal the one in the cookie, which
 * another site can neither read nor set. Astro's origin check runs before this as a second guard.
 */
export function csrfMatches(cookieToken: string | undefined, submitted: string | null | undefined): boolean {
  // Only token-shaped strings: Buffer.from turns every lone surrogate into the same bytes, so two
  // different strings could otherwise compare equal (found by the property tests).
  if (!cookieToken || !submitted || !tokenShape.test(cookieToken) || !tokenShape.test(submitted))
    return false;
  const a = Buffer.from(cookieToken);
  const b = Buffer.from(submitted);
  return a.length === b.length && a.length >= 32 && timingSafeEqual(a, b);
}

/** Methods that change state and so need a token. */
export function needsCsrfCheck(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
