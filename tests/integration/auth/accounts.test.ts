import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaffAccount, verifyCredentials } from '../../../src/lib/auth/accounts.server';
import { freshDatabase, type TestDatabase } from '../../support/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db?.dispose());

const password = 'een-lang-genoeg-wachtwoord';

describe('local staff accounts', () => {
  test('are created with an argon2id hash and can sign in', async () => {
    const created = await createStaffAccount(db, {
      email: ' Anna@Zoetermeer.nl ',
      displayName: 'Anna',
      role: 'moderator',
      password,
    });
    expect(created.ok).toBe(true);
    const [user] = await db.asOwner(
      (tx) => tx.sql<{ encrypted_password: string }>`select encrypted_password from auth.users`,
    );
    expect(user?.encrypted_password).toMatch(/^\$argon2id\$/);
    expect(user?.encrypted_password).not.toContain(password);
    expect(await verifyCredentials(db, 'anna@zoetermeer.nl', password)).toMatchObject({
      email: 'anna@zoetermeer.nl',
      staffRole: 'moderator',
    });
  });

  test('refuse a wrong password and an unknown e-mail address alike', async () => {
    expect(await verifyCredentials(db, 'anna@zoetermeer.nl', 'niet-het-goede-wachtwoord')).toBeNull();
    expect(await verifyCredentials(db, 'niemand@zoetermeer.nl', password)).toBeNull();
  });

  test('refuse a second account for the same address', async () => {
    expect(
      await createStaffAccount(db, {
        email: 'anna@zoetermeer.nl',
        displayName: 'Anna 2',
        role: 'admin',
        password,
      }),
    ).toEqual({
      ok: false,
      code: 'account.exists',
    });
  });

  test.each([
    ['a short password', { password: 'kort' }],
    ['an unknown role', { role: 'burgemeester' }],
    ['an invalid e-mail address', { email: 'geen-adres' }],
  ])('refuse %s', async (_, change) => {
    const result = await createStaffAccount(db, {
      email: 'b@zoetermeer.nl',
      displayName: 'B',
      role: 'analyst',
      password,
      ...change,
    } as never);
    expect(result).toMatchObject({ ok: false, code: 'account.invalid' });
  });

  test('an inactive account cannot sign in', async () => {
    await db.asOwner(
      (tx) => tx.sql`update public.staff_members set active = false where email = 'anna@zoetermeer.nl'`,
    );
    expect(await verifyCredentials(db, 'anna@zoetermeer.nl', password)).toBeNull();
  });
});
