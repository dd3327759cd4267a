import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { encodeCursor } from '../../../src/lib/moderation/cursor';
import { countByStatus, listQueue, type QueueItem } from '../../../src/lib/moderation/queue.server';
import type { QueueFilter } from '../../../src/lib/moderation/schema';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';
import { addItem, createScene, type Scene } from './support';

let db: TestDatabase;
let scene: Scene;
const item: Record<string, string> = {};

const as = (persona: Persona) => forCaller(db, callerFor(persona));

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  scene = await createScene(db);
  item.cleanHome = await addItem(db, scene, {
    body: 'Ik wil hulp bij het schoonmaken van mijn huis.',
    createdAt: '2026-01-10T10:00:00Z',
  });
  item.cleaning = await addItem(db, scene, {
    body: 'De schoonmaak moet beter geregeld worden.',
    audience: 'mantelzorger',
    question: scene.questionB,
    status: 'approved',
    createdAt: '2026-02-10T10:00:00Z',
  });
  item.groceries = await addItem(db, scene, {
    body: 'Boodschappen doen wordt lastig met de rollator.',
    channel: 'roadtour',
    topic: scene.topicA,
    status: 'rejected',
    rejectReason: 'off_topic',
    createdAt: '2026-03-10T10:00:00Z',
  });
  item.phone = await addItem(db, scene, {
    body: 'Bel mij op 06-12345678 over de huishoudelijke hulp.',
    channel: 'roadtour',
    audience: 'ouderenbond',
    stop: scene.otherStop,
    topic: scene.topicB,
    piiSpans: [{ type: 'PHONE', start: 11, end: 22 }],
    createdAt: '2026-04-10T10:00:00Z',
  });
  item.hidden = await addItem(db, scene, {
    body: 'Het huishouden kost mij veel energie.',
    status: 'hidden',
    createdAt: '2026-05-10T10:00:00Z',
  });
  await db.asOwner(
    (
      tx,
    ) => tx.sql`insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, score)
      values (${scene.theme}, ${item.hidden}, ${scene.consultation}, 'manual', 1),
             (${scene.theme}, ${item.cleaning}, ${scene.consultation}, 'auto', 0.7)`,
  );
});
afterAll(() => db?.dispose());

async function idsFor(filter: Omit<QueueFilter, 'consultationId'>, persona: Persona = 'moderator') {
  const result = await listQueue(
    as(persona),
    { consultationId: scene.consultation, ...filter },
    { size: 100 },
  );
  if (!result.ok) throw new Error(`queue refused: ${result.code}`);
  return result.items.map((i) => i.id);
}

