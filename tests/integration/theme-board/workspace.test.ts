import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { performBoardAction } from '../../../src/lib/theme-board/actions.server';
import { readReview } from '../../../src/lib/theme-board/review.server';
import { clearScorers } from '../../../src/lib/theme-board/scoring.server';
import { readThemeItems, searchItems, similarItems } from '../../../src/lib/theme-board/search.server';
import { listSuggestions } from '../../../src/lib/theme-board/suggestions.server';
import { readWorkspace, undoableMerges } from '../../../src/lib/theme-board/workspace.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, type Persona } from '../../support/world';
import { answers, type BoardScene, createBoardScene } from './support';

type Subject = keyof typeof answers;

let db: TestDatabase;
let scene: BoardScene;
/** One theme per subject, plus "leeg" (no items). */
let themes: Record<Subject | 'leeg', string>;
const slug = 'krachtig-oud-worden';
const as = (persona: Persona = 'analyst') => forCaller(db, callerFor(persona));
const act = (action: Parameters<typeof performBoardAction>[2], persona: Persona = 'analyst') =>
  performBoardAction(as(persona), scene.consultation, action);

const labels: Record<Subject | 'leeg', string> = {
  kosten: 'Kosten en eigen bijdrage',
  vast: 'Een vaste hulp',
  eenzaam: 'Eenzaamheid en contact',
  hulpmiddelen: 'Hulpmiddelen',
  leeg: 'Nog leeg',
};

interface Row {
  theme_id: string;
  input_item_id: string;
  source: string;
  is_primary: boolean;
  score: number;
}

async function rows(themeIds?: string[]): Promise<Row[]> {
  const all = await db.asOwner(
    (tx) => tx.sql<Row>`
      select theme_id, input_item_id, source::text as source, is_primary, score::float8 as score
      from public.theme_assignments where consultation_id = ${scene.consultation}
      order by theme_id, input_item_id`,
  );
  return themeIds ? all.filter((r) => themeIds.includes(r.theme_id)) : all;
}

async function primaryOf(itemId: string): Promise<{ theme_id: string; source: string } | undefined> {
  const [row] = await db.asOwner(
    (tx) => tx.sql<{ theme_id: string; source: string }>`
      select theme_id, source::text as source from public.theme_assignments where input_item_id = ${itemId} and is_primary`,
  );
  return row;
}

async function version(themeId: string): Promise<number> {
  const [row] = await db.asOwner(
    (tx) => tx.sql<{ version: number }>`select version from public.themes where id = ${themeId}`,
  );
  return row?.version ?? 0;
}

/**
 * Themes by hand (a run's result, without running the engine): every item automatic in its own
 * subject's theme, except two that the engine "got wrong", and one secondary mention.
 */
async function seedThemes(): Promise<void> {
  await db.asOwner(async (tx) => {
    await tx.sql`delete from public.theme_suggestions where consultation_id = ${scene.consultation}`;
    await tx.sql`delete from public.theme_merges where consultation_id = ${scene.consultation}`;
    await tx.sql`delete from public.theme_assignments where consultation_id = ${scene.consultation}`;
    await tx.sql`delete from public.themes where consultation_id = ${scene.consultation}`;
    let position = 0;
    for (const key of Object.keys(labels) as (Subject | 'leeg')[]) {
      const [row] = await tx.sql<{ id: string }>`
        insert into public.themes (consultation_id, label, origin, status, position)
        values (${scene.consultation}, ${labels[key]}, 'discovered', 'candidate', ${position++}) returning id`;
      themes[key] = row?.id ?? '';
    }
    for (const subject of Object.keys(answers) as Subject[])
      for (const [i, itemId] of scene.items[subject].entries()) {
        // The first cost item sits in "Een vaste hulp", the last loneliness item has no theme.
        const theme = subject === 'kosten' && i === 0 ? themes.vast : themes[subject];
        if (subject === 'eenzaam' && i === 7) continue;
        await tx.sql`
          insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
          values (${theme}, ${itemId}, ${scene.consultation}, 'auto', true, ${0.3 + i * 0.05})`;
      }
    await tx.sql`
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      values (${themes.eenzaam}, ${scene.items.vast[0]}, ${scene.consultation}, 'auto', false, 0.4)`;
  });
}

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  scene = await createBoardScene(db);
  themes = { kosten: '', vast: '', eenzaam: '', hulpmiddelen: '', leeg: '' };
});
beforeEach(async () => {
  clearScorers();
  await seedThemes();
});
afterAll(() => db?.dispose());

