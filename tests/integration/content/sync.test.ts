import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readStoredConsultation } from '../../../src/lib/consultations/definition.server';
import { loadConsultations } from '../../../src/lib/content/load.server';
import type { Consultation } from '../../../src/lib/content/schema';
import { seedConsultation, syncConsultation } from '../../../src/lib/content/sync.server';
import { forCaller } from '../../../src/lib/db/types';
import { getQuestionnaire } from '../../../src/lib/inputs/questionnaire.server';
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

describe('content/ is the seed, the database the source (issue 18, part 3)', () => {
  test('stores each audience with its introduction, order and profile questions, and the expected themes', async () => {
    const stored = await db.transaction({ kind: 'service' }, (tx) =>
      readStoredConsultation(tx, consultation.slug),
    );
    expect(Object.keys(stored?.definition.audiences ?? {})).toEqual(Object.keys(consultation.audiences));
    expect(stored?.definition.audiences.aanbieder?.profile).toEqual([]);
    expect(stored?.definition.audiences.mantelzorger?.intro).toBe(consultation.audiences.mantelzorger?.intro);
    expect(stored?.definition.audiences.inwoner?.profile).toEqual(['ageBand', 'wijk', 'receivesHelp']);
    expect(stored?.definition.themes).toEqual(consultation.themes);
  });

  test('never overwrites a consultation changed in the browser', async () => {
    await db.asOwner(
      (tx) => tx.sql`update public.consultations set title = 'In de browser gewijzigd', edited_at = now()
        where slug = ${consultation.slug}`,
    );
    const outcome = await seedConsultation(db, { ...consultation, title: 'Uit content/' });
    expect(outcome.outcome).toBe('kept');
    const [row] = await db.asOwner(
      (tx) =>
        tx.sql<{ title: string }>`select title from public.consultations where slug = ${consultation.slug}`,
    );
    expect(row?.title).toBe('In de browser gewijzigd');
  });

  test('inserts a consultation whose slug is not in the database yet', async () => {
    const outcome = await seedConsultation(db, { ...consultation, slug: 'tweede-raadpleging' });
    expect(outcome.outcome).toBe('inserted');
    expect((await seedConsultation(db, { ...consultation, slug: 'tweede-raadpleging' })).outcome).toBe(
      'updated',
    );
  });

  test('the public form reads the database: hidden questions are not asked, intro comes from the audience', async () => {
    const anon = forCaller(db, { kind: 'anon' });
    const [first, second] = consultation.audiences.inwoner?.questions ?? [];
    if (!first || !second) throw new Error('inwoner needs two questions');
    await db.asOwner(
      (tx) => tx.sql`update public.questions q set hidden = true from public.consultations c
        where c.id = q.consultation_id and c.slug = 'tweede-raadpleging' and q.audience = 'inwoner' and q.key = ${second.key}`,
    );
    const form = await getQuestionnaire(anon, 'tweede-raadpleging', 'inwoner');
    expect(form?.intro).toBe(consultation.audiences.inwoner?.intro);
    expect(form?.questions.map((q) => q.key)).not.toContain(second.key);
    expect(form?.questions[0]?.key).toBe(first.key);
    const aanbieder = await getQuestionnaire(anon, 'tweede-raadpleging', 'aanbieder');
    expect(aanbieder?.profile).toEqual([]);
    expect(aanbieder?.wijken).toEqual([]);
  });
});
