/**
 * Issue 17, item 3: the pieces of the set-password page that need no server. The e-mailed token is
 * kept in a cookie the browser can neither read nor forge, the page's own password rules (length
 * over complexity, NCSC; Supabase's bcrypt limit of 72 bytes), and only invite and recovery links.
 */
import { describe, expect, test } from 'vitest';
import { linkFrom, passwordProblem, seal, unseal } from '../../../src/lib/auth/password-setup.server';
import { readEnv } from '../../../src/lib/config/env.server';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-thirty-two-characters');
const tokenHash = 'a'.repeat(56);

describe('the e-mailed link', () => {
  test('takes invite and recovery links with a token hash, nothing else', () => {
    expect(linkFrom(new URLSearchParams({ token_hash: tokenHash, type: 'invite' }))).toMatchObject({
      kind: 'link',
      tokenHash,
      type: 'invite',
    });
    expect(linkFrom(new URLSearchParams({ token_hash: tokenHash, type: 'recovery' }))?.type).toBe('recovery');
    for (const type of ['signup', 'magiclink', 'email_change', ''])
      expect(linkFrom(new URLSearchParams({ token_hash: tokenHash, type }))).toBeNull();
    for (const bad of ['', 'kort', `${tokenHash}<script>`, 'x'.repeat(201)])
      expect(linkFrom(new URLSearchParams({ token_hash: bad, type: 'invite' }))).toBeNull();
  });

  test('is kept sealed: readable with the secret only, not changeable, and only for a while', () => {
    const now = Date.now();
    const state = linkFrom(new URLSearchParams({ token_hash: tokenHash, type: 'invite' }), now);
    if (!state) throw new Error('no state');
    const sealed = seal(secret, state);
    expect(sealed).not.toContain(tokenHash);
    expect(unseal(secret, sealed, now)).toEqual(state);
    expect(
      unseal(new TextEncoder().encode('another-secret-of-at-least-thirty-two-chars'), sealed, now),
    ).toBeNull();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(unseal(secret, bytes.toString('base64url'), now)).toBeNull();
    expect(unseal(secret, sealed, state.until + 1)).toBeNull();
    expect(unseal(secret, undefined, now)).toBeNull();
  });
});

describe('the password rules', () => {
  test('at least 12 characters, counted as people count them', () => {
    expect(passwordProblem('elf tekens!', 'elf tekens!')).toBe('tooShort');
    expect(passwordProblem('twaalf teken', 'twaalf teken')).toBeNull();
    // Twelve letters with accents are twelve characters (but more bytes).
    expect(passwordProblem('ëén zin hier', 'ëén zin hier')).toBeNull();
  });

  test('at most 72 bytes, which is what Supabase Auth (bcrypt) accepts', () => {
    const long = 'een zin van woorden die maar doorgaat '.repeat(2);
    expect(passwordProblem(long.slice(0, 72), long.slice(0, 72))).toBeNull();
    expect(passwordProblem(long.slice(0, 73), long.slice(0, 73))).toBe('tooLong');
    expect(passwordProblem(`${'één zin '.repeat(8)}x`, `${'één zin '.repeat(8)}x`)).toBe('tooLong');
  });

  test('never a common password', () => {
    expect(passwordProblem('Wachtwoord2026!', 'Wachtwoord2026!')).toBe('common');
  });

  test('both fields the same', () => {
    expect(passwordProblem('fietsen langs de Dobbe', 'fietsen langs de dobbe')).toBe('mismatch');
  });
});

describe('Supabase settings', () => {
  test('SUPABASE_URL and SUPABASE_ANON_KEY come together or not at all', () => {
    expect(() => readEnv({ SUPABASE_URL: 'https://abc.supabase.co' })).toThrow(/SUPABASE_ANON_KEY/);
    expect(() => readEnv({ SUPABASE_ANON_KEY: 'sleutel' })).toThrow(/SUPABASE_URL/);
    expect(() => readEnv({ SUPABASE_URL: 'abc.supabase.co', SUPABASE_ANON_KEY: 'sleutel' })).toThrow(
      /SUPABASE_URL/,
    );
    expect(
      readEnv({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_ANON_KEY: 'sleutel' }).SUPABASE_URL,
    ).toBe('https://abc.supabase.co');
  });
});