describe('review queue', () => {
  test('lists the unconfirmed items, most doubtful first, each with its two best themes', async () => {
    const result = await readReview(as(), scene.consultation, { limit: 100 });
    if (!result.ok) throw new Error(result.code);
    const { review } = result;
    expect(review.progress).toEqual({ confirmed: 0, total: 32 });
    expect(review.remaining).toBe(32);
    const scores = review.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    // The misplaced cost item is in the more doubtful half.
    const rank = review.items.findIndex((i) => i.id === scene.items.kosten[0]);
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(16);
    const loose = review.items.find((i) => i.id === scene.items.eenzaam[7]);
    expect(loose?.themeId).toBeNull();
    expect(loose?.best?.themeId).toBe(themes.eenzaam);
    for (const item of review.items) {
      expect(item.best === null || Object.values(themes).includes(item.best.themeId)).toBe(true);
      if (item.runnerUp) expect(item.runnerUp.themeId).not.toBe(item.best?.themeId);
    }
    // The misplaced cost item: the scorer's best theme is costs, not where it is now.
    const misplaced = review.items.find((i) => i.id === scene.items.kosten[0]);
    expect(misplaced?.themeId).toBe(themes.vast);
    expect(misplaced?.best?.themeId).toBe(themes.kosten);
  });

  test('confirming makes the placement manual, counts it and re-scores the rest into the database', async () => {
    const before = await rows();
    const item = scene.items.vast[2] as string;
    expect((await act({ action: 'confirm', itemId: item, themeId: themes.vast })).ok).toBe(true);
    expect(await primaryOf(item)).toEqual({ theme_id: themes.vast, source: 'manual' });
    const result = await readReview(as(), scene.consultation, { write: true });
    if (!result.ok) throw new Error(result.code);
    expect(result.review.progress).toEqual({ confirmed: 1, total: 32 });
    expect(result.review.remaining).toBe(31);
    expect(result.review.items.map((i) => i.id)).not.toContain(item);
    expect(result.review.timing.scoreMs).toBeLessThan(1000);
    // Scores of automatic rows now hold the scorer's confidence in their current place.
    const after = await rows();
    const changed = after.filter((r) => {
      const old = before.find((b) => b.theme_id === r.theme_id && b.input_item_id === r.input_item_id);
      return r.source === 'auto' && r.is_primary && old && Math.abs(old.score - r.score) > 0.001;
    });
    expect(changed.length).toBeGreaterThan(10);
    const misplaced = after.find((r) => r.input_item_id === scene.items.kosten[0] && r.is_primary);
    const rightly = after.find((r) => r.input_item_id === scene.items.kosten[3] && r.is_primary);
    expect(misplaced?.score).toBeLessThan(rightly?.score ?? 0);
  });

  test('moving an item teaches its new theme: similar unconfirmed items score higher there', async () => {
    const probe = scene.items.hulpmiddelen[6] as string; // "De robotstofzuiger van mijn buurvrouw werkt prima."
    const scoreOf = async () => {
      const r = await readReview(as(), scene.consultation, { limit: 100 });
      if (!r.ok) throw new Error(r.code);
      const item = r.review.items.find((i) => i.id === probe);
      return item?.best?.themeId === themes.leeg ? item.best.score : (item?.runnerUp?.score ?? 0);
    };
    const before = await scoreOf();
    const moved = await act({
      action: 'moveMany',
      items: [
        { itemId: scene.items.hulpmiddelen[0] as string, fromThemeId: themes.hulpmiddelen },
        { itemId: scene.items.hulpmiddelen[1] as string, fromThemeId: themes.hulpmiddelen },
      ],
      toThemeId: themes.leeg,
    });
    expect(moved.ok).toBe(true);
    expect(await scoreOf()).toBeGreaterThan(before);
  });

  test('a stale confirmation is refused and changes nothing', async () => {
    const item = scene.items.kosten[1] as string;
    expect(
      (await act({ action: 'move', itemId: item, fromThemeId: themes.kosten, toThemeId: themes.vast })).ok,
    ).toBe(true);
    const before = await rows();
    expect(await act({ action: 'confirm', itemId: item, themeId: themes.kosten })).toEqual({
      ok: false,
      code: 'board.conflict',
    });
    expect(await rows()).toEqual(before);
  });

  test('moderators get no queue', async () => {
    expect(await readReview(as('moderator'), scene.consultation)).toEqual({
      ok: false,
      code: 'board.notAllowed',
    });
  });
});

