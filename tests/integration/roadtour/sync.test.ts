import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { deleteNote, editNote, syncNotes } from '../../../src/lib/roadtour/notes.server';
import type { NoteInput } from '../../../src/lib/roadtour/schema';
import { stopSummary } from '../../../src/lib/roadtour/summary.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

let db: TestDatabase;
const secondTopic = '20000000-0000-4000-8000-0000000000aa';
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  await db.asOwner(
    (tx) => tx.sql`
      insert into public.topics (id, consultation_id, key, label, position)
      values (${secondTopic}, ${ids.openConsultation}, 'schoon-huis', 'Een schoon huis', 5)`,
  );
});
afterAll(() => db?.dispose());

const as = (persona: 'facilitator' | 'admin' | 'moderator' | 'analyst') => forCaller(db, callerFor(persona));

const note = (change: Partial<NoteInput> = {}): NoteInput => ({
  id: randomUUID(),
  topicKey: 'krachtig-oud',
  kind: 'point',
  body: 'Men wil zelf blijven koken.',
  clientCreatedAt: new Date().toISOString(),
  ...change,
});

interface StoredRow {
  id: string;
  body: string;
  channel: string;
  audience: string;
  stop_id: string;
  consultation_id: string;
  topic_id: string;
  kind: string;
  speaker: string | null;
  status: string;
  pii_spans: unknown[];
  client_created_at: Date | null;
  created_at: Date;
}

const stored = (noteIds: readonly string[]) =>
  db.asOwner(async (tx) => {
    const rows: StoredRow[] = [];
    for (const id of noteIds)
      rows.push(...(await tx.sql<StoredRow>`select * from public.input_items where id = ${id}`));
    return rows;
  });

