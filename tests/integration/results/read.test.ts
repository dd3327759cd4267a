import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { readResults } from '../../../src/lib/results/read.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

describe('public results', () => {
  test('show only published themes, with approved input as quotes', async () => {
    const results = await readResults(forCaller(db, callerFor('anon')), 'open');
    expect(results?.themes.map((t) => t.id)).toEqual([ids.publishedTheme]);
    expect(results?.themes[0]).toMatchObject({
      mentions: 1,
      byAudience: { inwoner: 1 },
      quotes: [{ body: 'De buren helpen mee.', audience: 'inwoner', channel: 'online' }],
    });
  });

  test('an input item that is no longer approved disappears from the page', async () => {
    await db.asOwner(
      (tx) => tx.sql`update public.input_items set status = 'hidden' where id = ${ids.publicItem}`,
    );
    try {
      const results = await readResults(forCaller(db, callerFor('anon')), 'open');
      expect(results?.themes[0]).toMatchObject({ mentions: 0, quotes: [] });
    } finally {
      await db.asOwner(
        (tx) => tx.sql`update public.input_items set status = 'approved' where id = ${ids.publicItem}`,
      );
    }
  });

  test('name the frozen version the published themes come from, only while it still matches', async () => {
    const anon = forCaller(db, callerFor('anon'));
    // The fixture's snapshot holds no themes: nothing to cite.
    expect((await readResults(anon, 'open'))?.version).toBeNull();
    const snapshot = '90000000-0000-4000-8000-0000000000aa';
    await db.asOwner(
      (
        tx,
      ) => tx.sql`insert into public.theme_snapshots (id, consultation_id, label, themes, assignments, created_at)
        select ${snapshot}, consultation_id, 'Versie voor concept-beleidskader',
               jsonb_build_array(jsonb_build_object('id', id, 'label', label, 'description_md', description_md)),
               '[]'::jsonb, now() + interval '1 minute'
        from public.themes where id = ${ids.publishedTheme}`,
    );
    try {
      expect((await readResults(anon, 'open'))?.version).toMatchObject({
        label: 'Versie voor concept-beleidskader',
      });
      // Renamed after freezing: the page no longer claims to show that version.
      await db.asOwner(
        (tx) =>
          tx.sql`update public.themes set label = label || ' (herzien)' where id = ${ids.publishedTheme}`,
      );
      expect((await readResults(anon, 'open'))?.version).toBeNull();
    } finally {
      await db.asOwner(async (tx) => {
        await tx.sql`update public.themes set label = replace(label, ' (herzien)', '') where id = ${ids.publishedTheme}`;
        await tx.sql`delete from public.theme_snapshots where id = ${snapshot}`;
      });
    }
  });

  test('an unknown consultation has no results', async () => {
    expect(await readResults(forCaller(db, callerFor('anon')), 'bestaat-niet')).toBeNull();
  });
});
