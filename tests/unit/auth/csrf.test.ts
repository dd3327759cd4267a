import { describe, expect, test } from 'vitest';
import { csrfMatches, needsCsrfCheck, newCsrfToken } from '../../../src/lib/auth/csrf';
import { safeReturnPath } from '../../../src/lib/auth/sign-in-form';

describe('CSRF double-submit check', () => {
  const token = newCsrfToken();

  test('accepts the same token', () => expect(csrfMatches(token, token)).toBe(true));
  test.each([
    ['a forged token', newCsrfToken()],
    ['a missing token', null],
    ['an empty token', ''],
    ['a prefix of the token', token.slice(0, 20)],
  ])('refuses %s', (_, submitted) => expect(csrfMatches(token, submitted)).toBe(false));
  test('refuses when the cookie is missing', () => expect(csrfMatches(undefined, token)).toBe(false));
  test('refuses short tokens even when equal', () => expect(csrfMatches('abc', 'abc')).toBe(false));
  test.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('checks %s', (m) =>
    expect(needsCsrfCheck(m)).toBe(true),
  );
  test.each(['GET', 'HEAD', 'OPTIONS'])('does not check %s', (m) => expect(needsCsrfCheck(m)).toBe(false));
});

describe('return path after sign-in', () => {
  test.each([
    ['/staff/moderatie', '/staff/moderatie'],
    ['/staff', '/staff'],
    ['https://evil.example/staff', '/staff'],
    ['//evil.example', '/staff'],
    ['/elders', '/staff'],
    ['/staff/../../etc', '/staff'],
    [null, '/staff'],
  ])('%j becomes %j', (input, expected) => expect(safeReturnPath(input)).toBe(expected));
});
