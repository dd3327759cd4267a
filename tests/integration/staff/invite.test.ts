/**
 * Issue 18, part 2: admins invite staff by e-mail. Local accounts: the user, the membership, a
 * one-time link (48 hours) and the e-mail in one transaction as the admin. Supabase Auth: its admin
 * API makes the user and the link (tests/support/fake-supabase-auth.ts speaks it), the app sends
 * the e-mail. Either way the e-mail goes through the outbox to a real SMTP server here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createStaffAccount, verifyCredentials } from '../../../src/lib/auth/accounts.server';
import { setPasswordWithLink } from '../../../src/lib/auth/password-links.server';
import { readEnv } from '../../../src/lib/config/env.server';
import { type CallerDb, forCaller } from '../../../src/lib/db/types';
import { createTransport, deliverOutbox } from '../../../src/lib/mail';
import { inviteStaff, invitesPossible, resendInvite } from '../../../src/lib/staff/invite.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { FakeSupabaseAuth } from '../../support/fake-supabase-auth';
import { startSmtpServer, type TestSmtpServer } from '../mail/support';

const site = 'https://doemee.example';
const localEnv = readEnv({ PUBLIC_SITE_URL: site });
let db: TestDatabase;
let smtp: TestSmtpServer;
let adminId = '';
let moderatorId = '';

beforeAll(async () => {
  db = await freshDatabase();
  smtp = await startSmtpServer();
  const admin = await createStaffAccount(db, {
    email: 'beheer@zoetermeer.nl',
    displayName: 'Bea Beheer',
    role: 'admin',
    password: 'een zin voor de beheerder',
  });
  const moderator = await createStaffAccount(db, {
    email: 'mo@zoetermeer.nl',
    displayName: 'Mo',
    role: 'moderator',
    password: 'een zin voor de moderator',
  });
  if (!admin.ok || !moderator.ok) throw new Error('no accounts');
  adminId = admin.userId;
  moderatorId = moderator.userId;
});
afterAll(async () => {
  await smtp?.close();
  await db?.dispose();
});

const asAdmin = (): CallerDb =>
  forCaller(db, { kind: 'staff', userId: adminId, email: 'beheer@zoetermeer.nl', staffRole: 'admin' });
const asModerator = (): CallerDb =>
  forCaller(db, { kind: 'staff', userId: moderatorId, email: 'mo@zoetermeer.nl', staffRole: 'moderator' });
const owner = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  db.asOwner((tx) => tx.query<T>(text, params));

/** Sends the outbox to the test SMTP server; the newest e-mail's link (token and type). */
async function deliverAndReadLink(to: string): Promise<{ token: string; type: string; text: string }> {
  const transport = createTransport({
    from: 'Doe Mee <doemee@zoetermeer.nl>',
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
  });
  if (!transport) throw new Error('no transport');
  await deliverOutbox(db, transport);
  transport.close();
  const mail = (await smtp.received()).filter((m) => m.envelopeTo.includes(to)).at(-1)?.mail;
  const text = mail?.text ?? '';
  const link =
    /https:\/\/doemee\.example\/staff\/wachtwoord-instellen\?token_hash=([A-Za-z0-9_%-]+)&type=(\w+)/.exec(
      text,
    );
  if (!link?.[1] || !link[2]) throw new Error(`no link in: ${text}`);
  expect(mail?.subject).toBe('Uitnodiging voor de werkplek van Doe Mee');
  return { token: decodeURIComponent(link[1]), type: link[2], text };
}

