/**
 * The daily moderation e-mail (issue 20, item 15): only for moderators and admins who chose it,
 * once a day from 08:00 Amsterdam time, only when messages wait, counts and links only.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import {
  chooseDigest,
  deliverOutbox,
  type MailTransport,
  queueModerationDigests,
  readDigestChoice,
} from '../../../src/lib/mail';
import { attempt, freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';
import { siteUrl } from './support';

let db: TestDatabase;
const as = (persona: Persona) => forCaller(db, callerFor(persona));

interface DigestRow {
  to_email: string;
  subject: string;
  body_text: string;
  body_html: string;
}
const digests = () =>
  db.asOwner(
    (tx) => tx.sql<DigestRow>`
      select to_email, subject, body_text, body_html from public.mail_outbox
      where kind = 'moderation_digest' order by to_email`,
  );
/** 09:00 in Amsterdam on a winter day (UTC+1), and the same day at 07:30. */
const morning = new Date('2026-12-07T08:00:00Z');
const early = new Date('2026-12-07T06:30:00Z');

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

describe('choosing the daily moderation e-mail', () => {
  test('is off until a moderator turns it on, and each person sets only their own', async () => {
    expect(await readDigestChoice(as('moderator'))).toBe(false);
    expect(await chooseDigest(as('moderator'), true)).toBe(true);
    expect(await readDigestChoice(as('moderator'))).toBe(true);
    expect(await readDigestChoice(as('admin'))).toBe(false);
  });

  test('analysts and facilitators cannot choose it, and nobody reads the settings table directly', async () => {
    await expect(chooseDigest(as('analyst'), true)).rejects.toThrow(/only moderators and admins/);
    await expect(chooseDigest(as('facilitator'), true)).rejects.toThrow(/only moderators and admins/);
    expect(await readDigestChoice(as('analyst'))).toBe(false);
    await expect(
      attempt(db, callerFor('admin'), (tx) => tx.sql`select * from public.staff_mail_settings`),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('queueing the digest', () => {
  test('queues nothing before 08:00 Amsterdam time', async () => {
    expect(await queueModerationDigests(db, siteUrl, { now: early })).toBe(0);
    expect(await digests()).toEqual([]);
  });

  test('queues one e-mail for who chose it, with counts and links and no text of any message', async () => {
    expect(await queueModerationDigests(db, siteUrl, { now: morning })).toBe(1);
    const [mail, ...rest] = await digests();
    expect(rest).toEqual([]);
    expect(mail?.to_email).toBe('moderator@doemee.test');
    // The world holds four new items.
    expect(mail?.subject).toBe('Doe Mee: 4 nieuwe berichten wachten op beoordeling');
    expect(mail?.body_text).toContain('Er wachten 4 nieuwe berichten op beoordeling.');
    expect(mail?.body_text).toContain(`${siteUrl}/staff/moderatie?status=new`);
    expect(mail?.body_html).toContain(`href="${siteUrl}/staff/moderatie?status=new"`);
    const everyText = await db.asOwner((tx) => tx.sql<{ body: string }>`select body from public.input_items`);
    for (const { body } of everyText) {
      expect(mail?.body_text).not.toContain(body);
      expect(mail?.body_html).not.toContain(body);
    }
    expect(mail?.body_text).not.toMatch(/06-|telefoonnummer|Wijkcentrum/);
  });

  test('queues at most one a day, and again the next day', async () => {
    expect(await queueModerationDigests(db, siteUrl, { now: new Date('2026-12-07T16:00:00Z') })).toBe(0);
    expect(await digests()).toHaveLength(1);
    expect(await queueModerationDigests(db, siteUrl, { now: new Date('2026-12-08T09:00:00Z') })).toBe(1);
    expect(await digests()).toHaveLength(2);
  });

  test('sends nothing when nothing waits, nor to whoever turned it off or left', async () => {
    await chooseDigest(as('admin'), true);
    await db.asOwner((tx) => tx.sql`update public.input_items set status = 'hidden' where status = 'new'`);
    expect(await queueModerationDigests(db, siteUrl, { now: new Date('2026-12-09T09:00:00Z') })).toBe(0);
    await db.asOwner((tx) => tx.sql`update public.input_items set status = 'new' where id = ${ids.newItem}`);
    // The admin turns it off; the moderator still has it on but no longer works here.
    await chooseDigest(as('admin'), false);
    await db.asOwner(
      (tx) => tx.sql`update public.staff_members set active = false where user_id = ${ids.staff.moderator}`,
    );
    expect(await queueModerationDigests(db, siteUrl, { now: new Date('2026-12-10T09:00:00Z') })).toBe(0);
    await db.asOwner(
      (tx) => tx.sql`update public.staff_members set active = true where user_id = ${ids.staff.moderator}`,
    );
    expect(await queueModerationDigests(db, siteUrl, { now: new Date('2026-12-11T09:00:00Z') })).toBe(1);
    const latest = await db.asOwner(
      (tx) => tx.sql<{ to_email: string; subject: string }>`
        select to_email, subject from public.mail_outbox where kind = 'moderation_digest'
        order by created_at desc limit 1`,
    );
    expect(latest).toEqual([
      { to_email: 'moderator@doemee.test', subject: 'Doe Mee: 1 nieuw bericht wacht op beoordeling' },
    ]);
  });

  test('admins do not read staff mail in the outbox', async () => {
    const seen = await attempt(
      db,
      callerFor('admin'),
      (tx) => tx.sql`select 1 from public.mail_outbox where kind = 'moderation_digest'`,
    );
    expect(seen).toEqual([]);
  });

  test('is sent like any other message, and not kept once sent', async () => {
    const sent: { to: unknown; subject: unknown; text: unknown }[] = [];
    const transport = {
      sendMail: async (mail: { to: unknown; subject: unknown; text: unknown }) => {
        sent.push(mail);
        return {};
      },
    } as unknown as MailTransport;
    const pending = (await digests()).length;
    expect(pending).toBeGreaterThan(0);
    await deliverOutbox(db, transport);
    expect(sent.filter((m) => String(m.subject).startsWith('Doe Mee:'))).toHaveLength(pending);
    expect(await digests()).toEqual([]);
  });
});