describe('syncing notes from the tablet', () => {
  test('stores notes as roadtour input of the stop, new and ready for moderation', async () => {
    const batch = [
      note({ kind: 'idea', body: 'Een klusjesdienst in de wijk.' }),
      note({ kind: 'quote', body: 'Ik wil niet afhankelijk zijn.', speaker: 'bewoner, 82 jaar' }),
      note({ kind: 'worry', topicKey: 'schoon-huis', body: 'Bel mevrouw op 06-12345678 over de hulp.' }),
    ];
    const result = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: batch });
    expect(result).toEqual({
      ok: true,
      results: batch.map((n) => ({ id: n.id, result: 'created' })),
      keep: [],
    });
    const rows = await stored(batch.map((n) => n.id));
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(row).toMatchObject({
        channel: 'roadtour',
        stop_id: ids.stop,
        consultation_id: ids.openConsultation,
        audience: 'inwoner',
        status: 'new',
      });
    expect(rows.map((r) => r.kind)).toEqual(['idea', 'quote', 'worry']);
    expect(rows[1]?.speaker).toBe('bewoner, 82 jaar');
    expect(rows[2]?.topic_id).toBe(secondTopic);
    expect(rows[0]?.topic_id).toBe(ids.topic);
    expect(rows[2]?.pii_spans).toEqual([{ type: 'PHONE', start: 15, end: 26 }]);
    // A moderator sees them in the queue.
    const queue = await as('moderator').run(
      (tx) => tx.sql<{ id: string }>`
        select id from public.input_items where channel = 'roadtour' and status = 'new' and stop_id = ${ids.stop}`,
    );
    expect(queue.map((r) => r.id)).toEqual(expect.arrayContaining(batch.map((n) => n.id)));
  });

  test('the audience follows the stop group', async () => {
    const n = note();
    const result = await syncNotes(as('facilitator'), { stopId: ids.emptyStop, notes: [n] });
    expect(result.ok).toBe(true);
    expect((await stored([n.id]))[0]?.audience).toBe('aanbieder');
  });

  test('the same batch sent three times stores each note once', async () => {
    const batch = [note(), note({ kind: 'wish' }), note({ kind: 'worry' })];
    const input = { stopId: ids.stop, notes: batch };
    const first = await syncNotes(as('facilitator'), input);
    const second = await syncNotes(as('facilitator'), input);
    const third = await syncNotes(as('facilitator'), input);
    expect(first.ok && first.results.map((r) => r.result)).toEqual(['created', 'created', 'created']);
    for (const again of [second, third])
      expect(again).toEqual({
        ok: true,
        results: batch.map((n) => ({ id: n.id, result: 'already-stored' })),
        keep: [],
      });
    expect(await stored(batch.map((n) => n.id))).toHaveLength(3);
  });

  test('the same batch sent three times at once stores each note once', async () => {
    const batch = Array.from({ length: 5 }, (_, i) => note({ body: `Punt ${i + 1}` }));
    const input = { stopId: ids.stop, notes: batch };
    const results = await Promise.all([
      syncNotes(as('facilitator'), input),
      syncNotes(as('facilitator'), input),
      syncNotes(as('facilitator'), input),
    ]);
    for (const r of results) expect(r.ok).toBe(true);
    // Each note was created by exactly one of the three uploads.
    for (const [i, n] of batch.entries()) {
      const outcomes = results.map((r) => (r.ok ? r.results[i]?.result : 'failed'));
      expect(
        outcomes.filter((o) => o === 'created'),
        n.id,
      ).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'already-stored')).toHaveLength(2);
    }
    const counted = await db.asOwner(
      (tx) => tx.sql<{ n: number }>`
        select count(*)::int as n from public.input_items where body like 'Punt %' and stop_id = ${ids.stop}`,
    );
    expect(counted[0]?.n).toBe(5);
  });

  test('a batch the database refuses half-way stores nothing; the corrected retry stores each once', async () => {
    // A rule only the database knows, so the batch fails inside the transaction after the
    // first notes were already inserted.
    await db.asOwner(
      (tx) => tx.sql`
        alter table public.input_items add constraint test_only_db_knows check (body not like '%KAPOT%')`,
    );
    try {
      const batch = [
        note({ body: 'Eerste helft 1' }),
        note({ body: 'Eerste helft 2' }),
        note({ body: 'Tweede helft KAPOT' }),
        note({ body: 'Tweede helft 2' }),
      ];
      const refused = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: batch });
      expect(refused).toEqual({
        ok: false,
        code: 'notes.rejected',
        keep: batch.map((n) => n.id),
        failedId: batch[2]?.id,
      });
      expect(await stored(batch.map((n) => n.id))).toEqual([]);

      const corrected = batch.map((n) => ({ ...n, body: n.body.replace('KAPOT', 'hersteld') }));
      const retry = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: corrected });
      expect(retry.ok && retry.results.map((r) => r.result)).toEqual([
        'created',
        'created',
        'created',
        'created',
      ]);
      const again = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: corrected });
      expect(again.ok && again.results.map((r) => r.result)).toEqual([
        'already-stored',
        'already-stored',
        'already-stored',
        'already-stored',
      ]);
      expect((await stored(batch.map((n) => n.id))).map((r) => r.body)).toEqual([
        'Eerste helft 1',
        'Eerste helft 2',
        'Tweede helft hersteld',
        'Tweede helft 2',
      ]);
    } finally {
      await db.asOwner((tx) => tx.sql`alter table public.input_items drop constraint test_only_db_knows`);
    }
  });

  test('a batch cut off half-way, then sent whole three times: each note is stored exactly once', async () => {
    // The connection dropped after the first half of the outbox reached the server; the tablet does
    // not know which half arrived and sends everything again, three times.
    const batch = Array.from({ length: 6 }, (_, i) => note({ body: `Afgebroken upload ${i + 1}` }));
    const half = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: batch.slice(0, 3) });
    expect(half.ok && half.results.map((r) => r.result)).toEqual(['created', 'created', 'created']);
    const whole = { stopId: ids.stop, notes: batch };
    const first = await syncNotes(as('facilitator'), whole);
    expect(first.ok && first.results.map((r) => r.result)).toEqual([
      'already-stored',
      'already-stored',
      'already-stored',
      'created',
      'created',
      'created',
    ]);
    for (const again of [
      await syncNotes(as('facilitator'), whole),
      await syncNotes(as('facilitator'), whole),
    ])
      expect(again.ok && again.results.every((r) => r.result === 'already-stored')).toBe(true);
    const counts = await db.asOwner(
      (tx) => tx.sql<{ id: string; n: number }>`
        select id, count(*)::int as n from public.input_items
        where body like 'Afgebroken upload %' group by id`,
    );
    expect(counts).toHaveLength(6);
    expect(new Set(counts.map((c) => c.id))).toEqual(new Set(batch.map((n) => n.id)));
    for (const c of counts) expect(c.n).toBe(1);
  });

  test("a facilitator cannot sync to another facilitator's stop; nothing is stored", async () => {
    const batch = [note(), note()];
    const result = await syncNotes(as('facilitator'), { stopId: ids.otherStop, notes: batch });
    expect(result).toEqual({ ok: false, code: 'stop.forbidden', keep: batch.map((n) => n.id) });
    expect(await stored(batch.map((n) => n.id))).toEqual([]);
  });

  test('moderators and analysts cannot add notes', async () => {
    for (const persona of ['moderator', 'analyst'] as const) {
      const n = note();
      const result = await syncNotes(as(persona), { stopId: ids.stop, notes: [n] });
      expect(result).toMatchObject({ ok: false, code: 'stop.forbidden' });
      expect(await stored([n.id])).toEqual([]);
    }
  });

  test('an unknown stop refuses the batch', async () => {
    const n = note();
    const result = await syncNotes(as('facilitator'), { stopId: randomUUID(), notes: [n] });
    expect(result).toEqual({ ok: false, code: 'stop.notFound', keep: [n.id] });
  });

  test('a cancelled stop refuses the batch', async () => {
    await db.asOwner(
      (tx) => tx.sql`update public.roadtour_stops set status = 'cancelled' where id = ${ids.otherStop}`,
    );
    try {
      const n = note();
      expect(await syncNotes(as('admin'), { stopId: ids.otherStop, notes: [n] })).toEqual({
        ok: false,
        code: 'stop.cancelled',
        keep: [n.id],
      });
      expect(await stored([n.id])).toEqual([]);
    } finally {
      await db.asOwner(
        (tx) => tx.sql`update public.roadtour_stops set status = 'planned' where id = ${ids.otherStop}`,
      );
    }
  });

  test('an admin may sync to any stop', async () => {
    const n = note();
    const result = await syncNotes(as('admin'), { stopId: ids.otherStop, notes: [n] });
    expect(result).toEqual({ ok: true, results: [{ id: n.id, result: 'created' }], keep: [] });
    expect((await stored([n.id]))[0]).toMatchObject({ stop_id: ids.otherStop, audience: 'ouderenbond' });
  });

  test('a note id taken by another text is reported, not mistaken for already stored', async () => {
    const n = note({ id: ids.otherStopNote });
    const result = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: [n] });
    expect(result).toEqual({
      ok: true,
      results: [{ id: ids.otherStopNote, result: 'error', code: 'note.idTaken' }],
      keep: [ids.otherStopNote],
    });
    expect((await stored([ids.otherStopNote]))[0]?.stop_id).toBe(ids.otherStop);
  });

  test.each([
    ['an empty body', { body: '   \n ' }, 'note.empty'],
    ['a body over 5,000 characters', { body: 'x'.repeat(5001) }, 'note.tooLong'],
    ['a speaker on a point', { kind: 'point', speaker: 'bewoner' }, 'note.speakerNotAllowed'],
    [
      'a speaker over 80 characters',
      { kind: 'quote', speaker: 'bewoner '.repeat(11) },
      'note.speakerTooLong',
    ],
    ['a name as speaker', { kind: 'quote', speaker: 'mevrouw Jansen' }, 'note.speakerIsName'],
    ['a full name as speaker', { kind: 'quote', speaker: 'Piet de Vries' }, 'note.speakerIsName'],
    ['a phone number as speaker', { kind: 'quote', speaker: 'bel 06-12345678' }, 'note.speakerPersonalData'],
    ['an unknown topic', { topicKey: 'bestaat-niet' }, 'note.unknownTopic'],
    ["another consultation's topic", { topicKey: 'reserve' }, 'note.unknownTopic'],
    ['an unknown kind', { kind: 'answer' as NoteInput['kind'] }, 'note.invalidKind'],
    ['a malformed time', { clientCreatedAt: 'gisteren' }, 'note.invalidTime'],
    ['a time the database cannot store', { clientCreatedAt: '0000-01-01T00:00:00Z' }, 'note.invalidTime'],
  ])('refuses %s per note; the valid notes of the batch are stored', async (_, change, code) => {
    const good = note();
    const bad = note(change as Partial<NoteInput>);
    const result = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: [good, bad] });
    expect(result).toEqual({
      ok: true,
      results: [
        { id: good.id, result: 'created' },
        { id: bad.id, result: 'error', code },
      ],
      keep: [bad.id],
    });
    expect((await stored([good.id, bad.id])).map((r) => r.id)).toEqual([good.id]);
  });

  test('a batch without note ids is refused as a whole', async () => {
    const result = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: [{ body: 'zonder id' }] });
    expect(result).toMatchObject({ ok: false, code: 'notes.invalid' });
    const empty = await syncNotes(as('facilitator'), { stopId: ids.stop, notes: [] });
    expect(empty).toMatchObject({ ok: false, code: 'notes.invalid' });
  });

  test('a tablet clock 5 hours off does not change the order; its time is kept for information', async () => {
    const hours = 3600 * 1000;
    const early = note({
      body: 'Als eerste gezegd',
      clientCreatedAt: new Date(Date.now() + 5 * hours).toISOString(),
    });
    const late = note({
      body: 'Als tweede gezegd',
      clientCreatedAt: new Date(Date.now() - 5 * hours).toISOString(),
    });
    const later = note({
      body: 'Als derde gezegd',
      clientCreatedAt: new Date(Date.now() - 6 * hours).toISOString(),
    });
    await syncNotes(as('facilitator'), { stopId: ids.emptyStop, notes: [early, late] });
    await syncNotes(as('facilitator'), { stopId: ids.emptyStop, notes: [later] });
    const rows = await stored([early.id, late.id, later.id]);
    expect(rows[0]?.client_created_at?.toISOString()).toBe(early.clientCreatedAt);
    // The server's order of arrival, compared in the database (finer than JavaScript's milliseconds).
    const order = await db.asOwner(
      (tx) =>
        tx.sql<{
          id: string;
        }>`select id from public.input_items where id = any(${[early.id, late.id, later.id]}::uuid[])
                             order by created_at`,
    );
    expect(order.map((r) => r.id)).toEqual([early.id, late.id, later.id]);
    // Server time, not the tablet's.
    const [a] = rows.map((r) => r.created_at.getTime());
    expect(Math.abs((a as number) - Date.now())).toBeLessThan(hours);

    const summary = await stopSummary(as('facilitator'), ids.emptyStop);
    const bodies = summary?.topics.flatMap((t) => t.notes.map((n) => n.body)) ?? [];
    expect(bodies.filter((b) => b.startsWith('Als '))).toEqual([
      'Als eerste gezegd',
      'Als tweede gezegd',
      'Als derde gezegd',
    ]);
  });
});

