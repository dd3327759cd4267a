import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { moderate } from '../../../src/lib/moderation/moderate.server';
import { applyRedaction, dismissPiiProposals } from '../../../src/lib/moderation/redaction.server';
import { detectPersonalData } from '../../../src/lib/privacy';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, type Persona } from '../../support/world';
import { addItem, createScene, type Scene, stateOf } from './support';

let db: TestDatabase;
let scene: Scene;
const as = (persona: Persona) => forCaller(db, callerFor(persona));

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  scene = await createScene(db);
});
afterAll(() => db?.dispose());

const original = 'Bel mij op 06-12345678, of mail naar ans.devries@example.nl. Groet, Ans.';

async function withPii(body = original) {
  return addItem(db, scene, { body, piiSpans: detectPersonalData(body) });
}

const originalsOf = (persona: Persona, id: string) =>
  as(persona).run(
    (tx) => tx.sql<{ body: string }>`select body from public.input_originals where input_item_id = ${id}`,
  );

describe('redaction', () => {
  test('replaces the accepted proposals and a hand-picked span, closes the proposals', async () => {
    const id = await withPii();
    const proposals = detectPersonalData(original);
    expect(proposals.map((s) => s.type)).toEqual(expect.arrayContaining(['PHONE', 'EMAIL']));
    const ans = original.lastIndexOf('Ans');
    const spans = [
      ...proposals.filter((s) => s.type !== 'PERSON'),
      { type: 'PERSON', start: ans, end: ans + 3 },
    ];
    const result = await applyRedaction(as('moderator'), { itemId: id, expectedVersion: 1, spans });
    const redacted = 'Bel mij op [telefoonnummer], of mail naar [e-mailadres]. Groet, [naam].';
    expect(result).toEqual({ ok: true, item: { id, version: 2, body: redacted } });
    expect(await stateOf(db, id)).toMatchObject({
      body: redacted,
      pii_spans: [],
      redacted: true,
      version: 2,
    });
    // Now it can be approved.
    expect(
      await moderate(as('moderator'), { itemId: id, expectedVersion: 2, action: 'approve' }),
    ).toMatchObject({
      ok: true,
    });
  });

  test('keeps the original for admins only, and never in the audit log', async () => {
    const id = await withPii();
    const spans = detectPersonalData(original);
    expect((await applyRedaction(as('moderator'), { itemId: id, expectedVersion: 1, spans })).ok).toBe(true);
    expect(await originalsOf('admin', id)).toEqual([{ body: original }]);
    for (const persona of ['moderator', 'analyst', 'facilitator', 'outsider'] as const)
      expect(await originalsOf(persona, id)).toEqual([]);
    const leaked = await db.asOwner(
      (tx) => tx.sql`select id from public.audit_log
        where detail::text like '%12345678%' or detail::text like '%example.nl%' or detail::text like '%Bel mij%'`,
    );
    expect(leaked).toEqual([]);
    const logged = await db.asOwner(
      (tx) => tx.sql<{ detail: { after: Record<string, unknown> } }>`
      select detail from public.audit_log where entity = 'input_items' and entity_id = ${id}`,
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]?.detail.after).toMatchObject({ redacted: true, pii_spans: [] });
  });

  test.each([
    ['past the end', [{ type: 'PHONE', start: 11, end: 500 }], 'OUT_OF_RANGE'],
    ['negative', [{ type: 'PHONE', start: -1, end: 4 }], 'OUT_OF_RANGE'],
    ['empty', [{ type: 'PHONE', start: 5, end: 5 }], 'EMPTY_SPAN'],
    [
      'overlapping',
      [
        { type: 'PHONE', start: 11, end: 22 },
        { type: 'PERSON', start: 20, end: 25 },
      ],
      'OVERLAPPING',
    ],
    ['of an unknown type', [{ type: 'SHOE_SIZE', start: 0, end: 3 }], 'INVALID_TYPE'],
    ['fractional', [{ type: 'PHONE', start: 1.5, end: 3 }], 'NOT_AN_INTEGER'],
  ])('spans %s leave the database unchanged', async (_, spans, reason) => {
    const id = await withPii();
    const before = await stateOf(db, id);
    const result = await applyRedaction(as('moderator'), { itemId: id, expectedVersion: 1, spans });
    expect(result).toMatchObject({ ok: false, code: 'redaction.invalidSpans', detail: { reason } });
    expect(await stateOf(db, id)).toEqual(before);
    expect(await originalsOf('admin', id)).toEqual([]);
  });

  test('a span cutting an emoji in half is refused', async () => {
    const body = 'Groetjes 👵 van Ans';
    const id = await addItem(db, scene, { body });
    const result = await applyRedaction(as('moderator'), {
      itemId: id,
      expectedVersion: 1,
      spans: [{ type: 'PERSON', start: 10, end: 19 }],
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'redaction.invalidSpans',
      detail: { reason: 'SPLITS_CHARACTER' },
    });
    expect(await stateOf(db, id)).toMatchObject({ body, version: 1 });
  });

  test('offsets checked against an older version are a conflict', async () => {
    const id = await withPii();
    await dismissPiiProposals(as('admin'), { itemId: id, expectedVersion: 1 });
    const result = await applyRedaction(as('moderator'), {
      itemId: id,
      expectedVersion: 1,
      spans: detectPersonalData(original),
    });
    expect(result).toMatchObject({ ok: false, code: 'moderation.conflict', current: { version: 2 } });
    expect(await stateOf(db, id)).toMatchObject({ body: original, redacted: false });
  });

  test('a facilitator cannot redact (nor see) what moderators handle', async () => {
    const id = await addItem(db, scene, {
      body: 'Mevrouw belt 06-12345678.',
      channel: 'roadtour',
      piiSpans: [{ type: 'PHONE', start: 13, end: 24 }],
    });
    const spans = [{ type: 'PHONE', start: 13, end: 24 }];
    expect(await applyRedaction(as('facilitator'), { itemId: id, expectedVersion: 1, spans })).toMatchObject({
      ok: false,
      code: 'moderation.notAllowed',
    });
    expect(await applyRedaction(as('analyst'), { itemId: id, expectedVersion: 1, spans })).toEqual({
      ok: false,
      code: 'moderation.notFound',
    });
    expect(await stateOf(db, id)).toMatchObject({ body: 'Mevrouw belt 06-12345678.', version: 1 });
  });

  test('malformed input is an error code', async () => {
    const id = await withPii();
    for (const input of [
      { itemId: id, expectedVersion: 1, spans: [] },
      { itemId: id, expectedVersion: 1, spans: [{ type: 'PHONE', start: '1', end: 3 }] },
      { itemId: 'nope', expectedVersion: 1, spans: [{ type: 'PHONE', start: 1, end: 3 }] },
    ])
      expect(await applyRedaction(as('moderator'), input as never)).toMatchObject({
        ok: false,
        code: 'moderation.invalid',
      });
  });
});