describe('the moderation queue', () => {
  test('lists every item of the consultation, newest first, with its context', async () => {
    const result = await listQueue(as('moderator'), { consultationId: scene.consultation });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items.map((i) => i.id)).toEqual([
      item.hidden,
      item.phone,
      item.groceries,
      item.cleaning,
      item.cleanHome,
    ]);
    expect(result.nextCursor).toBeNull();
    const byId = new Map(result.items.map((i) => [i.id, i]));
    expect(byId.get(item.cleanHome ?? '')).toMatchObject<Partial<QueueItem>>({
      channel: 'online',
      audience: 'inwoner',
      questionPrompt: 'Wat helpt u thuis?',
      topicLabel: 'Thuis',
      stopName: null,
      status: 'new',
      version: 1,
      redacted: false,
      createdAt: '2026-01-10T10:00:00.000Z',
    });
    expect(byId.get(item.phone ?? '')).toMatchObject<Partial<QueueItem>>({
      channel: 'roadtour',
      questionPrompt: null,
      topicLabel: 'Buurt',
      stopName: 'Bibliotheek',
      piiSpans: [{ type: 'PHONE', start: 11, end: 22 }],
    });
    expect(byId.get(item.groceries ?? '')).toMatchObject({ status: 'rejected', rejectReason: 'off_topic' });
  });

  test.each<[string, Omit<QueueFilter, 'consultationId'>, string[]]>([
    ['status new', { status: 'new' }, ['phone', 'cleanHome']],
    ['status approved', { status: 'approved' }, ['cleaning']],
    ['status rejected', { status: 'rejected' }, ['groceries']],
    ['status hidden', { status: 'hidden' }, ['hidden']],
    ['question', { questionId: 'B' }, ['cleaning']],
    ['topic (of a note, or of an answer’s question)', { topicId: 'A' }, ['hidden', 'groceries', 'cleanHome']],
    ['audience', { audience: 'mantelzorger' }, ['cleaning']],
    ['channel', { channel: 'roadtour' }, ['phone', 'groceries']],
    ['roadtour stop', { stopId: 'other' }, ['phone']],
    ['date range', { from: '2026-02-01', to: '2026-04-10T10:00:00Z' }, ['groceries', 'cleaning']],
    ['personal data', { hasPii: true }, ['phone']],
    ['no personal data', { hasPii: false, status: 'new' }, ['cleanHome']],
    ['theme', { themeId: 'theme' }, ['hidden', 'cleaning']],
    [
      'two filters and a search term',
      { channel: 'online', status: 'new', search: 'schoonmaak' },
      ['cleanHome'],
    ],
  ])('the %s filter narrows the list', async (_, raw, expected) => {
    const filter = { ...raw } as Record<string, unknown>;
    if (filter.questionId === 'B') filter.questionId = scene.questionB;
    if (filter.topicId === 'A') filter.topicId = scene.topicA;
    if (filter.stopId === 'other') filter.stopId = scene.otherStop;
    if (filter.themeId === 'theme') filter.themeId = scene.theme;
    const found = await idsFor(filter as QueueFilter);
    expect(found).toEqual(expected.map((k) => item[k]));
    expect(found.length).toBeLessThan(5);
  });

  test('the filters of another consultation find nothing here', async () => {
    expect(await idsFor({ questionId: ids.question })).toEqual([]);
  });

  describe('Dutch full-text search', () => {
    test('"schoonmaken" finds "schoonmaak" too (same stem)', async () => {
      expect(await idsFor({ search: 'schoonmaken' })).toEqual([item.cleaning, item.cleanHome]);
      expect(await idsFor({ search: 'schoonmaak' })).toEqual([item.cleaning, item.cleanHome]);
    });

    test('"huishouden" finds "huishoudelijke"', async () => {
      expect(await idsFor({ search: 'huishouden' })).toEqual([item.hidden, item.phone]);
    });

    test('web-search syntax: phrases and exclusions', async () => {
      expect(await idsFor({ search: 'schoonmaak -huis' })).toEqual([item.cleaning]);
      expect(await idsFor({ search: '"huishoudelijke hulp"' })).toEqual([item.phone]);
    });

    test('stop words alone or odd characters find nothing, without an error', async () => {
      expect(await idsFor({ search: 'de het een' })).toEqual([]);
      expect(await idsFor({ search: `'); drop table public.input_items; --` })).toEqual([]);
      expect(await idsFor({ search: '& | ! <-> :*' })).toEqual([]);
    });
  });

  test('counts per status tab, under the same filters', async () => {
    expect(await countByStatus(as('moderator'), { consultationId: scene.consultation })).toEqual({
      ok: true,
      counts: { new: 2, approved: 1, rejected: 1, hidden: 1 },
    });
    expect(
      await countByStatus(as('moderator'), { consultationId: scene.consultation, channel: 'roadtour' }),
    ).toEqual({ ok: true, counts: { new: 1, approved: 0, rejected: 1, hidden: 0 } });
    // The tabs count without a status: passing one is a mistake, not silently ignored.
    expect(
      await countByStatus(as('moderator'), { consultationId: scene.consultation, status: 'new' } as never),
    ).toMatchObject({ ok: false, code: 'queue.invalidFilter' });
  });

  describe('runs as the caller (RLS)', () => {
    test('an analyst sees only approved input', async () => {
      expect(await idsFor({}, 'analyst')).toEqual([item.cleaning]);
      expect(await countByStatus(as('analyst'), { consultationId: scene.consultation })).toEqual({
        ok: true,
        counts: { new: 0, approved: 1, rejected: 0, hidden: 0 },
      });
    });

    test('a facilitator sees only the notes of their own stops', async () => {
      expect(await idsFor({}, 'facilitator')).toEqual([item.groceries]);
    });

    test('someone signed in without a staff role sees nothing', async () => {
      expect(await idsFor({}, 'outsider')).toEqual([]);
    });

    test('an anonymous caller is refused with a code, not an error', async () => {
      expect(await listQueue(as('anon'), { consultationId: scene.consultation })).toEqual({
        ok: false,
        code: 'queue.notAllowed',
      });
    });

    test('an admin sees everything', async () => {
      expect(await idsFor({}, 'admin')).toHaveLength(5);
    });
  });

  describe('bad input is an error code, never an SQL error', () => {
    test.each<[string, unknown]>([
      ['an unknown status', { status: 'gone' }],
      ['a malformed id', { consultationId: "1' or '1'='1" }],
      ['an unknown audience', { audience: 'toerist' }],
      ['an impossible date', { from: '2026-02-30' }],
      ['a reversed range', { from: '2026-05-01', to: '2026-01-01' }],
      ['a search term that is too long', { search: 'x'.repeat(201) }],
      ['an unknown filter', { colour: 'red' }],
      ['a wrong type', { hasPii: 'yes' }],
    ])('%s', async (_, filter) => {
      const result = await listQueue(as('moderator'), filter as QueueFilter);
      expect(result).toMatchObject({ ok: false, code: 'queue.invalidFilter' });
    });

    test.each<[string, unknown]>([
      ['a page that is too large', { size: 101 }],
      ['an empty page', { size: 0 }],
      ['a fractional page size', { size: 2.5 }],
    ])('%s', async (_, page) => {
      expect(await listQueue(as('moderator'), {}, page as never)).toMatchObject({
        ok: false,
        code: 'queue.invalidFilter',
      });
    });

    test.each([
      ['garbage', 'not a cursor!'],
      ['valid base64 of something else', Buffer.from('{"a":1}').toString('base64url')],
      ['a bad timestamp', Buffer.from(JSON.stringify(['yesterday', ids.newItem])).toString('base64url')],
      ['a bad id', Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'x'])).toString('base64url')],
    ])('a tampered cursor: %s', async (_, cursor) => {
      expect(await listQueue(as('moderator'), {}, { cursor })).toEqual({
        ok: false,
        code: 'queue.invalidCursor',
      });
    });
  });
});

