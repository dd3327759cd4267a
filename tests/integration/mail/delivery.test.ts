import type { AddressObject } from 'mailparser';
import type { Transporter } from 'nodemailer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  createTransport,
  deliverOutbox,
  type MailTransport,
  maxAttempts,
  queueResultsMessages,
  readMailConfig,
  unsubscribe,
} from '../../../src/lib/mail';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, ids } from '../../support/world';
import {
  type Contact,
  contact,
  contactRows,
  leaveAddresses,
  outbox,
  publishResults,
  siteUrl,
  startSmtpServer,
  type TestSmtpServer,
} from './support';

const from = 'Doe Mee Zoetermeer <doemee@zoetermeer.nl>';

function transportTo(server: TestSmtpServer): Transporter {
  const transport = createTransport({ from, smtp: { host: '127.0.0.1', port: server.port, secure: false } });
  if (!transport) throw new Error('expected a transport');
  return transport;
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));

let db: TestDatabase;
let running: { server: TestSmtpServer; transport: Transporter } | undefined;
let residents: Contact[];

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

// Each test starts from the same outbox: four queued messages for the open consultation.
beforeEach(async () => {
  await db.asOwner(async (tx) => {
    await tx.sql`delete from public.mail_outbox`;
    await tx.sql`delete from public.contact_emails`;
  });
  residents = [
    contact('anna@example.test'),
    contact('bram@example.test'),
    contact('cor@example.test'),
    contact('iemand@example.test'),
  ];
  await leaveAddresses(db, ids.openConsultation, residents);
  // Another consultation's address, whose results are not out: never mailed here.
  await leaveAddresses(db, ids.closedConsultation, [contact('dirk@example.test')]);
  await publishResults(db, ids.openConsultation);
  expect(await queueResultsMessages(db, ids.openConsultation, siteUrl)).toBe(4);
});
afterEach(async () => {
  running?.transport.close();
  await running?.server.close();
  running = undefined;
});

/** A real SMTP server for this test and a transport to it; both closed after the test. */
async function smtp(options: { rejectRecipients?: boolean; delayMs?: number } = {}) {
  const server = await startSmtpServer(options);
  running = { server, transport: transportTo(server) };
  return running;
}