describe('dismissing false alarms', () => {
  test('closes the proposals without touching the text, so the item can be approved', async () => {
    const body = 'Ik woon al veertig jaar in Meerzicht.';
    const id = await addItem(db, scene, { body, piiSpans: [{ type: 'ADDRESS', start: 27, end: 36 }] });
    expect(await dismissPiiProposals(as('moderator'), { itemId: id, expectedVersion: 1 })).toEqual({
      ok: true,
      item: { id, version: 2 },
    });
    expect(await stateOf(db, id)).toMatchObject({ body, pii_spans: [], redacted: false, version: 2 });
    expect(await originalsOf('admin', id)).toEqual([]);
    expect(
      await moderate(as('moderator'), { itemId: id, expectedVersion: 2, action: 'approve' }),
    ).toMatchObject({
      ok: true,
    });
  });

  test('is optimistic too', async () => {
    const id = await withPii();
    expect(await dismissPiiProposals(as('moderator'), { itemId: id, expectedVersion: 7 })).toMatchObject({
      ok: false,
      code: 'moderation.conflict',
      current: { version: 1, piiOpen: true },
    });
    expect(await dismissPiiProposals(as('facilitator'), { itemId: id, expectedVersion: 1 })).toEqual({
      ok: false,
      code: 'moderation.notFound',
    });
    expect(await stateOf(db, id)).toMatchObject({ version: 1 });
  });
});