describe('search to theme', () => {
  test.each([
    ['eigen bijdrage', 'kosten'],
    ['"vaste hulp"', 'vast'],
    ['robotstofzuiger or eenzaam', 'hulpmiddelen'],
  ] as const)('%s finds the %s answers (stemmed, phrase, or)', async (query, subject) => {
    const result = await searchItems(as(), scene.consultation, query);
    if (!result.ok) throw new Error(result.code);
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.total).toBe(result.items.length);
    expect(result.items.some((i) => (scene.items[subject] as string[]).includes(i.id))).toBe(true);
  });

  test('"or" finds both sides', async () => {
    const result = await searchItems(as(), scene.consultation, 'robotstofzuiger or eenzaam');
    if (!result.ok) throw new Error(result.code);
    const ids = result.items.map((i) => i.id);
    expect(ids.some((id) => scene.items.hulpmiddelen.includes(id))).toBe(true);
    expect(ids.some((id) => scene.items.eenzaam.includes(id))).toBe(true);
  });

  test.each(['de het een', '!!! &&& (( ))', "'''", '   ', ':*', '-', 'or', '"'])(
    'a search of only stopwords or special characters (%j) is empty, not an error',
    async (query) => {
      expect(await searchItems(as(), scene.consultation, query)).toEqual({ ok: true, items: [], total: 0 });
    },
  );

  test('makes an accepted theme of the selected results; a stale selection creates nothing', async () => {
    const found = await searchItems(as(), scene.consultation, 'robotstofzuiger');
    if (!found.ok) throw new Error(found.code);
    const selection = found.items.map((i) => ({ itemId: i.id, fromThemeId: i.themeId }));
    expect(selection.length).toBe(2);
    const made = await act({ action: 'createTheme', label: 'Robotstofzuigers', items: selection });
    if (!made.ok) throw new Error(made.code);
    const id = (made as unknown as { themeId: string }).themeId;
    const items = await readThemeItems(as(), scene.consultation, id);
    expect(items.ok && items.items.map((i) => [i.id, i.manual]).sort()).toEqual(
      selection.map((s) => [s.itemId, true]).sort(),
    );
    const [theme] = await db.asOwner(
      (tx) =>
        tx.sql<{
          status: string;
          origin: string;
        }>`select status::text as status, origin::text as origin from public.themes where id = ${id}`,
    );
    expect(theme).toEqual({ status: 'active', origin: 'manual' });

    // The same selection again: the items are no longer where the analyst saw them.
    const count = async () =>
      (await db.asOwner((tx) => tx.sql<{ n: number }>`select count(*)::int as n from public.themes`))[0]?.n;
    const themesBefore = await count();
    expect(await act({ action: 'createTheme', label: 'Nog eens', items: selection })).toEqual({
      ok: false,
      code: 'board.conflict',
    });
    expect(await count()).toBe(themesBefore);
  });

  test('"Lijkt hierop" finds items like a theme that are not in it yet, and like one item', async () => {
    const like = await similarItems(as(), scene.consultation, { themeId: themes.kosten });
    if (!like.ok) throw new Error(like.code);
    expect(like.items.every((i) => i.themeId !== themes.kosten)).toBe(true);
    expect(like.items.slice(0, 3).map((i) => i.id)).toContain(scene.items.kosten[0]);
    const sims = like.items.map((i) => i.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));

    const item = await similarItems(as(), scene.consultation, {
      itemId: scene.items.hulpmiddelen[0] as string,
    });
    if (!item.ok) throw new Error(item.code);
    expect(item.items.every((i) => i.themeId !== themes.hulpmiddelen)).toBe(true);
    expect(await similarItems(as(), scene.consultation, { themeId: randomUUID() })).toEqual({
      ok: false,
      code: 'board.notFound',
    });
  });
});