describe('invitations, local accounts', () => {
  beforeEach(async () => {
    await owner(`delete from public.mail_outbox`);
  });

  test('an admin invites; the e-mail has a 48-hour link that sets the password once and signs in', async () => {
    const sent = await inviteStaff(localEnv, asAdmin(), {
      email: ' Nieuw@Zoetermeer.nl ',
      displayName: 'Nina Nieuw',
      role: 'moderator',
    });
    expect(sent).toMatchObject({ ok: true, email: 'nieuw@zoetermeer.nl', displayName: 'Nina Nieuw' });
    if (!sent.ok) return;
    const [member] = await owner<{ role: string; active: boolean; last_signed_in_at: Date | null }>(
      'select role, active, last_signed_in_at from public.staff_members where user_id = $1',
      [sent.userId],
    );
    expect(member).toEqual({ role: 'moderator', active: true, last_signed_in_at: null });
    // No password yet: nobody can sign in with anything.
    expect(await verifyCredentials(db, 'nieuw@zoetermeer.nl', '')).toBeNull();

    const link = await deliverAndReadLink('nieuw@zoetermeer.nl');
    expect(link.type).toBe('invite');
    expect(link.text).toContain('Beste Nina Nieuw,');
    expect(link.text).toContain('De link werkt 48 uur en maar één keer.');
    const used = await setPasswordWithLink(db, link.token, 'invite', 'thee drinken bij de Dobbe');
    expect(used).toMatchObject({ kind: 'ok', staff: { userId: sent.userId, staffRole: 'moderator' } });
    expect(await setPasswordWithLink(db, link.token, 'invite', 'nog een ander wachtwoord hier')).toEqual({
      kind: 'expired',
    });
    expect(await verifyCredentials(db, 'nieuw@zoetermeer.nl', 'thee drinken bij de Dobbe')).toMatchObject({
      userId: sent.userId,
    });
  });

  test('the audit log names the admin who invited, and what', async () => {
    const sent = await inviteStaff(localEnv, asAdmin(), {
      email: 'log@zoetermeer.nl',
      displayName: 'Lot',
      role: 'analyst',
    });
    if (!sent.ok) throw new Error('not sent');
    const rows = await owner<{ actor_id: string; action: string }>(
      `select actor_id, action from public.audit_log where entity_id = $1 order by id`,
      [sent.userId],
    );
    expect(rows).toEqual([
      { actor_id: adminId, action: 'staff_members.insert' },
      { actor_id: adminId, action: 'staff_members.invite' },
    ]);
  });

  test('an address that already has an account is refused and says so; nothing is sent', async () => {
    for (const email of ['mo@zoetermeer.nl', 'MO@zoetermeer.nl ']) {
      expect(await inviteStaff(localEnv, asAdmin(), { email, displayName: 'Mo 2', role: 'analyst' })).toEqual(
        {
          ok: false,
          code: 'invite.exists',
        },
      );
    }
    expect(await owner('select 1 from public.mail_outbox')).toEqual([]);
  });

  test('wrong input is named per field; only admins invite', async () => {
    expect(
      await inviteStaff(localEnv, asAdmin(), { email: 'geen-adres', displayName: '', role: 'baas' }),
    ).toEqual({
      ok: false,
      code: 'invite.invalid',
      fields: { email: expect.any(String), displayName: expect.any(String), role: expect.any(String) },
    });
    expect(
      await inviteStaff(localEnv, asModerator(), {
        email: 'x@zoetermeer.nl',
        displayName: 'X',
        role: 'admin',
      }),
    ).toEqual({ ok: false, code: 'invite.notAllowed' });
    // Around the domain function: the database refuses a moderator too.
    await expect(
      asModerator().run((tx) => tx.sql`select private.staff_local_user('y@zoetermeer.nl')`),
    ).rejects.toThrow(/staff\.notAllowed/);
    expect(
      await owner(`select 1 from auth.users where email in ('x@zoetermeer.nl', 'y@zoetermeer.nl')`),
    ).toEqual([]);
  });

  test('a new invitation replaces the old link; someone who signed in gets none', async () => {
    const sent = await inviteStaff(localEnv, asAdmin(), {
      email: 'twee@zoetermeer.nl',
      displayName: 'Twan',
      role: 'facilitator',
    });
    if (!sent.ok) throw new Error('not sent');
    const first = await deliverAndReadLink('twee@zoetermeer.nl');
    expect(await resendInvite(localEnv, asAdmin(), sent.userId)).toMatchObject({ ok: true });
    const second = await deliverAndReadLink('twee@zoetermeer.nl');
    expect(second.token).not.toBe(first.token);
    expect(await setPasswordWithLink(db, first.token, 'invite', 'het oude linkje werkt niet')).toEqual({
      kind: 'expired',
    });
    expect(
      await setPasswordWithLink(db, second.token, 'invite', 'het nieuwe linkje werkt wel'),
    ).toMatchObject({
      kind: 'ok',
    });
    // Twan signs in: from now on, no invitation (that would reset a colleague's password).
    await owner('update public.staff_members set last_signed_in_at = now() where user_id in ($1, $2)', [
      sent.userId,
      moderatorId,
    ]);
    expect(await resendInvite(localEnv, asAdmin(), sent.userId)).toEqual({
      ok: false,
      code: 'invite.notInvitable',
    });
    expect(await resendInvite(localEnv, asAdmin(), moderatorId)).toEqual({
      ok: false,
      code: 'invite.notInvitable',
    });
    await expect(
      asAdmin().run(
        (tx) =>
          tx.sql`select private.staff_invite_mail(${moderatorId}, null, 0, 'Onderwerp', 'tekst', '<p>x</p>')`,
      ),
    ).rejects.toThrow(/staff\.notInvitable/);
  });
});

