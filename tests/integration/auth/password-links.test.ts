/**
 * Issue 18, part 2: "wachtwoord vergeten" for local staff accounts. A one-time link by e-mail,
 * the same answer whether the address is known or not, at most one e-mail every few minutes per
 * account, a link that works once and for an hour, the old sessions ended, and the link never kept
 * in the outbox once sent nor shown to admins. The e-mail goes to a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStaffAccount, verifyCredentials } from '../../../src/lib/auth/accounts.server';
import { requestRecoveryLink, setPasswordWithLink } from '../../../src/lib/auth/password-links.server';
import { sessionIsLive, startSession } from '../../../src/lib/auth/sessions.server';
import { createTransport, deliverOutbox } from '../../../src/lib/mail';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { startSmtpServer, type TestSmtpServer } from '../mail/support';

const site = 'https://doemee.example';
const oldPassword = 'fietsen langs de Dobbe';
const newPassword = 'koffie met een koekje om tien uur';
let db: TestDatabase;
let smtp: TestSmtpServer;
let userId = '';
let adminId = '';

beforeAll(async () => {
  db = await freshDatabase();
  smtp = await startSmtpServer();
  const created = await createStaffAccount(db, {
    email: 'vergeten@zoetermeer.nl',
    displayName: 'Vera Vergeten',
    role: 'moderator',
    password: oldPassword,
  });
  if (!created.ok) throw new Error('no account');
  userId = created.userId;
  const admin = await createStaffAccount(db, {
    email: 'beheer@zoetermeer.nl',
    displayName: 'Beheer',
    role: 'admin',
    password: 'een zin voor de beheerder',
  });
  if (!admin.ok) throw new Error('no admin');
  adminId = admin.userId;
});
afterAll(async () => {
  await smtp?.close();
  await db?.dispose();
});

const staffMail = () =>
  db.asOwner(
    (tx) =>
      tx.sql<{ to_email: string; body_text: string }>`
      select to_email, body_text from public.mail_outbox where kind = 'staff_password' order by created_at`,
  );

/** Sends the outbox to the test SMTP server and returns the token in the newest e-mail. */
async function deliverAndReadToken(): Promise<string> {
  const transport = createTransport({
    from: 'Doe Mee <doemee@zoetermeer.nl>',
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
  });
  if (!transport) throw new Error('no transport');
  await deliverOutbox(db, transport);
  const received = await smtp.received();
  const text = received.at(-1)?.mail.text ?? '';
  const link =
    /https:\/\/doemee\.example\/staff\/wachtwoord-instellen\?token_hash=([A-Za-z0-9_-]+)&type=recovery/.exec(
      text,
    );
  if (!link?.[1]) throw new Error(`no link in: ${text}`);
  return link[1];
}

describe('wachtwoord vergeten, local accounts', () => {
  test('an unknown or inactive address gets nothing, and nothing is stored', async () => {
    await requestRecoveryLink(db, 'onbekend@zoetermeer.nl', site);
    await requestRecoveryLink(db, 'geen-adres', site);
    expect(await staffMail()).toEqual([]);
  });

  test('a staff member gets one e-mail with a link; asking again within minutes sends no second', async () => {
    await requestRecoveryLink(db, ' Vergeten@Zoetermeer.nl ', site);
    await requestRecoveryLink(db, 'vergeten@zoetermeer.nl', site);
    const queued = await staffMail();
    expect(queued.map((m) => m.to_email)).toEqual(['vergeten@zoetermeer.nl']);
    expect(queued[0]?.body_text).toContain('De link werkt een uur en maar één keer.');
  });

  test('admins never see a password e-mail in the outbox', async () => {
    const admin = {
      kind: 'staff',
      userId: adminId,
      email: 'beheer@zoetermeer.nl',
      staffRole: 'admin',
    } as const;
    const seen = await db.transaction(
      admin,
      (tx) => tx.sql<{ kind: string }>`select kind from public.mail_outbox`,
    );
    expect(seen).toEqual([]);
    // The owner sees that one is waiting.
    expect((await staffMail()).length).toBe(1);
  });

  test('the link sets a new password once, ends the old sessions, and is gone from the outbox after sending', async () => {
    const session = await startSession(db, userId);
    if (!session) throw new Error('no session');
    const token = await deliverAndReadToken();
    expect(await staffMail()).toEqual([]);

    expect(await setPasswordWithLink(db, token, 'invite', newPassword)).toEqual({ kind: 'expired' });
    const used = await setPasswordWithLink(db, token, 'recovery', newPassword);
    expect(used).toMatchObject({ kind: 'ok', staff: { userId, staffRole: 'moderator' } });
    expect(await setPasswordWithLink(db, token, 'recovery', 'nog een ander lang wachtwoord')).toEqual({
      kind: 'expired',
    });

    expect(await verifyCredentials(db, 'vergeten@zoetermeer.nl', oldPassword)).toBeNull();
    expect(await verifyCredentials(db, 'vergeten@zoetermeer.nl', newPassword)).toMatchObject({ userId });
    expect(await sessionIsLive(db, { sessionId: session.sessionId, userId, staffRole: 'moderator' })).toBe(
      false,
    );
  });

  test('a link older than an hour does not work', async () => {
    await db.asOwner((tx) => tx.sql`delete from public.staff_password_links`);
    await requestRecoveryLink(db, 'vergeten@zoetermeer.nl', site);
    const token = await deliverAndReadToken();
    await db.asOwner(
      (tx) => tx.sql`
        update public.staff_password_links
        set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'`,
    );
    expect(await setPasswordWithLink(db, token, 'recovery', 'weer een ander lang wachtwoord')).toEqual({
      kind: 'expired',
    });
  });

  test('the database keeps only a hash of the token', async () => {
    const rows = await db.asOwner(
      (tx) => tx.sql<{ token_hash: string }>`select token_hash from public.staff_password_links`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
