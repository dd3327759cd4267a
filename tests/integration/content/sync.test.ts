import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConsultations } from '../../../src/lib/content/load.server';
import type { Consultation } from '../../../src/lib/content/schema';
import { syncConsultation } from '../../../src/lib/content/sync.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { contentDir } from '../../support/paths';

let db: TestDatabase;
let consultation: Consultation;
beforeAll(async () => {
  db = await freshDatabase();
  const [first] = await loadConsultations(contentDir);
  if (!first) throw new Error('no consultation in content/');
  consultation = first;
});
afterAll(() => db?.dispose());

const questionIds = () =>
  db.asOwner(
    (tx) =>
      tx.sql<{
        id: string;
        key: string;
        audience: string;
      }>`select id, key, audience from public.questions order by audience, key`,
  );

describe('content synchronisation', () => {
  test('stores the consultation with its topics and every question per audience', async () => {
    await syncConsultation(db, consultation);
    const questions = await questionIds();
    const expected = Object.values(consultation.audiences).reduce((n, a) => n + a.questions.length, 0);
    expect(questions).toHaveLength(expected);
    const [topics] = await db.asOwner(
      (tx) => tx.sql<{ n: number }>`select count(*)::int as n from public.topics`,
    );
    expect(topics?.n).toBe(consultation.topics.length);
  });

  test('is idempotent: ids stay the same on a second run', async () => {
    const before = await questionIds();
    await syncConsultation(db, consultation);
    expect(await questionIds()).toEqual(before);
  });

  test('changes texts in place and removes questions nobody answered', async () => {
    const inwoner = consultation.audiences.inwoner;
    if (!inwoner) throw new Error('no inwoner questions');
    const [first, ...rest] = inwoner.questions;
    if (!first) throw new Error('no first question');
    const changed: Consultation = {
      ...consultation,
      audiences: {
        ...consultation.audiences,
        inwoner: { ...inwoner, questions: [{ ...first, prompt: 'Een nieuwe vraag?' }] },
      },
    };
    const before = await questionIds();
    await syncConsultation(db, changed);
    const after = await questionIds();
    expect(after).toHaveLength(before.length - rest.length);
    const [row] = await db.asOwner(
      (tx) => tx.sql<{ prompt: string; id: string }>`
      select prompt, id from public.questions where audience = 'inwoner' and key = ${first.key}`,
    );
    expect(row?.prompt).toBe('Een nieuwe vraag?');
    expect(row?.id).toBe(before.find((q) => q.audience === 'inwoner' && q.key === first.key)?.id);
  });
});
