import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tx } from '../../../src/lib/db/types';
import { attempt, freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

const anon = callerFor('anon');
const submit = (tx: Tx, consultation: string, code: string, consent = true) =>
  tx.sql`insert into public.submissions (id, consultation_id, audience, consent_at, reference_code)
         values (gen_random_uuid(), ${consultation}, 'inwoner', ${consent ? new Date() : null}, ${code})`;

describe('anonymous visitors', () => {
  test('can answer an open consultation', async () => {
    await expect(
      attempt(db, anon, (tx) => submit(tx, ids.openConsultation, 'QRST-2345')),
    ).resolves.toBeDefined();
  });
  test.each([
    ['a closed consultation', ids.closedConsultation],
    ['a draft consultation', ids.draftConsultation],
  ])('cannot answer %s', async (_, consultation) => {
    await expect(attempt(db, anon, (tx) => submit(tx, consultation, 'QRST-2346'))).rejects.toThrow(
      /row-level security/,
    );
  });
  test('cannot submit without consent', async () => {
    await expect(
      attempt(db, anon, (tx) => submit(tx, ids.openConsultation, 'QRST-2347', false)),
    ).rejects.toThrow(/row-level security|check constraint/);
  });
  test('cannot answer a question of another audience', async () => {
    await expect(
      attempt(
        db,
        anon,
        (
          tx,
        ) => tx.sql`insert into public.input_items (consultation_id, channel, audience, submission_id, question_id, body)
          values (${ids.openConsultation}, 'online', 'inwoner', ${ids.submission}, ${ids.aanbiederQuestion}, 'tekst')`,
      ),
    ).rejects.toThrow(/row-level security/);
  });
  test('cannot approve their own answer', async () => {
    await expect(
      attempt(
        db,
        anon,
        (
          tx,
        ) => tx.sql`insert into public.input_items (consultation_id, channel, audience, submission_id, question_id, body, status)
          values (${ids.openConsultation}, 'online', 'inwoner', ${ids.submission}, ${ids.question}, 'tekst', 'approved')`,
      ),
    ).rejects.toThrow(/permission denied|row-level security/);
  });
  test('read answers and themes only through the published page, never from the tables', async () => {
    for (const table of ['input_items', 'themes', 'theme_assignments'])
      await expect(
        attempt(db, anon, (tx) => tx.query(`select 1 from public.${table} limit 1`)),
      ).rejects.toThrow(/permission denied/);
  });
});

describe('staff', () => {
  test('analysts see approved input only', async () => {
    const rows = await attempt(
      db,
      callerFor('analyst'),
      (tx) => tx.sql<{ status: string }>`select distinct status from public.input_items`,
    );
    expect(rows.map((r) => r.status)).toEqual(['approved']);
  });
  test('facilitators see and write notes of their own stops only', async () => {
    const fac = callerFor('facilitator');
    const rows = await attempt(db, fac, (tx) => tx.sql<{ id: string }>`select id from public.input_items`);
    expect(rows.map((r) => r.id)).toEqual([ids.stopNote]);
    await expect(
      attempt(
        db,
        fac,
        (
          tx,
        ) => tx.sql`insert into public.input_items (consultation_id, channel, audience, stop_id, kind, body)
          values (${ids.openConsultation}, 'roadtour', 'ouderenbond', ${ids.otherStop}, 'point', 'Niet mijn stop')`,
      ),
    ).rejects.toThrow(/row-level security/);
    expect(
      await attempt(db, fac, (tx) =>
        tx.execute(
          `update public.roadtour_stops set expected_participants = 3 where id = '${ids.otherStop}'`,
        ),
      ),
    ).toBe(0);
  });
  test('facilitators edit their notes but cannot make them look moderated', async () => {
    const fac = callerFor('facilitator');
    expect(
      await attempt(db, fac, (tx) =>
        tx.execute(`update public.input_items set body = 'Beter verwoord' where id = '${ids.stopNote}'`),
      ),
    ).toBe(1);
    await expect(
      attempt(db, fac, (tx) =>
        tx.execute(
          `update public.input_items set moderated_by = '${ids.staff.facilitator}', moderated_at = now() where id = '${ids.stopNote}'`,
        ),
      ),
    ).rejects.toThrow(/only moderators/);
    expect(
      await attempt(db, callerFor('moderator'), (tx) =>
        tx.execute(
          `update public.input_items set moderated_by = auth.uid(), moderated_at = now() where id = '${ids.stopNote}'`,
        ),
      ),
    ).toBe(1);
  });
  test('a deactivated staff member loses access at once', async () => {
    await db.asOwner(
      (tx) => tx.sql`update public.staff_members set active = false where user_id = ${ids.staff.moderator}`,
    );
    try {
      const rows = await attempt(
        db,
        callerFor('moderator'),
        (tx) => tx.sql`select id from public.input_items`,
      );
      expect(rows).toEqual([]);
    } finally {
      await db.asOwner(
        (tx) => tx.sql`update public.staff_members set active = true where user_id = ${ids.staff.moderator}`,
      );
    }
  });
  test('nothing is approved while personal data proposals are open', async () => {
    await expect(
      attempt(
        db,
        callerFor('moderator'),
        (tx) =>
          tx.sql`update public.input_items set pii_spans = ${JSON.stringify([{ type: 'PHONE', start: 0, end: 5 }])}::jsonb,
          status = 'approved' where id = ${ids.newItem}`,
      ),
    ).rejects.toThrow(/check constraint/);
  });
  test('a redaction keeps the original for admins only, and is audited without the text', async () => {
    const mod = callerFor('moderator');
    const audit = await attempt(db, mod, async (tx) => {
      await tx.sql`update public.input_items set body = 'Een vaste [naam] is belangrijk.' where id = ${ids.newItem}`;
      const originals =
        await tx.sql`select 1 from public.input_originals where input_item_id = ${ids.newItem}`;
      const [item] = await tx.sql<{
        redacted: boolean;
      }>`select redacted from public.input_items where id = ${ids.newItem}`;
      return { originals: originals.length, redacted: item?.redacted };
    });
    expect(audit).toEqual({ originals: 0, redacted: true });
    const [original] = await db.asOwner(
      (tx) =>
        tx.sql<{
          body: string;
        }>`select body from public.input_originals where input_item_id = ${ids.redactedItem}`,
    );
    expect(original?.body).toBe('Bel mij op 06-12345678.');
    const entries = await db.asOwner(
      (tx) =>
        tx.sql<{
          detail: unknown;
        }>`select detail from public.audit_log where entity = 'input_items' and entity_id = ${ids.redactedItem}`,
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toContain('06-12345678');
  });
  test('moderation is audited with who did it', async () => {
    await db.transaction(
      callerFor('moderator'),
      (tx) => tx.sql`update public.input_items set status = 'hidden' where id = ${ids.otherStopNote}`,
    );
    const [log] = await db.transaction(
      callerFor('admin'),
      (tx) =>
        tx.sql<{
          actor_id: string;
          actor_role: string;
          detail: { before: { status: string }; after: { status: string } };
        }>`
        select actor_id, actor_role, detail from public.audit_log
        where entity = 'input_items' and entity_id = ${ids.otherStopNote} order by id desc limit 1`,
    );
    expect(log).toMatchObject({
      actor_id: ids.staff.moderator,
      actor_role: 'moderator',
      detail: { before: { status: 'new' }, after: { status: 'hidden' } },
    });
  });
  test('the audit log is append-only, even for the database owner', async () => {
    await expect(db.asOwner((tx) => tx.sql`update public.audit_log set action = 'x.y'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.asOwner((tx) => tx.sql`delete from public.audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.asOwner((tx) => tx.sql`truncate public.audit_log`)).rejects.toThrow(/append-only/);
  });
  test('theme snapshots are frozen', async () => {
    await expect(
      attempt(
        db,
        callerFor('admin'),
        (tx) => tx.sql`update public.theme_snapshots set label = 'Nieuw' where id = ${ids.snapshot}`,
      ),
    ).rejects.toThrow(/permission denied|append-only/);
  });
});
