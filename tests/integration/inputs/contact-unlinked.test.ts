// Issue 16, item 4: a contact e-mail address must not be linkable to the answers it came with.
// Someone who can read both tables (an admin, a database operator) tries every join: each value of
// the address's row — its columns and its transaction id (xmin) — against each value of every
// submission and its answers. A join "links" when it singles out some submissions but not all of
// the consultation's (the consultation itself is shared by every submission, by design).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { submitAnswers } from '../../../src/lib/inputs/submit.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, ids } from '../../support/world';

const secret = new TextEncoder().encode('test-secret-for-reference-codes-0123456789');
let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

type Row = Record<string, unknown>;

/** Every value of a row as text (JSON's rendering of each column), plus its transaction id. */
const valuesOf = (row: Row): string[] =>
  Object.values(row)
    .filter((v) => v !== null && v !== undefined)
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));

/** Times within a second of each other link rows as well as equal ones do. */
const closeInTime = (a: string, b: string): boolean => {
  const timeLike = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  if (!timeLike.test(a) || !timeLike.test(b)) return false;
  return Math.abs(Date.parse(a) - Date.parse(b)) < 1_000;
};

describe('a contact e-mail address', () => {
  test('cannot be joined to its submission on any column, its time or its transaction', async () => {
    const visits = Array.from({ length: 6 }, (_, i) => ({
      submissionId: randomUUID(),
      audience: 'inwoner',
      answers: { belangrijk: `Antwoord nummer ${i + 1} over hulp in huis.` },
      consent: true,
      ...(i % 2 === 0 ? { email: `bezoeker${i}@example.test` } : {}),
    }));
    for (const visit of visits) expect((await submitAnswers(db, secret, 'open', visit)).ok).toBe(true);

    const [contacts, submissions] = await db.asOwner(async (tx) => [
      await tx.sql<{ row: Row }>`
        select to_jsonb(c) || jsonb_build_object('xmin', c.xmin::text) as row
        from public.contact_emails c
        where c.consultation_id = ${ids.openConsultation} and c.email like 'bezoeker%'`,
      await tx.sql<{ id: string; rows: Row[] }>`
        select s.id,
               jsonb_build_array(to_jsonb(s) || jsonb_build_object('xmin', s.xmin::text))
               || coalesce((select jsonb_agg(to_jsonb(i) - 'search' || jsonb_build_object('xmin', i.xmin::text))
                            from public.input_items i where i.submission_id = s.id), '[]'::jsonb) as rows
        from public.submissions s
        where s.consultation_id = ${ids.openConsultation}`,
    ]);
    expect(contacts).toHaveLength(3);
    expect(submissions.length).toBeGreaterThanOrEqual(visits.length);

    const links: string[] = [];
    for (const { row: contact } of contacts) {
      for (const [column, value] of Object.entries(contact)) {
        if (value === null) continue;
        const text = valuesOf({ value })[0] as string;
        const matched = submissions.filter((s) =>
          s.rows.some((r) => valuesOf(r).some((v) => v === text || closeInTime(v, text))),
        );
        if (matched.length > 0 && matched.length < submissions.length)
          links.push(`contact_emails.${column} = ${text} singles out ${matched.length} submission(s)`);
      }
    }
    expect(links).toEqual([]);
  });

  test('keeps no time of its own but when its message was queued', async () => {
    const columns = await db.asOwner(
      (tx) => tx.sql<{ column_name: string; data_type: string }>`
        select column_name, data_type from information_schema.columns
        where table_schema = 'public' and table_name = 'contact_emails' order by ordinal_position`,
    );
    expect(columns.filter((c) => /time|date/.test(c.data_type)).map((c) => c.column_name)).toEqual([
      'notified_at',
    ]);
  });
});
