import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queueResultsMessages, ResultsNotPublishedError } from '../../../src/lib/mail';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, ids } from '../../support/world';
import { contact, contactRows, leaveAddresses, outbox, publishResults, siteUrl } from './support';

let db: TestDatabase;
// The world already holds iemand@example.test for the open consultation.
const anna = contact('anna@example.test');
const bram = contact('bram@example.test');
const bramAgain = contact('Bram@Example.test'); // the same person, a second visit
const elsewhere = contact('cor@example.test');

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  await leaveAddresses(db, ids.openConsultation, [anna, bram, bramAgain]);
  await leaveAddresses(db, ids.closedConsultation, [elsewhere]);
});
afterAll(() => db?.dispose());

describe('queueing the results message', () => {
  test('refuses while the results are not published, and queues nothing', async () => {
    await expect(queueResultsMessages(db, ids.openConsultation, siteUrl)).rejects.toBeInstanceOf(
      ResultsNotPublishedError,
    );
    expect(await outbox(db, ids.openConsultation)).toEqual([]);
    expect((await contactRows(db, ids.openConsultation)).every((c) => c.notified_at === null)).toBe(true);
  });

  test('refuses a consultation id that is no uuid or does not exist', async () => {
    await expect(queueResultsMessages(db, "x' or 1=1 --", siteUrl)).rejects.toThrow();
    await expect(queueResultsMessages(db, '10000000-0000-4000-8000-0000000000ff', siteUrl)).rejects.toThrow(
      /does not exist/,
    );
  });

  test('queues one message per address of that consultation only', async () => {
    await publishResults(db, ids.openConsultation);
    expect(await queueResultsMessages(db, ids.openConsultation, siteUrl)).toBe(3);

    const rows = await outbox(db, ids.openConsultation);
    expect(rows.map((r) => r.to_email)).toEqual([
      'anna@example.test',
      'bram@example.test',
      'iemand@example.test',
    ]);
    for (const row of rows) {
      expect(row.kind).toBe('results_published');
      expect(row.sent_at).toBeNull();
      expect(row.attempts).toBe(0);
      expect(row.subject).toBe('De resultaten van "Open raadpleging" staan online');
      expect(row.body_text).toContain(`${siteUrl}/resultaten/open`);
      expect(row.body_html).toContain(`href="${siteUrl}/resultaten/open"`);
    }
    const annaRow = rows.find((r) => r.to_email === 'anna@example.test');
    expect(annaRow?.body_text).toContain(`${siteUrl}/afmelden?token=${anna.token}`);
    // Bram left his address twice: one message, with the token of one of his visits (either one
    // unsubscribes both; the rows keep no time, so there is no "first").
    const bramRow = rows.find((r) => r.to_email === 'bram@example.test');
    const bramTokens = [bram.token, bramAgain.token].filter((t) => bramRow?.body_text.includes(`token=${t}`));
    expect(bramTokens).toHaveLength(1);

    // Every address of this consultation is marked; the other consultation's is untouched.
    expect((await contactRows(db, ids.openConsultation)).map((c) => c.notified_at !== null)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(await contactRows(db, ids.closedConsultation)).toMatchObject([
      { email: 'cor@example.test', notified_at: null },
    ]);
    // The world's earlier message for the closed consultation is still the only one there.
    expect((await outbox(db, ids.closedConsultation)).map((r) => r.to_email)).toEqual([
      'eerder@example.test',
    ]);
  });

  test('is idempotent: a second call queues nothing', async () => {
    const before = await outbox(db);
    expect(await queueResultsMessages(db, ids.openConsultation, siteUrl)).toBe(0);
    expect(await outbox(db)).toEqual(before);
  });

  test('an address left later is queued by the next call, an address already queued is not', async () => {
    const late = contact('laat@example.test');
    const annaAgain = contact('ANNA@example.test');
    await leaveAddresses(db, ids.openConsultation, [late, annaAgain]);
    expect(await queueResultsMessages(db, ids.openConsultation, siteUrl)).toBe(1);
    const rows = await outbox(db, ids.openConsultation);
    expect(rows.map((r) => r.to_email)).toEqual([
      'anna@example.test',
      'bram@example.test',
      'iemand@example.test',
      'laat@example.test',
    ]);
    expect(rows.find((r) => r.to_email === 'anna@example.test')?.body_text).toContain(anna.token);
    expect((await contactRows(db, ids.openConsultation)).every((c) => c.notified_at !== null)).toBe(true);
  });

  test('two calls at the same moment queue each address once', async () => {
    const ones = [contact('een@example.test'), contact('twee@example.test'), contact('drie@example.test')];
    await leaveAddresses(db, ids.closedConsultation, ones);
    await publishResults(db, ids.closedConsultation);
    const counts = await Promise.all([
      queueResultsMessages(db, ids.closedConsultation, siteUrl),
      queueResultsMessages(db, ids.closedConsultation, siteUrl),
    ]);
    // cor, een, twee, drie: four new messages in all, whoever queued them.
    expect(counts[0] + counts[1]).toBe(4);
    expect((await outbox(db, ids.closedConsultation)).map((r) => r.to_email)).toEqual([
      'cor@example.test',
      'drie@example.test',
      'een@example.test',
      'eerder@example.test',
      'twee@example.test',
    ]);
  });

  test('keeps a path prefix of the site address in the links', async () => {
    const draftContact = contact('prefix@example.test');
    await leaveAddresses(db, ids.draftConsultation, [draftContact]);
    await publishResults(db, ids.draftConsultation);
    expect(await queueResultsMessages(db, ids.draftConsultation, 'https://www.zoetermeer.nl/doemee/')).toBe(
      1,
    );
    const [row] = await outbox(db, ids.draftConsultation);
    expect(row?.body_text).toContain('https://www.zoetermeer.nl/doemee/resultaten/concept\n');
    expect(row?.body_text).toContain(`https://www.zoetermeer.nl/doemee/afmelden?token=${draftContact.token}`);
  });
});