describe('invitations with Supabase Auth', () => {
  let fake: FakeSupabaseAuth;
  beforeAll(async () => {
    fake = await FakeSupabaseAuth.start(db);
  });
  afterAll(() => fake?.close());
  beforeEach(async () => {
    await owner(`delete from public.mail_outbox`);
  });
  const supabaseEnv = (withServiceKey = true) =>
    readEnv({
      PUBLIC_SITE_URL: site,
      SUPABASE_URL: fake.url,
      SUPABASE_ANON_KEY: fake.anonKey,
      ...(withServiceKey ? { SUPABASE_SERVICE_ROLE_KEY: fake.serviceRoleKey } : {}),
    });

  test('without the service key there is no invitation from the browser, and the page says why', async () => {
    expect(invitesPossible(supabaseEnv(false))).toBe(false);
    expect(
      await inviteStaff(supabaseEnv(false), asAdmin(), {
        email: 'sb0@zoetermeer.nl',
        displayName: 'S',
        role: 'analyst',
      }),
    ).toEqual({ ok: false, code: 'invite.noServiceKey' });
  });

  test("Supabase makes the user and the link, the app sends its own e-mail with Supabase's token_hash", async () => {
    const before = fake.requests.length;
    const sent = await inviteStaff(supabaseEnv(), asAdmin(), {
      email: 'sb1@zoetermeer.nl',
      displayName: 'Sam',
      role: 'moderator',
    });
    expect(sent).toMatchObject({ ok: true });
    if (!sent.ok) return;
    expect(fake.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /auth/v1/admin/generate_link',
    ]);
    const made = fake.generatedLinks.at(-1);
    expect(made).toMatchObject({ type: 'invite', email: 'sb1@zoetermeer.nl' });
    const link = await deliverAndReadLink('sb1@zoetermeer.nl');
    expect(link).toMatchObject({ token: made?.hashedToken, type: 'invite' });
    expect(link.text).toContain('De link werkt maar één keer en niet lang.');
    const [member] = await owner<{ user_id: string }>(
      `select user_id from public.staff_members where email = 'sb1@zoetermeer.nl'`,
    );
    expect(member?.user_id).toBe(sent.userId);
  });

  test('an address Supabase already has (confirmed) gets a recovery link instead', async () => {
    const userId = await fake.createUser({ email: 'oud@zoetermeer.nl', password: 'een oud wachtwoord hier' });
    const sent = await inviteStaff(supabaseEnv(), asAdmin(), {
      email: 'oud@zoetermeer.nl',
      displayName: 'Oud-collega',
      role: 'analyst',
    });
    expect(sent).toMatchObject({ ok: true, userId });
    expect(fake.generatedLinks.slice(-1)).toEqual([
      expect.objectContaining({ type: 'recovery', email: 'oud@zoetermeer.nl' }),
    ]);
    expect((await deliverAndReadLink('oud@zoetermeer.nl')).type).toBe('recovery');
  });

  test('Supabase unreachable: nothing is stored, the admin hears to try again', async () => {
    await fake.outage(500);
    try {
      expect(
        await inviteStaff(supabaseEnv(), asAdmin(), {
          email: 'sb2@zoetermeer.nl',
          displayName: 'S2',
          role: 'analyst',
        }),
      ).toEqual({ ok: false, code: 'invite.unavailable' });
    } finally {
      await fake.outage(null);
    }
    expect(await owner(`select 1 from public.staff_members where email = 'sb2@zoetermeer.nl'`)).toEqual([]);
    expect(await owner('select 1 from public.mail_outbox')).toEqual([]);
  });
});
