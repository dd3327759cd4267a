import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { submitAnswers } from '../../../src/lib/inputs/submit.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld } from '../../support/world';

const secret = new TextEncoder().encode('test-secret-for-reference-codes-0123456789');
let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

const resident = (change: Record<string, unknown> = {}) => ({
  submissionId: randomUUID(),
  audience: 'inwoner',
  answers: { belangrijk: 'Dat ik zelf kan blijven koken.' },
  consent: true,
  ...change,
});

const itemsOf = (submissionId: string) =>
  db.asOwner(
    (tx) =>
      tx.sql<{ body: string; status: string; pii_spans: unknown[] }>`
      select body, status, pii_spans from public.input_items where submission_id = ${submissionId}`,
  );

describe('submitting answers', () => {
  test('stores the submission and its answers, and gives a reference code', async () => {
    const input = resident({ ageBand: '75-84', wijk: 'Dorp', receivesHelp: 'ja' });
    const result = await submitAnswers(db, secret, 'open', input);
    expect(result).toMatchObject({ ok: true, repeated: false });
    if (!result.ok) return;
    expect(result.referenceCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await itemsOf(input.submissionId)).toEqual([
      { body: 'Dat ik zelf kan blijven koken.', status: 'new', pii_spans: [] },
    ]);
  });

  test('a repeated submit stores once and returns the same reference', async () => {
    const input = resident();
    const first = await submitAnswers(db, secret, 'open', input);
    const again = await Promise.all([
      submitAnswers(db, secret, 'open', input),
      submitAnswers(db, secret, 'open', input),
    ]);
    expect(again.map((r) => r.ok && r.referenceCode)).toEqual([
      first.ok && first.referenceCode,
      first.ok && first.referenceCode,
    ]);
    expect(again.every((r) => r.ok && r.repeated)).toBe(true);
    expect(await itemsOf(input.submissionId)).toHaveLength(1);
  });

  test('keeps text as written, including markup and emoji; removes NUL', async () => {
    const text = '<script>alert(1)</script> 👵🏽 Ελληνικά \u0000einde';
    const input = resident({ answers: { belangrijk: text } });
    expect((await submitAnswers(db, secret, 'open', input)).ok).toBe(true);
    expect((await itemsOf(input.submissionId))[0]?.body).toBe(
      '<script>alert(1)</script> 👵🏽 Ελληνικά einde',
    );
  });

  test('proposes redactions for personal data', async () => {
    const input = resident({ answers: { belangrijk: 'Bel mij gerust op 06-12345678.' } });
    await submitAnswers(db, secret, 'open', input);
    expect((await itemsOf(input.submissionId))[0]?.pii_spans).toEqual([
      { type: 'PHONE', start: 18, end: 29 },
    ]);
  });

  test('keeps an e-mail address apart from the answers', async () => {
    const input = resident({ email: ' Iemand@Example.test ' });
    await submitAnswers(db, secret, 'open', input);
    const [row] = await db.asOwner(
      (tx) =>
        tx.sql<{
          email: string;
        }>`select email from public.contact_emails where email = 'iemand@example.test'`,
    );
    expect(row?.email).toBe('iemand@example.test');
  });

  test.each([
    ['no consent', { consent: false }, 'consent', 'consent.required'],
    ['an empty required answer', { answers: { belangrijk: '   ' } }, 'answers.belangrijk', 'answer.required'],
    [
      'an answer that is too long',
      { answers: { belangrijk: 'x'.repeat(20_000) } },
      'answers.belangrijk',
      'answer.tooLong',
    ],
    [
      'an unknown question',
      { answers: { belangrijk: 'ja', bestaatniet: 'x' } },
      'answers.bestaatniet',
      'answer.unknownQuestion',
    ],
    [
      'an organisation without a name',
      { audience: 'aanbieder', answers: { haalbaar: 'x' } },
      'organisationName',
      'organisation.required',
    ],
    ['an invalid e-mail address', { email: 'geen-adres' }, 'email', 'email.invalid'],
    ['an unknown age band', { ageBand: '200-plus' }, 'ageBand', 'profile.invalid'],
    ['an unknown audience', { audience: 'toerist' }, 'audience', 'submission.invalid'],
    ['a malformed id', { submissionId: 'abc' }, 'submissionId', 'submission.invalid'],
  ])('refuses %s', async (_, change, field, code) => {
    const input = resident(change);
    const result = await submitAnswers(db, secret, 'open', input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toBe(code);
    expect(await itemsOf(input.submissionId).catch(() => [])).toEqual([]);
  });

  test('refuses answers after the closing date', async () => {
    const result = await submitAnswers(db, secret, 'dicht', resident());
    expect(result).toEqual({ ok: false, status: 409, errors: { form: 'consultation.closed' } });
  });

  test('refuses a consultation that does not exist', async () => {
    expect(await submitAnswers(db, secret, 'bestaat-niet', resident())).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  test('an organisation answers with its name', async () => {
    const input = resident({
      audience: 'aanbieder',
      organisationName: 'Zorg BV',
      answers: { haalbaar: 'Met vaste teams.' },
    });
    expect((await submitAnswers(db, secret, 'open', input)).ok).toBe(true);
    const [row] = await db.asOwner(
      (tx) =>
        tx.sql<{
          organisation_name: string;
        }>`select organisation_name from public.submissions where id = ${input.submissionId}`,
    );
    expect(row?.organisation_name).toBe('Zorg BV');
  });
});

describe('error reporting', () => {
  test('reports every problem at once: consent, organisation name and a missing answer', async () => {
    const result = await submitAnswers(db, secret, 'open', {
      submissionId: randomUUID(),
      audience: 'inwoner',
      answers: { belangrijk: '' },
      consent: false,
      email: 'geen-adres',
    });
    expect(result).toEqual({
      ok: false,
      status: 400,
      errors: {
        consent: 'consent.required',
        email: 'email.invalid',
        'answers.belangrijk': 'answer.required',
      },
    });
  });
});
