import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queueResultsMessages, unsubscribe } from '../../../src/lib/mail';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, ids } from '../../support/world';
import { contact, contactRows, leaveAddresses, outbox, publishResults, siteUrl } from './support';

let db: TestDatabase;
const anna = contact('anna@example.test');
const annaAgain = contact('anna@example.test');
const bram = contact('bram@example.test');
const annaElsewhere = contact('anna@example.test');
const late = contact('laat@example.test');

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  await leaveAddresses(db, ids.openConsultation, [anna, annaAgain, bram]);
  await leaveAddresses(db, ids.closedConsultation, [annaElsewhere]);
  await publishResults(db, ids.openConsultation);
  await queueResultsMessages(db, ids.openConsultation, siteUrl);
});
afterAll(() => db?.dispose());

describe('unsubscribing', () => {
  test.each([
    ['an empty string', ''],
    ['a short string', 'abc'],
    ['a string that is too long', 'a'.repeat(101)],
    ['SQL', "token-aaaaaaaaaaaa' or '1'='1"],
    ['a percent-encoded token', 'token%2Daaaaaaaaaaaaaaaaaaaaaaaa'],
    ['a control character', 'token-aaaaaaaaaaaaaaaaaaaaaa\u0000'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 123456789012345],
    ['an object', { token: 'token-aaaaaaaaaaaaaaaaaaaaaaaa' }],
    ['an array', ['token-aaaaaaaaaaaaaaaaaaaaaaaa']],
    ['a well-formed token nobody has', 'abcdefghijklmnopqrstuvwxyz'],
  ])('returns false for %s and removes nothing', async (_, junk) => {
    const before = [await contactRows(db), await outbox(db)];
    await expect(unsubscribe(db, junk)).resolves.toBe(false);
    expect([await contactRows(db), await outbox(db)]).toEqual(before);
  });

  test('removes the address (every row of it for that consultation) and its unsent message', async () => {
    expect((await outbox(db, ids.openConsultation)).map((r) => r.to_email)).toContain('anna@example.test');
    await expect(unsubscribe(db, anna.token)).resolves.toBe(true);

    expect((await contactRows(db, ids.openConsultation)).map((c) => c.email)).toEqual([
      'bram@example.test',
      'iemand@example.test',
    ]);
    expect((await outbox(db, ids.openConsultation)).map((r) => r.to_email)).toEqual([
      'bram@example.test',
      'iemand@example.test',
    ]);
    // The same address for another consultation is another consent: it stays.
    expect((await contactRows(db, ids.closedConsultation)).map((c) => c.email)).toEqual([
      'anna@example.test',
    ]);
  });

  test('a second time the token is unknown', async () => {
    await expect(unsubscribe(db, anna.token)).resolves.toBe(false);
    await expect(unsubscribe(db, annaAgain.token)).resolves.toBe(false);
  });

  test('an address that unsubscribed before the results gets no message', async () => {
    await leaveAddresses(db, ids.closedConsultation, [late]);
    await expect(unsubscribe(db, late.token)).resolves.toBe(true);
    await publishResults(db, ids.closedConsultation);
    expect(await queueResultsMessages(db, ids.closedConsultation, siteUrl)).toBe(1);
    expect((await outbox(db, ids.closedConsultation)).map((r) => r.to_email)).toEqual([
      'anna@example.test',
      'eerder@example.test',
    ]);
  });

  test('leaves a message that was already sent (the record that it went out)', async () => {
    await db.asOwner(
      (tx) => tx.sql`update public.mail_outbox set sent_at = now()
                     where consultation_id = ${ids.openConsultation} and to_email = 'bram@example.test'`,
    );
    await expect(unsubscribe(db, bram.token)).resolves.toBe(true);
    expect((await contactRows(db, ids.openConsultation)).map((c) => c.email)).toEqual([
      'iemand@example.test',
    ]);
    expect(await outbox(db, ids.openConsultation)).toMatchObject([
      { to_email: 'bram@example.test', sent_at: expect.any(Date) },
      { to_email: 'iemand@example.test', sent_at: null },
    ]);
  });

  test('works with the token of the world fixture (a hyphenated token)', async () => {
    await expect(unsubscribe(db, 'token-aaaaaaaaaaaaaaaaaaaaaaaa')).resolves.toBe(true);
    expect(await contactRows(db, ids.openConsultation)).toEqual([]);
    expect((await outbox(db, ids.openConsultation)).map((r) => r.to_email)).toEqual(['bram@example.test']);
  });
});
