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

  test('an unknown consultation has no results', async () => {
    expect(await readResults(forCaller(db, callerFor('anon')), 'bestaat-niet')).toBeNull();
  });
});
