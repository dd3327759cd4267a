import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findOwnSubmission, removeOwnSubmission } from '../../../src/lib/inputs/own.server';
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

async function submitted(text: string): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const result = await submitAnswers(db, secret, 'open', {
    submissionId: id,
    audience: 'inwoner',
    answers: { belangrijk: text },
    consent: true,
    wijk: 'Dorp',
  });
  if (!result.ok) throw new Error('not stored');
  return { id, code: result.referenceCode };
}

describe("a person's own submission by reference code", () => {
  test('shows the answers as written, for the code typed loosely', async () => {
    const { code } = await submitted('<img src=x onerror=alert(1)> Zelf koken.');
    const loose = ` ${code.toLowerCase().replace('-', ' ')} `;
    expect(await findOwnSubmission(db, loose)).toMatchObject({
      referenceCode: code,
      consultation: 'Open raadpleging',
      audience: 'inwoner',
      wijk: 'Dorp',
      answers: [
        {
          question: 'Wat is voor u belangrijk?',
          answer: '<img src=x onerror=alert(1)> Zelf koken.',
          redacted: false,
        },
      ],
    });
  });

  test.each([['ZZZZ-ZZZZ'], ['niet-een-code'], [''], [undefined], [42]])(
    'finds nothing for %j',
    async (input) => {
      expect(await findOwnSubmission(db, input)).toBeNull();
      expect(await removeOwnSubmission(db, input)).toBe(false);
    },
  );

  test('deletes everything of it, once, and logs the deletion without the text', async () => {
    const { id, code } = await submitted('Mijn buurvrouw Jannie helpt mij.');
    expect(await removeOwnSubmission(db, code)).toBe(true);
    expect(await findOwnSubmission(db, code)).toBeNull();
    expect(await removeOwnSubmission(db, code)).toBe(false);
    const [left] = await db.asOwner(
      (tx) => tx.sql<{ submissions: number; items: number }>`
        select (select count(*)::int from public.submissions where id = ${id}) as submissions,
               (select count(*)::int from public.input_items where submission_id = ${id}) as items`,
    );
    expect(left).toEqual({ submissions: 0, items: 0 });
    const audit = await db.asOwner(
      (tx) => tx.sql<{ action: string; detail: unknown }>`
        select action, detail from public.audit_log where entity_id = ${id} or detail::text like ${`%${id}%`}`,
    );
    expect(audit.map((a) => a.action)).toContain('submissions.delete');
    expect(JSON.stringify(audit)).not.toMatch(/Jannie|helpt mij|Dorp/);
  });
});
