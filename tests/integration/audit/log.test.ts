import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listActors, listAuditLog } from '../../../src/lib/audit/log.server';
import { forCaller } from '../../../src/lib/db/types';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';

let db: TestDatabase;
const as = (persona: Persona) => forCaller(db, callerFor(persona));

/** Renames the draft theme as the analyst: one audit entry per rename. */
async function rename(label: string): Promise<void> {
  await as('analyst').run(
    (tx) => tx.sql`update public.themes set label = ${label} where id = ${ids.draftTheme}`,
  );
}

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  for (let n = 1; n <= 7; n += 1) await rename(`Naam ${n}`);
  await as('moderator').run(
    (tx) =>
      tx.sql`update public.input_items set status = 'rejected', reject_reason = 'off_topic' where id = ${ids.newItem}`,
  );
});
afterAll(() => db?.dispose());

describe('the audit log screen', () => {
  test('an admin reads who changed what, newest first, with the changed fields', async () => {
    const page = await listAuditLog(as('admin'), {});
    if (!page.ok) throw new Error(page.code);
    const [latest] = page.entries;
    expect(latest).toMatchObject({
      action: 'input_items.update',
      entity: 'input_items',
      entityId: ids.newItem,
      actorId: ids.staff.moderator,
      actorEmail: 'moderator@doemee.test',
      actorRole: 'moderator',
      before: { status: 'new' },
      after: { status: 'rejected', reject_reason: 'off_topic' },
    });
    // No input text ever reaches the log.
    expect(JSON.stringify(page.entries)).not.toContain('"body"');
    const times = page.entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  test('filters by kind, person, item and day', async () => {
    const themes = await listAuditLog(as('admin'), { entity: 'themes', entityId: ids.draftTheme });
    if (!themes.ok) throw new Error(themes.code);
    expect(themes.entries.filter((e) => e.action === 'themes.update')).toHaveLength(7);
    expect(themes.entries.every((e) => e.entity === 'themes')).toBe(true);

    const byModerator = await listAuditLog(as('admin'), { actorId: ids.staff.moderator });
    if (!byModerator.ok) throw new Error(byModerator.code);
    expect(byModerator.entries.map((e) => e.entityId)).toEqual([ids.newItem]);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const todays = await listAuditLog(as('admin'), { from: today, to: today });
    if (!todays.ok) throw new Error(todays.code);
    expect(todays.entries.length).toBeGreaterThanOrEqual(8);
    const before = await listAuditLog(as('admin'), { to: '2000-01-01' });
    expect(before).toEqual({ ok: true, entries: [], nextCursor: null, names: new Map() });
  });

  test('keyset pages cover every entry exactly once', async () => {
    const all = await listAuditLog(as('admin'), { entity: 'themes' }, { size: 200 });
    if (!all.ok) throw new Error(all.code);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditLog(
        as('admin'),
        { entity: 'themes' },
        { size: 3, ...(cursor ? { cursor } : {}) },
      );
      if (!page.ok) throw new Error(page.code);
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.entries.map((e) => e.id));
  });

  test('only admins may read it', async () => {
    for (const persona of ['anon', 'outsider', 'facilitator', 'moderator', 'analyst'] as const)
      expect(await listAuditLog(as(persona), {})).toEqual({ ok: false, code: 'audit.notAllowed' });
  });

  test('bad filters and tampered cursors are refused with a code', async () => {
    expect(await listAuditLog(as('admin'), { from: '24-11-2026' })).toEqual({
      ok: false,
      code: 'audit.invalidFilter',
    });
    expect(await listAuditLog(as('admin'), { actorId: "x' or 1=1 --" })).toEqual({
      ok: false,
      code: 'audit.invalidFilter',
    });
    for (const cursor of [
      'nope!',
      Buffer.from('["x",1]').toString('base64url'),
      Buffer.from('[1,2,3]').toString('base64url'),
    ])
      expect(await listAuditLog(as('admin'), {}, { cursor })).toEqual({
        ok: false,
        code: 'audit.invalidCursor',
      });
  });

  test('lists staff for the "who" filter', async () => {
    const actors = await listActors(as('admin'));
    expect(actors.map((a) => a.email)).toContain('moderator@doemee.test');
  });
});
