import { SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { readSession, signSession } from '../../../src/lib/auth/session.server';

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256');
const staff = {
  sessionId: '50000000-0000-4000-8000-000000000001',
  userId: '40000000-0000-4000-8000-000000000001',
  email: 'mod@doemee.test',
  staffRole: 'moderator' as const,
};

describe('staff session tokens', () => {
  test('carry Supabase-shaped claims and read back', async () => {
    const token = await signSession(secret, staff);
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    expect(claims).toMatchObject({
      sub: staff.userId,
      role: 'authenticated',
      aud: 'authenticated',
      staff_role: 'moderator',
      session_id: staff.sessionId,
    });
    expect(await readSession(secret, token)).toMatchObject(staff);
  });

  test('refuses a token signed with another secret', async () => {
    const token = await signSession(new TextEncoder().encode('another-secret-another-secret-another'), staff);
    expect(await readSession(secret, token)).toBeNull();
  });

  test('refuses an expired token', async () => {
    const token = await signSession(secret, staff, new Date('2026-01-01T08:00:00Z'));
    expect(await readSession(secret, token, new Date('2026-01-01T17:00:00Z'))).toBeNull();
    expect(await readSession(secret, token, new Date('2026-01-01T15:00:00Z'))).not.toBeNull();
  });

  test.each([undefined, '', 'not-a-token', 'a.b.c'])('refuses %j', async (token) => {
    expect(await readSession(secret, token)).toBeNull();
  });

  test('refuses a token without a session id (as issued before sessions were recorded)', async () => {
    const token = await new SignJWT({ email: 'x@y.z', role: 'authenticated', staff_role: 'moderator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(staff.userId)
      .setAudience('authenticated')
      .setIssuer('doe-mee')
      .setExpirationTime('1h')
      .sign(secret);
    expect(await readSession(secret, token)).toBeNull();
  });

  test('refuses a token with an unknown staff role', async () => {
    const token = await new SignJWT({
      email: 'x@y.z',
      role: 'authenticated',
      staff_role: 'superuser',
      session_id: staff.sessionId,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(staff.userId)
      .setAudience('authenticated')
      .setIssuer('doe-mee')
      .setExpirationTime('1h')
      .sign(secret);
    expect(await readSession(secret, token)).toBeNull();
  });

  test('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        sub: staff.userId,
        email: staff.email,
        staff_role: 'admin',
        aud: 'authenticated',
        iss: 'doe-mee',
        exp: 9999999999,
      }),
    ).toString('base64url');
    expect(await readSession(secret, `${header}.${body}.`)).toBeNull();
  });
});