describe('editing and deleting notes', () => {
  test('edits a new note with the expected version; a stale version conflicts and changes nothing', async () => {
    const n = note({ body: 'Eerste versie' });
    await syncNotes(as('facilitator'), { stopId: ids.stop, notes: [n] });
    const edited = await editNote(as('facilitator'), {
      noteId: n.id,
      expectedVersion: 1,
      body: 'Tweede versie',
      topicKey: 'schoon-huis',
      kind: 'wish',
    });
    expect(edited).toMatchObject({
      ok: true,
      note: { body: 'Tweede versie', kind: 'wish', topicKey: 'schoon-huis', version: 2 },
    });
    const stale = await editNote(as('facilitator'), {
      noteId: n.id,
      expectedVersion: 1,
      body: 'Derde versie',
    });
    expect(stale).toMatchObject({
      ok: false,
      code: 'note.conflict',
      current: { body: 'Tweede versie', version: 2 },
    });
    expect((await stored([n.id]))[0]?.body).toBe('Tweede versie');
    // A facilitator's own correction is an edit, not a redaction: no original kept, not marked.
    const originals = await db.asOwner(
      (tx) => tx.sql`select 1 from public.input_originals where input_item_id = ${n.id}`,
    );
    expect(originals).toEqual([]);
    const [item] = await db.asOwner(
      (tx) => tx.sql<{ redacted: boolean }>`select redacted from public.input_items where id = ${n.id}`,
    );
    expect(item?.redacted).toBe(false);
  });

  test('refuses a name as speaker on edit, and edits of notes already moderated', async () => {
    const n = note({ kind: 'quote', speaker: 'mantelzorger' });
    await syncNotes(as('facilitator'), { stopId: ids.stop, notes: [n] });
    expect(
      await editNote(as('facilitator'), { noteId: n.id, expectedVersion: 1, speaker: 'Piet de Vries' }),
    ).toEqual({
      ok: false,
      code: 'note.speakerIsName',
    });
    await db.asOwner((tx) => tx.sql`update public.input_items set status = 'approved' where id = ${n.id}`);
    expect(await editNote(as('facilitator'), { noteId: n.id, expectedVersion: 2, body: 'Anders' })).toEqual({
      ok: false,
      code: 'note.locked',
    });
    expect(await deleteNote(as('facilitator'), { noteId: n.id })).toEqual({ ok: false, code: 'note.locked' });
    expect(await stored([n.id])).toHaveLength(1);
  });

  test("deletes a new note; not another facilitator's", async () => {
    const n = note();
    await syncNotes(as('facilitator'), { stopId: ids.stop, notes: [n] });
    expect(await deleteNote(as('facilitator'), { noteId: n.id })).toEqual({ ok: true });
    expect(await stored([n.id])).toEqual([]);
    expect(await deleteNote(as('facilitator'), { noteId: ids.otherStopNote })).toEqual({
      ok: false,
      code: 'note.notFound',
    });
    expect(await stored([ids.otherStopNote])).toHaveLength(1);
  });
});

