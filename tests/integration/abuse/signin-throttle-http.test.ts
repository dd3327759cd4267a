/**
 * Issue 16, item 6, over HTTP: the sign-in lockout locked out the real user (five wrong passwords
 * locked an account for 15 minutes for everyone, and one address for all staff behind it), and it
 * did not count atomically (60 parallel guesses got 25 passwords checked instead of 5). Now a
 * growing delay per account and per address, claimed atomically before the password is checked.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaffAccount } from '../../../src/lib/auth/accounts.server';
import { csrfToken, formHeaders, type RunningServer, startServerOnTestDatabase } from '../../support/server';

const password = 'een-lang-genoeg-wachtwoord';
let server: RunningServer;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ server, stop } = await startServerOnTestDatabase(
    // Each test is its own client; the per-minute limit is not what is tested here.
    { TRUST_PROXY: '1', RATE_LIMIT_SIGNIN_PER_MINUTE: '0' },
    async (db) => {
      for (const name of ['anna', 'bart']) {
        const created = await createStaffAccount(db, {
          email: `${name}@zoetermeer.nl`,
          displayName: name,
          role: 'moderator',
          password,
        });
        if (!created.ok) throw new Error(`no account for ${name}`);
      }
    },
  ));
}, 300_000);
afterAll(() => stop?.());

const newClient = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

async function signIn(email: string, pass: string, client: string) {
  const response = await fetch(`${server.url}/staff/inloggen`, {
    method: 'POST',
    headers: { ...formHeaders(server.url), 'x-forwarded-for': client },
    body: new URLSearchParams({ csrf: csrfToken, email, password: pass, terug: '/staff' }).toString(),
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, retryAfter: Number(response.headers.get('retry-after')), text };
}

describe('sign-in throttle', () => {
  test('60 parallel guesses for one account get exactly 5 passwords checked', {
    timeout: 120_000,
  }, async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => signIn('anna@zoetermeer.nl', 'geraden-wachtwoord', newClient())),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(55);
  });

  test('after the attack the real user, from anywhere, gets in with the right password', {
    timeout: 60_000,
  }, async () => {
    const client = newClient();
    const first = await signIn('anna@zoetermeer.nl', password, client);
    if (first.status === 429) {
      // A short, growing delay (seconds after five failures), not a 15-minute lock.
      expect(first.retryAfter).toBeGreaterThan(0);
      expect(first.retryAfter).toBeLessThanOrEqual(2);
      expect(first.text).toContain('Wacht');
      await new Promise((resolve) => setTimeout(resolve, first.retryAfter * 1000 + 200));
    }
    const again = first.status === 429 ? await signIn('anna@zoetermeer.nl', password, client) : first;
    expect(again.status).toBe(303);
  });

  test('failures from one address for other accounts do not keep a colleague behind it out', async () => {
    const office = newClient();
    for (let i = 0; i < 8; i++) {
      const guess = await signIn(`niemand-${i}@zoetermeer.nl`, 'geraden', office);
      expect(guess.status).toBe(401);
    }
    expect((await signIn('bart@zoetermeer.nl', password, office)).status).toBe(303);
  });
});