describe('keyset pagination', () => {
  let paged: Scene;
  beforeAll(async () => {
    paged = await createScene(db);
    // 250 items with many equal timestamps and sub-millisecond differences: ties must be broken by id,
    // and the cursor must keep Postgres's microseconds.
    await db.asOwner(
      (tx) => tx.sql`
      insert into public.input_items (consultation_id, channel, audience, stop_id, kind, body, created_at)
      select ${paged.consultation}, 'roadtour', 'inwoner', ${paged.stop}, 'point', 'Notitie ' || g,
             timestamptz '2026-06-01 12:00:00+00' + (g % 40) * interval '1 millisecond' + (g % 3) * interval '1 microsecond'
      from generate_series(1, 250) g`,
    );
  });

  test('pages of 100, 100 and 50 never repeat or skip an item', async () => {
    const expected = (
      await db.asOwner(
        (tx) => tx.sql<{ id: string }>`
        select id from public.input_items where consultation_id = ${paged.consultation}
        order by created_at desc, id desc`,
      )
    ).map((r) => r.id);
    expect(expected).toHaveLength(250);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const result = await listQueue(
        as('moderator'),
        { consultationId: paged.consultation },
        { size: 100, ...(cursor ? { cursor } : {}) },
      );
      if (!result.ok) throw new Error(result.code);
      sizes.push(result.items.length);
      seen.push(...result.items.map((i) => i.id));
      cursor = result.nextCursor ?? undefined;
    } while (cursor && sizes.length < 10);
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual(expected);
  });

  test('items added or moderated while paging do not shift the later pages', async () => {
    const first = await listQueue(as('moderator'), { consultationId: paged.consultation }, { size: 100 });
    if (!first.ok || !first.nextCursor) throw new Error('no first page');
    // A newer item arrives and one on page 1 disappears from this view: page 2 stays the same.
    await addItem(db, paged, { body: 'Nieuw binnen', channel: 'roadtour' });
    await db.asOwner((tx) => tx.sql`delete from public.input_items where id = ${first.items[0]?.id ?? ''}`);
    const second = await listQueue(
      as('moderator'),
      { consultationId: paged.consultation },
      { size: 100, cursor: first.nextCursor },
    );
    if (!second.ok) throw new Error(second.code);
    const ids = second.items.map((i) => i.id);
    expect(ids).toHaveLength(100);
    expect(ids.some((id) => first.items.some((i) => i.id === id))).toBe(false);
  });

  test('a cursor is opaque base64url of the last row', async () => {
    const page = await listQueue(as('moderator'), { consultationId: paged.consultation }, { size: 1 });
    if (!page.ok || !page.nextCursor) throw new Error('no page');
    expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const [at, id] = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString()) as [string, string];
    expect(id).toBe(page.items[0]?.id);
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(encodeCursor({ at, id })).toBe(page.nextCursor);
  });
});
