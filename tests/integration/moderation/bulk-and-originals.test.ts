/**
 * Issue 20, items 12 and 13: bulk actions item by item (which succeeded, which not and why), the
 * item kept on screen after a redaction, and admins reading an original (recorded in the log).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { moderateEach } from '../../../src/lib/moderation/moderate.server';
import { readOriginal } from '../../../src/lib/moderation/originals.server';
import { readQueueItem } from '../../../src/lib/moderation/queue.server';
import { applyRedaction } from '../../../src/lib/moderation/redaction.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';
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

describe('bulk actions item by item', () => {
  test('changes every item it can and reports each other one with its reason', async () => {
    const fine = await addItem(db, scene, { body: 'Een vaste hulp is fijn.' });
    const alsoFine = await addItem(db, scene, { body: 'Ik wil meer tijd.' });
    const withPii = await addItem(db, scene, {
      body: 'Bel 06-12345678.',
      piiSpans: [{ type: 'PHONE', start: 4, end: 15 }],
    });
    const stale = await addItem(db, scene, { body: 'Al door een ander gedaan.' });
    await moderateEach(as('admin'), [{ id: stale, expectedVersion: 1 }], 'hide');

    const result = await moderateEach(
      as('moderator'),
      [fine, alsoFine, withPii, stale].map((id) => ({ id, expectedVersion: 1 })),
      'approve',
    );
    expect(result).toMatchObject({
      ok: true,
      items: [
        { id: fine, status: 'approved', version: 2 },
        { id: alsoFine, status: 'approved', version: 2 },
      ],
      failures: [
        { id: withPii, code: 'moderation.piiOpen' },
        { id: stale, code: 'moderation.conflict', current: { status: 'hidden' } },
      ],
    });
    expect((await stateOf(db, fine))?.status).toBe('approved');
    expect((await stateOf(db, withPii))?.status).toBe('new');
  });

  test('rejects with a reason, hides, and an item with open personal data can be rejected', async () => {
    const a = await addItem(db, scene, { body: 'Reclame voor ramen.' });
    const b = await addItem(db, scene, {
      body: 'Mail jan@example.nl voor ramen.',
      piiSpans: [{ type: 'EMAIL', start: 5, end: 19 }],
    });
    expect(await moderateEach(as('moderator'), [{ id: a, expectedVersion: 1 }], 'reject')).toEqual({
      ok: false,
      code: 'moderation.reasonRequired',
    });
    const rejected = await moderateEach(
      as('moderator'),
      [a, b].map((id) => ({ id, expectedVersion: 1 })),
      'reject',
      'spam',
    );
    expect(rejected).toMatchObject({ ok: true, failures: [] });
    expect(await stateOf(db, b)).toMatchObject({ status: 'rejected', reject_reason: 'spam' });
    const hidden = await moderateEach(as('moderator'), [{ id: a, expectedVersion: 2 }], 'hide');
    expect(hidden).toMatchObject({ ok: true, items: [{ id: a, status: 'hidden', version: 3 }] });
  });

  test('an analyst changes nothing', async () => {
    const a = await addItem(db, scene, { body: 'Niet voor analisten.' });
    const result = await moderateEach(as('analyst'), [{ id: a, expectedVersion: 1 }], 'approve');
    expect(result.ok ? result.items : []).toEqual([]);
    expect((await stateOf(db, a))?.status).toBe('new');
  });
});

describe('after a redaction', () => {
  test('the item can be read by id whatever the filters, for the queue to keep it on screen', async () => {
    const id = await addItem(db, scene, {
      body: 'Bel mij op 06-11112222.',
      piiSpans: [{ type: 'PHONE', start: 11, end: 22 }],
    });
    const done = await applyRedaction(as('moderator'), {
      itemId: id,
      expectedVersion: 1,
      spans: [{ type: 'PHONE', start: 11, end: 22 }],
    });
    expect(done.ok).toBe(true);
    expect(await readQueueItem(as('moderator'), id)).toMatchObject({
      id,
      body: 'Bel mij op [telefoonnummer].',
      redacted: true,
    });
    expect(await readQueueItem(as('anon'), id)).toBeNull();
  });

  test('an admin reads the original, and the reading is in the audit log without the text', async () => {
    const result = await readOriginal(as('admin'), ids.redactedItem);
    expect(result).toEqual({
      ok: true,
      original: 'Bel mij op 06-12345678.',
      current: 'Bel mij op [telefoonnummer].',
    });
    const log = await db.asOwner(
      (tx) => tx.sql<{ actor_id: string; action: string; entity: string; entity_id: string; detail: object }>`
        select actor_id, action, entity, entity_id, detail from public.audit_log where action = 'original.view'`,
    );
    expect(log).toEqual([
      {
        actor_id: ids.staff.admin,
        action: 'original.view',
        entity: 'input_items',
        entity_id: ids.redactedItem,
        detail: {},
      },
    ]);
  });

  test('a moderator may not read it, and nothing is logged for them', async () => {
    expect(await readOriginal(as('moderator'), ids.redactedItem)).toEqual({
      ok: false,
      code: 'original.notAllowed',
    });
    expect(await readOriginal(as('admin'), ids.newItem)).toEqual({ ok: false, code: 'original.notFound' });
    const [count] = await db.asOwner(
      (tx) =>
        tx.sql<{ n: number }>`select count(*)::int as n from public.audit_log where action = 'original.view'`,
    );
    expect(count?.n).toBe(1);
  });
});