describe('delivering the outbox over SMTP', () => {
  test('sends exactly one message per address, with both links in text and HTML', async () => {
    const { server, transport } = await smtp();

    await expect(deliverOutbox(db, transport, { from })).resolves.toEqual({ sent: 4, failed: 0 });

    const received = await server.received();
    expect(received).toHaveLength(4);
    const recipients = received.map((r) => r.envelopeTo).sort();
    expect(recipients).toEqual([
      ['anna@example.test'],
      ['bram@example.test'],
      ['cor@example.test'],
      ['iemand@example.test'],
    ]);
    const tokenOf = new Map(residents.map((r) => [r.email, r.token]));
    for (const { envelopeTo, mail } of received) {
      const to = envelopeTo[0] as string;
      expect(addressesOf(mail.to)).toEqual([to]);
      expect(addressesOf(mail.from)).toEqual(['doemee@zoetermeer.nl']);
      expect(mail.subject).toBe('De resultaten van "Open raadpleging" staan online');
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      const results = `${siteUrl}/resultaten/open`;
      const unsubscribeLink = `${siteUrl}/afmelden?token=${tokenOf.get(to)}`;
      expect(mail.text).toContain(results);
      expect(mail.text).toContain(unsubscribeLink);
      expect(mail.html).toContain(`href="${results}"`);
      expect(mail.html).toContain(`href="${unsubscribeLink}"`);
    }

    const rows = await outbox(db, ids.openConsultation);
    expect(rows.every((r) => r.sent_at instanceof Date && r.attempts === 0 && r.last_error === null)).toBe(
      true,
    );
    // Sent: the addresses are not needed any more and are gone; the other consultation's stays.
    expect(await contactRows(db, ids.openConsultation)).toEqual([]);
    expect((await contactRows(db, ids.closedConsultation)).map((c) => c.email)).toEqual([
      'dirk@example.test',
    ]);

    // A second run sends nothing.
    await expect(deliverOutbox(db, transport, { from })).resolves.toEqual({ sent: 0, failed: 0 });
    expect(await server.received()).toHaveLength(4);
    // Nor does queueing again.
    expect(await queueResultsMessages(db, ids.openConsultation, siteUrl)).toBe(0);
  });

  test('two deliveries at the same moment never send one message twice', async () => {
    // A slow server: the first delivery is still sending when the second one claims its rows.
    const { server, transport } = await smtp({ delayMs: 150 });
    const results = await Promise.all([
      deliverOutbox(db, transport, { from, limit: 3 }),
      deliverOutbox(db, transport, { from, limit: 3 }),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(4);
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0);
    const recipients = (await server.received()).flatMap((r) => r.envelopeTo).sort();
    expect(recipients).toEqual([
      'anna@example.test',
      'bram@example.test',
      'cor@example.test',
      'iemand@example.test',
    ]);
  });

  // PGlite is one connection: a second transaction cannot even start while one is open.
  test.skipIf(driver === 'pglite')(
    'skips a row another server has locked, without waiting for it',
    async () => {
      const { server, transport } = await smtp();
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Another server, in the middle of claiming Anna's message.
      const holder = db.asOwner(async (tx) => {
        await tx.sql`select id from public.mail_outbox where to_email = 'anna@example.test' for update`;
        locked();
        await released;
      });
      await isLocked;
      try {
        const timeout = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5_000));
        const outcome = await Promise.race([deliverOutbox(db, transport, { from }), timeout]);
        expect(outcome).toEqual({ sent: 3, failed: 0 });
      } finally {
        release();
        await holder;
      }
      expect((await server.received()).flatMap((r) => r.envelopeTo)).not.toContain('anna@example.test');
      expect(
        (await outbox(db, ids.openConsultation)).find((r) => r.to_email === 'anna@example.test')?.sent_at,
      ).toBeNull();
    },
  );

  test('respects the limit', async () => {
    const { server, transport } = await smtp();
    await expect(deliverOutbox(db, transport, { from, limit: 3 })).resolves.toEqual({ sent: 3, failed: 0 });
    await expect(deliverOutbox(db, transport, { from, limit: 3 })).resolves.toEqual({ sent: 1, failed: 0 });
    expect(await server.received()).toHaveLength(4);
    await expect(deliverOutbox(db, transport, { from, limit: 0 })).rejects.toThrow(RangeError);
  });

  test('a refusing server: attempts go up, the error is kept, nothing is marked sent', async () => {
    const { server, transport } = await smtp({ rejectRecipients: true });

    await expect(deliverOutbox(db, transport, { from })).resolves.toEqual({ sent: 0, failed: 4 });
    expect(await server.received()).toEqual([]);
    expect(server.recipientsTried.sort()).toEqual([
      'anna@example.test',
      'bram@example.test',
      'cor@example.test',
      'iemand@example.test',
    ]);
    const rows = await outbox(db, ids.openConsultation);
    for (const row of rows) {
      expect(row.sent_at).toBeNull();
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/550/);
      expect(row.last_error).toMatch(/Mailbox unavailable/);
      expect(row.last_error?.length).toBeLessThanOrEqual(300);
      expect(row.last_error).not.toMatch(/\n/);
    }
    // The addresses stay until the message is out (or the retention date).
    expect(await contactRows(db, ids.openConsultation)).toHaveLength(4);

    // Not tried again at once: the next attempt waits.
    await expect(deliverOutbox(db, transport, { from })).resolves.toEqual({ sent: 0, failed: 0 });
    expect(server.recipientsTried).toHaveLength(4);
  });

  test('after a failure the message goes out once the wait is over, and never after five failures', async () => {
    const refusing = await startSmtpServer({ rejectRecipients: true });
    const refusingTransport = transportTo(refusing);
    try {
      await expect(deliverOutbox(db, refusingTransport, { from })).resolves.toEqual({ sent: 0, failed: 4 });
    } finally {
      refusingTransport.close();
      await refusing.close();
    }
    // Anna's message has failed for the last time; the others' wait is over.
    await db.asOwner(async (tx) => {
      await tx.sql`update public.mail_outbox set attempts = ${maxAttempts} where to_email = 'anna@example.test'`;
      await tx.sql`update public.mail_outbox set not_before = now() - interval '1 second'`;
    });

    const { server, transport } = await smtp();
    await expect(deliverOutbox(db, transport, { from })).resolves.toEqual({ sent: 3, failed: 0 });
    expect((await server.received()).flatMap((r) => r.envelopeTo).sort()).toEqual([
      'bram@example.test',
      'cor@example.test',
      'iemand@example.test',
    ]);
    const rows = await outbox(db, ids.openConsultation);
    expect(rows.map((r) => [r.to_email, r.sent_at !== null, r.attempts])).toEqual([
      ['anna@example.test', false, maxAttempts],
      ['bram@example.test', true, 1],
      ['cor@example.test', true, 1],
      ['iemand@example.test', true, 1],
    ]);
    expect(rows.find((r) => r.sent_at !== null)?.last_error).toBeNull();
    expect((await contactRows(db, ids.openConsultation)).map((c) => c.email)).toEqual(['anna@example.test']);
  });

  test('an address that unsubscribed before delivery gets nothing', async () => {
    const [anna] = residents;
    await expect(unsubscribe(db, anna?.token)).resolves.toBe(true);
    const { server, transport } = await smtp();
    await expect(deliverOutbox(db, transport, { from })).resolves.toEqual({ sent: 3, failed: 0 });
    expect((await server.received()).flatMap((r) => r.envelopeTo)).not.toContain('anna@example.test');
  });

  /**
   * A transport that, while the first message of a batch is on its way, does something to another
   * resident's message (whichever one that is: messages queued together go out in any order).
   */
  function interfering(transport: Transporter, act: (victim: Contact) => Promise<void>) {
    const state: { victim?: Contact } = {};
    const wrapped: MailTransport = {
      sendMail: (async (message: Parameters<MailTransport['sendMail']>[0]) => {
        if (!state.victim) {
          state.victim = residents.find((r) => r.email !== message.to) as Contact;
          await act(state.victim);
        }
        return transport.sendMail(message);
      }) as MailTransport['sendMail'],
    };
    return { wrapped, state };
  }

  test('an address that unsubscribes while a batch is being sent gets nothing', async () => {
    const { server, transport } = await smtp();
    // This also shows that no transaction is held while sending: on PGlite it would wait for itself.
    const { wrapped, state } = interfering(transport, async (victim) => {
      await expect(unsubscribe(db, victim.token)).resolves.toBe(true);
    });
    await expect(deliverOutbox(db, wrapped, { from })).resolves.toEqual({ sent: 3, failed: 0 });
    const received = (await server.received()).flatMap((r) => r.envelopeTo).sort();
    expect(received).toEqual(
      residents
        .map((r) => r.email)
        .filter((e) => e !== state.victim?.email)
        .sort(),
    );
  });

  test('a row whose claim ran out and was taken by another server is left to that server', async () => {
    const { server, transport } = await smtp();
    // As if this batch took longer than its claim and another server claimed the victim's row.
    const { wrapped, state } = interfering(transport, async (victim) => {
      await db.asOwner(
        (tx) => tx.sql`update public.mail_outbox set not_before = now() + interval '7 minutes'
                       where to_email = ${victim.email}`,
      );
    });
    await expect(deliverOutbox(db, wrapped, { from })).resolves.toEqual({ sent: 3, failed: 0 });
    const victim = state.victim?.email;
    expect(victim).toBeDefined();
    expect((await server.received()).flatMap((r) => r.envelopeTo)).not.toContain(victim);
    expect((await outbox(db, ids.openConsultation)).find((r) => r.to_email === victim)).toMatchObject({
      sent_at: null,
      attempts: 0,
    });
  });

  test('an unreachable server counts as a failure, not a crash', async () => {
    const gone = await startSmtpServer();
    const port = gone.port;
    await gone.close();
    const t = createTransport({ from, smtp: { host: '127.0.0.1', port, secure: false } });
    if (!t) throw new Error('expected a transport');
    try {
      await expect(deliverOutbox(db, t, { from, limit: 1 })).resolves.toEqual({ sent: 0, failed: 1 });
    } finally {
      t.close();
    }
    const failed = (await outbox(db, ids.openConsultation)).filter((r) => r.attempts === 1);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
  });
});

describe('createTransport', () => {
  test('is null without SMTP configuration: the outbox is all there is', () => {
    expect(createTransport(readMailConfig({}))).toBeNull();
  });
});