describe('the printable summary', () => {
  test('groups the notes per topic in the consultation order', async () => {
    const stopId = ids.emptyStop;
    const first = note({ topicKey: 'schoon-huis', body: 'Schoonmaak één' });
    const second = note({ body: 'Krachtig één' });
    const third = note({ topicKey: 'schoon-huis', body: 'Schoonmaak twee' });
    const rejected = note({ body: 'Afgewezen' });
    await syncNotes(as('facilitator'), { stopId, notes: [first, second, third, rejected] });
    await db.asOwner(
      (tx) =>
        tx.sql`update public.input_items set status = 'rejected', reject_reason = 'off_topic' where id = ${rejected.id}`,
    );
    const summary = await stopSummary(as('facilitator'), stopId);
    expect(summary?.stop.id).toBe(stopId);
    expect(summary?.topics.map((t) => t.topicKey)).toEqual(['krachtig-oud', 'schoon-huis']);
    const schoon = summary?.topics.find((t) => t.topicKey === 'schoon-huis');
    expect(schoon?.notes.map((n) => n.body)).toEqual(['Schoonmaak één', 'Schoonmaak twee']);
    const all = summary?.topics.flatMap((t) => t.notes.map((n) => n.body));
    expect(all).not.toContain('Afgewezen');
    expect(summary?.noteCount).toBe(all?.length);
  });

  test("shows a facilitator no notes of another facilitator's stop; an admin sees them", async () => {
    const other = await stopSummary(as('facilitator'), ids.otherStop);
    expect(other?.stop.id).toBe(ids.otherStop);
    expect(other?.noteCount).toBe(0);
    const admin = await stopSummary(as('admin'), ids.otherStop);
    expect(admin?.topics.flatMap((t) => t.notes.map((n) => n.id))).toContain(ids.otherStopNote);
  });

  test('is null for an unknown stop', async () => {
    expect(await stopSummary(as('facilitator'), randomUUID())).toBeNull();
  });

  // Issue 16 item 16: the page says "Namen schrijven we niet op", so an unmoderated note prints
  // with the detector's placeholders instead of a name, a street and house number or a phone number.
  test('masks personal data in notes that were not moderated yet', async () => {
    const stopId = ids.emptyStop;
    const personal = note({
      kind: 'worry',
      body: 'Mevrouw Jansen op de Dorpsstraat 12 wacht al weken, bel haar dochter op 06-53829104.',
    });
    const plain = note({ body: 'Iedereen wil meer tijd voor de schoonmaak.' });
    const result = await syncNotes(as('facilitator'), { stopId, notes: [personal, plain] });
    expect(result).toMatchObject({ ok: true, keep: [] });
    const summary = await stopSummary(as('facilitator'), stopId);
    const printed = summary?.topics.flatMap((t) => t.notes) ?? [];
    const masked = printed.find((n) => n.id === personal.id);
    expect(masked?.status).toBe('new');
    expect(masked?.body).toBe(
      'Mevrouw [naam] op de [adres] wacht al weken, bel haar dochter op [telefoonnummer].',
    );
    expect(masked?.masked).toBe(true);
    expect(printed.find((n) => n.id === plain.id)).toMatchObject({ body: plain.body, masked: false });
    const text = JSON.stringify(summary);
    for (const secret of ['Jansen', 'Dorpsstraat 12', '06-53829104']) expect(text).not.toContain(secret);
  });
});
