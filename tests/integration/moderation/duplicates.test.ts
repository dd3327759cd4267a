import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { groupDuplicates, jaccard, normaliseText, trigrams } from '../../../src/lib/moderation/duplicates';
import { findDuplicateGroups } from '../../../src/lib/moderation/duplicates.server';
import { moderateMany } from '../../../src/lib/moderation/moderate.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, type Persona } from '../../support/world';
import { addItem, createScene, type Scene } from './support';

let db: TestDatabase;
let scene: Scene;
let other: Scene;
const as = (persona: Persona) => forCaller(db, callerFor(persona));
const item: Record<string, string> = {};

const long =
  'De gemeente moet de eigen bijdrage voor huishoudelijke hulp verlagen voor ouderen met een klein pensioen';

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  scene = await createScene(db);
  other = await createScene(db);
  // Explicit, increasing times: quick transactions can share a clock tick on PGlite, and the
  // expected order within a group follows created_at.
  const start = Date.now() - 3_600_000;
  let tick = 0;
  const add = async (key: string, body: string, extra: Partial<Parameters<typeof addItem>[2]> = {}) => {
    const createdAt = new Date(start + tick++ * 1000).toISOString();
    item[key] = await addItem(db, scene, { body, createdAt, ...extra });
  };
  await add('same1', 'Meer hulp bij het schoonmaken!');
  await add('same2', 'meer hulp bij het schoonmaken');
  await add('same3', '  Meer   hulp, bij het SCHOONMAKEN. ');
  await add('near1', long);
  await add('near2', long.replace('verlagen', 'verlagn'));
  await add('unrelated', 'Ik wil graag zelf blijven koken.');
  await add('almost', 'Meer hulp bij het boodschappen doen!');
  await add('approved', 'Meer hulp bij het schoonmaken', { status: 'approved' });
  await addItem(db, other, { body: 'Meer hulp bij het schoonmaken' });
});
afterAll(() => db?.dispose());

describe('normalising and similarity', () => {
  test('lower case, punctuation and whitespace collapsed, letters with accents kept', () => {
    expect(normaliseText('  Café—"Meer"   hulp!!\n\tnú.  ')).toBe('café meer hulp nú');
  });

  test('one typo in a long sentence stays above 0.9, a different sentence does not', () => {
    const a = trigrams(normaliseText(long));
    expect(jaccard(a, trigrams(normaliseText(long.replace('verlagen', 'verlagn'))))).toBeGreaterThanOrEqual(
      0.9,
    );
    expect(jaccard(a, trigrams(normaliseText('Ik wil graag zelf blijven koken.')))).toBeLessThan(0.2);
  });

  test('pure grouping: identical texts, near texts, singles left out', () => {
    expect(
      groupDuplicates([
        { id: 'a', body: 'Ja!' },
        { id: 'b', body: 'ja' },
        { id: 'c', body: 'Nee' },
        { id: 'd', body: '...' },
        { id: 'e', body: '!!!' },
      ]),
    ).toEqual([{ itemIds: ['a', 'b'], identical: true, similarity: 1 }]);
  });
});

describe('finding duplicate groups in a consultation', () => {
  test('groups new items that say the same, leaves the rest out', async () => {
    const result = await findDuplicateGroups(as('moderator'), scene.consultation);
    expect(result).toMatchObject({ ok: true, compared: 7, truncated: false });
    if (!result.ok) return;
    expect(result.groups.map(({ itemIds, identical }) => ({ itemIds, identical }))).toEqual([
      { itemIds: [item.same1, item.same2, item.same3], identical: true },
      { itemIds: [item.near1, item.near2], identical: false },
    ]);
    expect(result.groups[0]?.preview).toBe('Meer hulp bij het schoonmaken!');
    expect(result.groups[1]?.similarity).toBeGreaterThanOrEqual(0.9);
    expect(result.groups[1]?.similarity).toBeLessThan(1);
  });

  test('a group can be handled at once with the versions it gives', async () => {
    const result = await findDuplicateGroups(as('moderator'), scene.consultation);
    if (!result.ok) throw new Error(result.code);
    const group = result.groups[0];
    if (!group) throw new Error('no group');
    const [keep, ...rest] = group.itemIds;
    const rejected = await moderateMany(
      as('moderator'),
      rest.map((id) => ({ id, expectedVersion: group.versions[id] ?? 0 })),
      'reject',
      'duplicate',
    );
    expect(rejected).toMatchObject({ ok: true });
    const after = await findDuplicateGroups(as('moderator'), scene.consultation);
    expect(after.ok && after.groups.some((g) => g.itemIds.includes(keep ?? ''))).toBe(false);
  });

  test('runs as the caller: an analyst sees no new items, so no groups', async () => {
    expect(await findDuplicateGroups(as('analyst'), scene.consultation)).toMatchObject({
      ok: true,
      groups: [],
      compared: 0,
    });
  });

  test('a malformed consultation id is an error code', async () => {
    expect(await findDuplicateGroups(as('moderator'), 'abc')).toEqual({
      ok: false,
      code: 'duplicates.invalid',
    });
  });
});
