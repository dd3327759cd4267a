import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { moderate, moderateMany } from '../../../src/lib/moderation/moderate.server';
import { attempt, freshDatabase, type TestDatabase } from '../../support/db';
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

const fresh = (body = 'Een vaste hulp is fijn.') => addItem(db, scene, { body });

describe('moderating one item', () => {
  test('approve sets the status, who and when, and bumps the version', async () => {
    const id = await fresh();
    const result = await moderate(as('moderator'), { itemId: id, expectedVersion: 1, action: 'approve' });
    expect(result).toEqual({ ok: true, item: { id, status: 'approved', version: 2 } });
    expect(await stateOf(db, id)).toMatchObject({
      status: 'approved',
      version: 2,
      moderated_by: ids.staff.moderator,
      reject_reason: null,
    });
    const audit = await db.asOwner(
      (tx) => tx.sql<{ actor_id: string; action: string; detail: { after: Record<string, unknown> } }>`
      select actor_id, action, detail from public.audit_log where entity = 'input_items' and entity_id = ${id}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: ids.staff.moderator,
      action: 'input_items.update',
      detail: { after: { status: 'approved' } },
    });
  });

  test('reject needs a reason from the list, and stores it', async () => {
    const id = await fresh();
    expect(await moderate(as('moderator'), { itemId: id, expectedVersion: 1, action: 'reject' })).toEqual({
      ok: false,
      code: 'moderation.reasonRequired',
    });
    expect(
      await moderate(as('moderator'), {
        itemId: id,
        expectedVersion: 1,
        action: 'reject',
        reason: 'rude' as never,
      }),
    ).toMatchObject({ ok: false, code: 'moderation.invalid' });
    expect(await stateOf(db, id)).toMatchObject({ status: 'new', version: 1 });
    const result = await moderate(as('admin'), {
      itemId: id,
      expectedVersion: 1,
      action: 'reject',
      reason: 'spam',
    });
    expect(result).toMatchObject({ ok: true, item: { status: 'rejected' } });
    expect(await stateOf(db, id)).toMatchObject({ status: 'rejected', reject_reason: 'spam' });
  });

  test('hide, then reopen: the reason goes, the item is new again', async () => {
    const id = await fresh();
    await moderate(as('moderator'), {
      itemId: id,
      expectedVersion: 1,
      action: 'reject',
      reason: 'duplicate',
    });
    expect(await moderate(as('moderator'), { itemId: id, expectedVersion: 2, action: 'hide' })).toMatchObject(
      {
        ok: true,
        item: { status: 'hidden', version: 3 },
      },
    );
    expect(await stateOf(db, id)).toMatchObject({ status: 'hidden', reject_reason: null });
    expect(
      await moderate(as('moderator'), { itemId: id, expectedVersion: 3, action: 'reopen' }),
    ).toMatchObject({
      ok: true,
      item: { status: 'new', version: 4 },
    });
  });

  test('two moderators at once: the second gets a conflict and the database keeps the first decision', async () => {
    const id = await fresh();
    const [a, b] = await Promise.all([
      moderate(as('moderator'), { itemId: id, expectedVersion: 1, action: 'approve' }),
      moderate(as('admin'), { itemId: id, expectedVersion: 1, action: 'reject', reason: 'off_topic' }),
    ]);
    const results = [a, b];
    const winner = results.findIndex((r) => r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results[1 - winner];
    const winnerState =
      winner === 0
        ? { status: 'approved', by: ids.staff.moderator }
        : { status: 'rejected', by: ids.staff.admin };
    expect(loser).toMatchObject({
      ok: false,
      code: 'moderation.conflict',
      current: { status: winnerState.status, version: 2, moderatedBy: winnerState.by },
    });
    expect(await stateOf(db, id)).toMatchObject({
      status: winnerState.status,
      version: 2,
      moderated_by: winnerState.by,
    });
  });

  test('a stale version is a conflict, even when nobody is busy right now', async () => {
    const id = await fresh();
    await moderate(as('moderator'), { itemId: id, expectedVersion: 1, action: 'hide' });
    const result = await moderate(as('moderator'), { itemId: id, expectedVersion: 1, action: 'approve' });
    expect(result).toMatchObject({
      ok: false,
      code: 'moderation.conflict',
      current: { status: 'hidden', version: 2 },
    });
    expect(await stateOf(db, id)).toMatchObject({ status: 'hidden', version: 2 });
  });

  test('approving an item with open personal-data proposals is refused with a clear code', async () => {
    const id = await addItem(db, scene, {
      body: 'Bel mij op 06-12345678.',
      piiSpans: [{ type: 'PHONE', start: 11, end: 22 }],
    });
    const result = await moderate(as('moderator'), { itemId: id, expectedVersion: 1, action: 'approve' });
    expect(result).toMatchObject({
      ok: false,
      code: 'moderation.piiOpen',
      current: { piiOpen: true, version: 1 },
    });
    expect(await stateOf(db, id)).toMatchObject({ status: 'new', version: 1 });
    // Rejecting or hiding it is fine: nothing with personal data gets out that way.
    expect(
      await moderate(as('moderator'), { itemId: id, expectedVersion: 1, action: 'reject', reason: 'other' }),
    ).toMatchObject({ ok: true });
  });

  test('an unknown item is not found', async () => {
    expect(
      await moderate(as('moderator'), {
        itemId: '70000000-0000-4000-8000-0000000000ff',
        expectedVersion: 1,
        action: 'approve',
      }),
    ).toEqual({ ok: false, code: 'moderation.notFound' });
  });

  test('malformed input is an error code', async () => {
    for (const input of [
      { itemId: 'x', expectedVersion: 1, action: 'approve' },
      { itemId: ids.newItem, expectedVersion: 0, action: 'approve' },
      { itemId: ids.newItem, expectedVersion: 1, action: 'delete' },
    ])
      expect(await moderate(as('moderator'), input as never)).toMatchObject({
        ok: false,
        code: 'moderation.invalid',
      });
  });

  describe('only moderators and admins moderate', () => {
    test('a facilitator cannot approve a note of their own stop (RLS refuses it, too)', async () => {
      const id = await addItem(db, scene, { body: 'Notitie van de stop.', channel: 'roadtour' });
      for (const action of ['approve', 'hide', 'reopen'] as const)
        expect(await moderate(as('facilitator'), { itemId: id, expectedVersion: 1, action })).toMatchObject({
          ok: false,
          code: 'moderation.notAllowed',
        });
      expect(await stateOf(db, id)).toMatchObject({ status: 'new', version: 1, moderated_by: null });
      // Without the domain module, the update policy alone refuses an approval.
      await expect(
        attempt(db, callerFor('facilitator'), (tx) =>
          tx.execute(`update public.input_items set status = 'approved' where id = $1`, [id]),
        ),
      ).rejects.toMatchObject({ code: '42501' });
    });

    test('an analyst cannot moderate approved input they can read, nor see new input', async () => {
      const approved = await addItem(db, scene, { body: 'Al goedgekeurd.', status: 'approved' });
      expect(
        await moderate(as('analyst'), { itemId: approved, expectedVersion: 1, action: 'hide' }),
      ).toMatchObject({
        ok: false,
        code: 'moderation.notAllowed',
      });
      const waiting = await fresh();
      expect(
        await moderate(as('analyst'), { itemId: waiting, expectedVersion: 1, action: 'approve' }),
      ).toEqual({
        ok: false,
        code: 'moderation.notFound',
      });
      expect(await stateOf(db, approved)).toMatchObject({ status: 'approved', version: 1 });
      expect(await stateOf(db, waiting)).toMatchObject({ status: 'new', version: 1 });
      // The policy alone: the analyst's update touches nothing.
      expect(
        await attempt(db, callerFor('analyst'), (tx) =>
          tx.execute(`update public.input_items set status = 'hidden' where id = $1`, [approved]),
        ),
      ).toBe(0);
    });

    test.each<Persona>(['anon', 'outsider'])('%s cannot moderate', async (persona) => {
      const id = await fresh();
      const result = await moderate(as(persona), { itemId: id, expectedVersion: 1, action: 'approve' });
      expect(result.ok).toBe(false);
      expect(['moderation.notAllowed', 'moderation.notFound']).toContain(result.ok ? '' : result.code);
      expect(await stateOf(db, id)).toMatchObject({ status: 'new', version: 1 });
    });
  });
});

describe('moderating many items at once', () => {
  test('approves them all in one go', async () => {
    const items = await Promise.all([fresh('Een'), fresh('Twee'), fresh('Drie')]);
    const result = await moderateMany(
      as('moderator'),
      items.map((id) => ({ id, expectedVersion: 1 })),
      'approve',
    );
    expect(result).toEqual({ ok: true, items: items.map((id) => ({ id, status: 'approved', version: 2 })) });
  });

  test('all or nothing: one conflict leaves every item as it was, and says which one', async () => {
    const items = await Promise.all([fresh('Vier'), fresh('Vijf'), fresh('Zes')]);
    const changed = items[1] ?? '';
    await moderate(as('admin'), { itemId: changed, expectedVersion: 1, action: 'hide' });
    const result = await moderateMany(
      as('moderator'),
      items.map((id) => ({ id, expectedVersion: 1 })),
      'approve',
    );
    expect(result).toEqual({
      ok: false,
      code: 'moderation.bulkFailed',
      failures: [
        {
          id: changed,
          code: 'moderation.conflict',
          current: expect.objectContaining({ status: 'hidden', version: 2, moderatedBy: ids.staff.admin }),
        },
      ],
    });
    expect(await stateOf(db, items[0] ?? '')).toMatchObject({ status: 'new', version: 1 });
    expect(await stateOf(db, items[2] ?? '')).toMatchObject({ status: 'new', version: 1 });
    expect(await stateOf(db, changed)).toMatchObject({ status: 'hidden', version: 2 });
  });

  test('two bulk actions over the same items in opposite order: one wins whole, the other changes nothing', async () => {
    const items = await Promise.all([fresh('Acht'), fresh('Negen'), fresh('Tien'), fresh('Elf')]);
    const targets = items.map((id) => ({ id, expectedVersion: 1 }));
    const [a, b] = await Promise.all([
      moderateMany(as('moderator'), targets, 'approve'),
      moderateMany(as('admin'), [...targets].reverse(), 'hide'),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    const lost = a.ok ? b : a;
    expect(lost).toMatchObject({ ok: false, code: 'moderation.bulkFailed' });
    if (!lost.ok && lost.code === 'moderation.bulkFailed')
      expect(lost.failures.map((f) => f.code)).toEqual(items.map(() => 'moderation.conflict'));
    const status = a.ok ? 'approved' : 'hidden';
    for (const id of items) expect(await stateOf(db, id)).toMatchObject({ status, version: 2 });
  });

  test('reports every failing item: conflicts, open personal data, unknown items', async () => {
    const ok = await fresh('Zeven');
    const pii = await addItem(db, scene, {
      body: 'Mail jan@example.nl',
      piiSpans: [{ type: 'EMAIL', start: 5, end: 19 }],
    });
    const unknown = '70000000-0000-4000-8000-0000000000fe';
    const result = await moderateMany(
      as('moderator'),
      [
        { id: ok, expectedVersion: 1 },
        { id: pii, expectedVersion: 1 },
        { id: unknown, expectedVersion: 1 },
      ],
      'approve',
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'moderation.bulkFailed',
      failures: [
        { id: pii, code: 'moderation.piiOpen' },
        { id: unknown, code: 'moderation.notFound' },
      ],
    });
    expect(await stateOf(db, ok)).toMatchObject({ status: 'new', version: 1 });
  });

  test('bulk reject needs a reason; bulk input is checked', async () => {
    const id = await fresh();
    expect(await moderateMany(as('moderator'), [{ id, expectedVersion: 1 }], 'reject')).toEqual({
      ok: false,
      code: 'moderation.reasonRequired',
    });
    expect(
      await moderateMany(
        as('moderator'),
        [
          { id, expectedVersion: 1 },
          { id, expectedVersion: 1 },
        ],
        'approve',
      ),
    ).toMatchObject({ ok: false, code: 'moderation.invalid' });
    expect(await moderateMany(as('moderator'), [], 'approve')).toMatchObject({
      ok: false,
      code: 'moderation.invalid',
    });
    expect(await moderateMany(as('moderator'), [{ id, expectedVersion: 1 }], 'reject', 'spam')).toMatchObject(
      {
        ok: true,
      },
    );
  });

  test('a facilitator cannot bulk-moderate the notes of their own stop', async () => {
    const id = await addItem(db, scene, { body: 'Nog een notitie.', channel: 'roadtour' });
    expect(await moderateMany(as('facilitator'), [{ id, expectedVersion: 1 }], 'approve')).toMatchObject({
      ok: false,
      code: 'moderation.bulkFailed',
      failures: [{ id, code: 'moderation.notAllowed' }],
    });
    expect(await stateOf(db, id)).toMatchObject({ status: 'new', version: 1 });
  });
});