describe('moves and merges', () => {
  test('moving selected items to a dismissed or locked theme is refused and changes nothing', async () => {
    expect(
      (await act({ action: 'dismiss', themeId: themes.leeg, expectedVersion: await version(themes.leeg) }))
        .ok,
    ).toBe(true);
    const before = await rows();
    const items = [{ itemId: scene.items.kosten[1] as string, fromThemeId: themes.kosten }];
    expect(await act({ action: 'moveMany', items, toThemeId: themes.leeg })).toEqual({
      ok: false,
      code: 'board.notActive',
    });
    expect(
      (
        await act({
          action: 'lock',
          themeId: themes.hulpmiddelen,
          expectedVersion: await version(themes.hulpmiddelen),
          locked: true,
        })
      ).ok,
    ).toBe(true);
    const locked = await rows();
    expect(await act({ action: 'moveMany', items, toThemeId: themes.hulpmiddelen })).toEqual({
      ok: false,
      code: 'board.locked',
    });
    expect(await rows()).toEqual(locked);
    expect(before.length).toBe(locked.length);
    expect(await act({ action: 'moveMany', items, toThemeId: randomUUID() })).toEqual({
      ok: false,
      code: 'board.notFound',
    });
  });

  test('"Accepteren" makes a candidate an accepted theme', async () => {
    expect(
      await act({ action: 'accept', themeId: themes.vast, expectedVersion: await version(themes.vast) }),
    ).toMatchObject({ ok: true });
    const b = await readWorkspace(as(), slug);
    expect(b?.themes.find((t) => t.id === themes.vast)?.status).toBe('active');
    expect(await act({ action: 'accept', themeId: themes.vast, expectedVersion: 1 })).toEqual({
      ok: false,
      code: 'board.conflict',
    });
  });

  test('a merge is undone exactly: both themes and every assignment as before', async () => {
    // The analyst's work in both themes first: a confirmation and a published mark.
    await act({ action: 'confirm', itemId: scene.items.eenzaam[0] as string, themeId: themes.eenzaam });
    await act({
      action: 'publish',
      themeId: themes.vast,
      expectedVersion: await version(themes.vast),
      published: true,
    });
    const before = await rows([themes.vast, themes.eenzaam]);
    const themeState = () =>
      db.asOwner(
        (tx) => tx.sql`
          select id, label, status::text as status, merged_into, published_at, locked from public.themes
          where id in (${themes.vast}, ${themes.eenzaam}) order by id`,
      );
    const stateBefore = await themeState();

    const merged = await act({
      action: 'merge',
      sourceId: themes.vast,
      sourceVersion: await version(themes.vast),
      targetId: themes.eenzaam,
      targetVersion: await version(themes.eenzaam),
    });
    if (!merged.ok) throw new Error(merged.code);
    // The item in both (primary in one, secondary in the other) has one row now.
    expect((await rows([themes.vast])).length).toBe(0);
    const merges = await undoableMerges(as(), scene.consultation);
    expect(merges).toMatchObject([{ sourceLabel: labels.vast, targetLabel: labels.eenzaam }]);

    const undone = await act({ action: 'undoMerge', mergeId: merges[0]?.id ?? '' });
    expect(undone.ok).toBe(true);
    expect(await rows([themes.vast, themes.eenzaam])).toEqual(before);
    expect(await themeState()).toEqual(stateBefore);
    expect(await undoableMerges(as(), scene.consultation)).toEqual([]);
    expect(await act({ action: 'undoMerge', mergeId: merges[0]?.id ?? '' })).toEqual({
      ok: false,
      code: 'board.undone',
    });
  });

  test('a merge cannot be undone after its theme changed; nothing changes', async () => {
    const merged = await act({
      action: 'merge',
      sourceId: themes.hulpmiddelen,
      sourceVersion: await version(themes.hulpmiddelen),
      targetId: themes.kosten,
      targetVersion: await version(themes.kosten),
    });
    if (!merged.ok) throw new Error(merged.code);
    const mergeId = (merged as unknown as { mergeId: string }).mergeId;
    expect(
      (
        await act({
          action: 'move',
          itemId: scene.items.vast[0] as string,
          fromThemeId: themes.vast,
          toThemeId: themes.kosten,
        })
      ).ok,
    ).toBe(true);
    const before = await rows();
    expect(await act({ action: 'undoMerge', mergeId })).toEqual({ ok: false, code: 'board.undoStale' });
    expect(await rows()).toEqual(before);
  });
});

