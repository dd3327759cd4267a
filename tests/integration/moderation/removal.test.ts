import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { applyRedaction } from '../../../src/lib/moderation/redaction.server';
import { normaliseReferenceCode, removeSubmission } from '../../../src/lib/moderation/removal.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';
import { addItem, createScene, randomCode, type Scene } from './support';

let db: TestDatabase;
let scene: Scene;
const as = (persona: Persona) => forCaller(db, callerFor(persona));

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  scene = await createScene(db);
});
afterAll(() => db?.dispose());

const secretWords = ['Zilverschoon', 'Wilgenhof 17', 'kleindochter Femke', 'Rozenbottel'];

/** A submission with two answers: one redacted (original kept), one on a theme (a manual assignment). */
async function submissionWithEverything() {
  const submission = randomUUID();
  const code = randomCode();
  // The wijk is one of the consultation's list (issue 16, item 11).
  await db.asOwner(
    (
      tx,
    ) => tx.sql`insert into public.wijken (consultation_id, name) values (${scene.consultation}, 'Rokkeveen')
      on conflict do nothing`,
  );
  await db.asOwner(
    (
      tx,
    ) => tx.sql`insert into public.submissions (id, consultation_id, audience, consent_at, reference_code, wijk, age_band)
      values (${submission}, ${scene.consultation}, 'inwoner', now(), ${code}, 'Rokkeveen', '75-84')`,
  );
  const redacted = await addItem(db, scene, {
    submission,
    body: `Mijn ${secretWords[2]} woont aan de ${secretWords[1]}.`,
    piiSpans: [{ type: 'ADDRESS', start: 34, end: 46 }],
  });
  const themed = await addItem(db, scene, {
    submission,
    question: scene.questionB,
    body: `In de ${secretWords[0]} is de hulp goed. ${secretWords[3]}.`,
  });
  const redaction = await applyRedaction(as('moderator'), {
    itemId: redacted,
    expectedVersion: 1,
    spans: [{ type: 'ADDRESS', start: 34, end: 46 }],
  });
  if (!redaction.ok) throw new Error(redaction.code);
  await db.asOwner(async (tx) => {
    await tx.sql`update public.input_items set status = 'approved', moderated_by = ${ids.staff.moderator} where id = ${themed}`;
  });
  await as('analyst').run(
    (
      tx,
    ) => tx.sql`insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, score, assigned_by)
      values (${scene.theme}, ${themed}, ${scene.consultation}, 'manual', 1, auth.uid())`,
  );
  return { submission, code, items: [redacted, themed] };
}

const countsFor = (submission: string, items: string[]) =>
  db.asOwner(async (tx) => {
    const [row] = await tx.sql<{ s: number; i: number; a: number; o: number }>`
      select (select count(*)::int from public.submissions where id = ${submission}) as s,
             (select count(*)::int from public.input_items where submission_id = ${submission}) as i,
             (select count(*)::int from public.theme_assignments where input_item_id in (${items[0]}, ${items[1]})) as a,
             (select count(*)::int from public.input_originals where input_item_id in (${items[0]}, ${items[1]})) as o`;
    return row;
  });

describe('a removal request', () => {
  test('deletes the submission, its answers, theme assignments and originals; the log keeps no text', async () => {
    const { submission, code, items } = await submissionWithEverything();
    expect(await countsFor(submission, items)).toEqual({ s: 1, i: 2, a: 1, o: 1 });

    // As a resident might type it.
    const result = await removeSubmission(as('admin'), ` ${code.toLowerCase().replace('-', ' ')} `);
    expect(result).toEqual({
      ok: true,
      referenceCode: code,
      deleted: { submissions: 1, inputItems: 2, themeAssignments: 1, originals: 1 },
    });
    expect(await countsFor(submission, items)).toEqual({ s: 0, i: 0, a: 0, o: 0 });

    const log = await db.asOwner(
      (tx) => tx.sql<{ action: string; entity_id: string; actor_id: string; row: string }>`
      select action, entity_id, actor_id, to_jsonb(l)::text as row from public.audit_log l
      where entity_id in (${submission}, ${items[0]}, ${items[1]}) and action like '%.delete'
      order by id`,
    );
    expect(log.map((l) => l.action).sort()).toEqual([
      'input_items.delete',
      'input_items.delete',
      'submissions.delete',
      'theme_assignments.delete',
    ]);
    expect(log.every((l) => l.actor_id === ids.staff.admin)).toBe(true);
    const everything = await db.asOwner(
      (tx) => tx.sql<{ row: string }>`select to_jsonb(l)::text as row from public.audit_log l`,
    );
    for (const word of [...secretWords, 'Rokkeveen', '75-84', '[adres]'])
      expect(everything.filter((l) => l.row.includes(word))).toEqual([]);
  });

  test('the same code again is not found', async () => {
    const { code } = await submissionWithEverything();
    expect((await removeSubmission(as('admin'), code)).ok).toBe(true);
    expect(await removeSubmission(as('admin'), code)).toEqual({ ok: false, code: 'removal.notFound' });
  });

  test.each<Persona>(['moderator', 'analyst', 'facilitator', 'outsider', 'anon'])(
    'a %s may not remove a submission',
    async (persona) => {
      const { submission, code, items } = await submissionWithEverything();
      expect(await removeSubmission(as(persona), code)).toEqual({ ok: false, code: 'removal.notAllowed' });
      expect(await countsFor(submission, items)).toEqual({ s: 1, i: 2, a: 1, o: 1 });
    },
  );

  test('a malformed code is refused before anything is looked up', async () => {
    for (const code of ['', 'ABCD', 'ABCD-EFG1', "ABCD-EFGH' or 1=1 --", 'ABCD-EFGI'])
      expect(await removeSubmission(as('admin'), code)).toEqual({ ok: false, code: 'removal.invalidCode' });
    expect(normaliseReferenceCode('abcdefgh')).toBe('ABCD-EFGH');
    expect(normaliseReferenceCode('abcd efgh')).toBe('ABCD-EFGH');
  });
});