describe('suggestions', () => {
  async function suggest(kind: 'move' | 'merge', from: string, to: string, itemId: string | null = null) {
    const [row] = await db.asOwner(
      (tx) => tx.sql<{ id: string }>`
        insert into public.theme_suggestions (consultation_id, kind, input_item_id, from_theme_id, to_theme_id, score)
        values (${scene.consultation}, ${kind}, ${itemId}, ${from}, ${to}, 0.8) returning id`,
    );
    return row?.id ?? '';
  }

  test('accepting a move places the item; rejecting keeps everything; both are recorded', async () => {
    const item = scene.items.kosten[0] as string;
    const move = await suggest('move', themes.vast, themes.kosten, item);
    const other = await suggest('move', themes.kosten, themes.vast, scene.items.kosten[1] as string);
    const listed = await listSuggestions(as(), scene.consultation);
    if (!listed.ok) throw new Error(listed.code);
    expect(listed.suggestions).toHaveLength(2);
    expect(listed.suggestions.every((s) => s.applies)).toBe(true);
    expect(listed.suggestions.find((s) => s.id === move)).toMatchObject({
      kind: 'move',
      fromLabel: labels.vast,
      toLabel: labels.kosten,
      body: answers.kosten[0],
    });

    expect((await act({ action: 'suggestion', suggestionId: move, accept: true })).ok).toBe(true);
    expect(await primaryOf(item)).toEqual({ theme_id: themes.kosten, source: 'manual' });
    const before = await rows();
    expect((await act({ action: 'suggestion', suggestionId: other, accept: false })).ok).toBe(true);
    expect(await rows()).toEqual(before);
    const open = await listSuggestions(as(), scene.consultation);
    expect(open.ok && open.suggestions).toEqual([]);
    expect(await act({ action: 'suggestion', suggestionId: move, accept: true })).toEqual({
      ok: false,
      code: 'board.suggestionStale',
    });
  });

  test('a suggestion that no longer applies is refused with a clear code and changes nothing', async () => {
    const item = scene.items.vast[3] as string;
    const move = await suggest('move', themes.vast, themes.eenzaam, item);
    const merge = await suggest('merge', themes.leeg, themes.eenzaam);
    // The analyst moved the item meanwhile, and put the empty theme aside.
    await act({ action: 'move', itemId: item, fromThemeId: themes.vast, toThemeId: themes.hulpmiddelen });
    await act({ action: 'dismiss', themeId: themes.leeg, expectedVersion: await version(themes.leeg) });
    const listed = await listSuggestions(as(), scene.consultation);
    expect(listed.ok && listed.suggestions.map((s) => s.applies)).toEqual([false, false]);
    const before = await rows();
    for (const id of [move, merge])
      expect(await act({ action: 'suggestion', suggestionId: id, accept: true })).toEqual({
        ok: false,
        code: 'board.suggestionStale',
      });
    expect(await rows()).toEqual(before);
  });

  test('accepting a merge suggestion merges, and the merge can be undone', async () => {
    const merge = await suggest('merge', themes.vast, themes.kosten);
    const done = await act({ action: 'suggestion', suggestionId: merge, accept: true });
    expect(done).toMatchObject({ ok: true, mergeId: expect.any(String) });
    const undo = await act({
      action: 'undoMerge',
      mergeId: (done as unknown as { mergeId: string }).mergeId,
    });
    expect(undo.ok).toBe(true);
  });
});

describe('workspace', () => {
  test('shows counts (primary and secondary, apart), estimated coherence and progress', async () => {
    const b = await readWorkspace(as(), slug);
    if (!b) throw new Error('no board');
    const lonely = b.themes.find((t) => t.id === themes.eenzaam);
    expect(lonely).toMatchObject({ size: 7, secondary: 1, coherenceEstimated: true });
    const vast = b.themes.find((t) => t.id === themes.vast);
    expect(vast?.size).toBe(9);
    for (const t of b.themes.filter((x) => x.size > 0)) {
      expect(t.coherence).toBeGreaterThanOrEqual(0);
      expect(t.coherence).toBeLessThanOrEqual(1);
    }
    expect(vast?.coherence).toBeLessThan(1);
    expect(b.progress).toEqual({ confirmed: 0, total: 32 });
    expect(b.unassigned.count).toBe(1);
    // The engine's own figure, once stored, wins over the estimate.
    await db.asOwner((tx) => tx.sql`update public.themes set coherence = 0.42 where id = ${themes.kosten}`);
    const again = await readWorkspace(as(), slug);
    expect(again?.themes.find((t) => t.id === themes.kosten)).toMatchObject({
      coherence: expect.closeTo(0.42, 5),
    });
    expect(again?.themes.find((t) => t.id === themes.kosten)?.coherenceEstimated).toBeUndefined();
  });
});
