import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { readPublishedResults as readResults } from '../../../src/lib/results/read.server';
import { performBoardAction } from '../../../src/lib/theme-board/actions.server';
import { type Board, readBoard } from '../../../src/lib/theme-board/board.server';
import { listSnapshots } from '../../../src/lib/theme-board/edit.server';
import { readJob, runJob, startJob } from '../../../src/lib/theme-board/jobs.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, type Persona } from '../../support/world';
import { addApproved, type BoardScene, createBoardScene } from './support';

let db: TestDatabase;
let scene: BoardScene;
const slug = 'krachtig-oud-worden';
const analyst = () => forCaller(db, callerFor('analyst'));
const act = (action: Parameters<typeof performBoardAction>[2], persona: Persona = 'analyst') =>
  performBoardAction(forCaller(db, callerFor(persona)), scene.consultation, action);

async function board(): Promise<Board> {
  const b = await readBoard(analyst(), slug);
  if (!b) throw new Error('no board');
  return b;
}
const themeOf = (b: Board, itemId: string) => b.themes.find((t) => t.items.some((i) => i.id === itemId));
const byLabel = (b: Board, label: string) => {
  const theme = b.themes.find((t) => t.label === label);
  if (!theme) throw new Error(`no theme ${label}: ${b.themes.map((t) => t.label).join(', ')}`);
  return theme;
};

async function propose(persona: Persona = 'analyst') {
  const started = await startJob(forCaller(db, callerFor(persona)), scene.consultation, {
    kind: 'propose',
    filters: {},
  });
  if (!started.ok) return started;
  const outcome = await runJob(db, callerFor(persona), started.job.id);
  return { ok: true as const, job: started.job, outcome };
}

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  scene = await createBoardScene(db);
});
afterAll(() => db?.dispose());

describe('theme board', () => {
  test('proposing runs the engine in a worker, reports progress and assigns the approved input', async () => {
    const run = await propose();
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.outcome).toMatchObject({ status: 'done', mode: 'worker' });
    const job = await readJob(analyst(), run.job.id);
    expect(job).toMatchObject({ status: 'done', progress: 1, error: null });
    expect(job?.summary).toMatchObject({ items: 32, mode: 'worker' });

    const b = await board();
    expect(b.themes.length).toBeGreaterThanOrEqual(3);
    // Guided by content/: the expected themes arrive with their own labels, as candidates.
    expect(b.themes.map((t) => t.label)).toContain('Kosten en eigen bijdrage');
    expect(b.themes.every((t) => t.status === 'candidate')).toBe(true);
    const placed = b.themes.reduce((n, t) => n + t.size, 0);
    expect(placed + b.unassigned.count).toBe(32);
    expect(placed).toBeGreaterThan(20);
    const costs = byLabel(b, 'Kosten en eigen bijdrage');
    expect(costs.topTerms.length).toBeGreaterThan(0);
    expect(costs.byChannel.online).toBe(costs.size);
    expect(costs.byAudience.inwoner).toBe(costs.size);
  });

  test('a second run while one is queued is refused', async () => {
    const first = await startJob(analyst(), scene.consultation, { kind: 'propose', filters: {} });
    expect(first.ok).toBe(true);
    expect(await startJob(analyst(), scene.consultation, { kind: 'propose', filters: {} })).toEqual({
      ok: false,
      code: 'board.jobRunning',
    });
    if (first.ok) await runJob(db, callerFor('analyst'), first.job.id);
  });

  test("re-running keeps renames, locks, merges and the analyst's moves; new input joins existing themes", async () => {
    let b = await board();
    const costs = byLabel(b, 'Kosten en eigen bijdrage');
    const renamed = await act({
      action: 'edit',
      themeId: costs.id,
      expectedVersion: costs.version,
      label: 'Betaalbare hulp',
      descriptionMd: 'Over **geld**.<script>alert(1)</script>',
      reactionMd: 'We kijken naar de *eigen bijdrage*.',
    });
    expect(renamed.ok).toBe(true);

    b = await board();
    const renamedTheme = byLabel(b, 'Betaalbare hulp');
    expect(renamedTheme.descriptionHtml).toContain('<strong>geld</strong>');
    expect(renamedTheme.descriptionHtml).not.toContain('script');

    // Move an item from another theme into the renamed theme, by hand.
    const moved = b.themes
      .flatMap((t) => t.items.map((i) => ({ item: i.id, theme: t.id })))
      .find((x) => x.theme !== renamedTheme.id);
    if (!moved) throw new Error('nothing to move');
    expect(
      (
        await act({
          action: 'move',
          itemId: moved.item,
          fromThemeId: moved.theme,
          toThemeId: renamedTheme.id,
        })
      ).ok,
    ).toBe(true);

    // Lock another theme: its members are frozen.
    b = await board();
    const others = b.themes.filter((t) => t.id !== renamedTheme.id && t.size > 0);
    const [locked, source, target] = others;
    if (!locked || !source || !target) throw new Error(`too few themes: ${others.length}`);
    expect(
      (await act({ action: 'lock', themeId: locked.id, expectedVersion: locked.version, locked: true })).ok,
    ).toBe(true);
    const lockedMembers = (await board()).themes
      .find((t) => t.id === locked.id)
      ?.items.map((i) => i.id)
      .sort();

    // Merge two others.
    const merged = await act({
      action: 'merge',
      sourceId: source.id,
      sourceVersion: source.version,
      targetId: target.id,
      targetVersion: target.version,
    });
    expect(merged.ok).toBe(true);
    b = await board();
    expect(b.themes.find((t) => t.id === source.id)).toBeUndefined();
    expect(b.themes.find((t) => t.id === target.id)?.size).toBe(source.size + target.size);

    // New input arrives; run again.
    const newItems = [
      await addApproved(db, scene, 'De eigen bijdrage voor de hulp kan ik met mijn AOW niet betalen.'),
      await addApproved(db, scene, 'Ik wil een vaste hulp en niet steeds een ander gezicht.'),
      await addApproved(
        db,
        scene,
        'Een robotstofzuiger proberen lijkt me een goed idee als iemand uitleg geeft.',
      ),
    ];
    const run = await propose();
    expect(run.ok && run.outcome.status).toBe('done');

    b = await board();
    expect(b.themes.find((t) => t.id === renamedTheme.id)?.label).toBe('Betaalbare hulp');
    expect(themeOf(b, moved.item)?.id).toBe(renamedTheme.id);
    expect(
      b.themes.find((t) => t.id === renamedTheme.id)?.items.find((i) => i.id === moved.item)?.manual,
    ).toBe(true);
    const lockedNow = b.themes.find((t) => t.id === locked.id);
    expect(lockedNow?.locked).toBe(true);
    expect(lockedNow?.items.map((i) => i.id).sort()).toEqual(lockedMembers);
    expect(b.themes.find((t) => t.id === source.id)).toBeUndefined();
    const mergedRow = await db.asOwner(
      (tx) =>
        tx.sql<{ status: string; n: number }>`
        select t.status::text as status, (select count(*)::int from public.theme_assignments a where a.theme_id = t.id) as n
        from public.themes t where t.id = ${source.id}`,
    );
    expect(mergedRow).toEqual([{ status: 'merged', n: 0 }]);
    // The new answer on costs joins the (renamed) existing theme, not a new one.
    expect(themeOf(b, newItems[0] as string)?.id).toBe(renamedTheme.id);
    expect(b.themes.filter((t) => t.label === 'Kosten en eigen bijdrage')).toEqual([]);
  });

  test('a stale edit is refused and changes nothing', async () => {
    const b = await board();
    const theme = b.themes[0];
    if (!theme) throw new Error('no theme');
    const first = await act({
      action: 'edit',
      themeId: theme.id,
      expectedVersion: theme.version,
      label: 'Eerste',
      descriptionMd: '',
      reactionMd: '',
    });
    expect(first.ok).toBe(true);
    const second = await act({
      action: 'edit',
      themeId: theme.id,
      expectedVersion: theme.version,
      label: 'Tweede',
      descriptionMd: '',
      reactionMd: '',
    });
    expect(second).toEqual({ ok: false, code: 'board.conflict' });
    expect((await board()).themes.find((t) => t.id === theme.id)?.label).toBe('Eerste');
    // Moving an item that someone else moved meanwhile.
    const item = theme.items[0];
    const other = b.themes.find((t) => t.id !== theme.id && !t.locked);
    if (!item || !other || theme.locked) return;
    expect(
      await act({ action: 'move', itemId: item.id, fromThemeId: other.id, toThemeId: theme.id }),
    ).toEqual({
      ok: false,
      code: 'board.conflict',
    });
  });

  test('locked themes refuse moves and merges; dismissing works for candidates only', async () => {
    const b = await board();
    const locked = b.themes.find((t) => t.locked);
    const open = b.themes.filter((t) => !t.locked && t.size > 0);
    const [a, c] = open;
    if (!locked || !a || !c) throw new Error('scene');
    const item = locked.items[0];
    if (item)
      expect(await act({ action: 'move', itemId: item.id, fromThemeId: locked.id, toThemeId: a.id })).toEqual(
        {
          ok: false,
          code: 'board.locked',
        },
      );
    expect(
      await act({
        action: 'merge',
        sourceId: locked.id,
        sourceVersion: locked.version,
        targetId: a.id,
        targetVersion: a.version,
      }),
    ).toEqual({ ok: false, code: 'board.locked' });

    expect((await act({ action: 'dismiss', themeId: c.id, expectedVersion: c.version })).ok).toBe(true);
    const after = await board();
    expect(after.themes.find((t) => t.id === c.id)).toBeUndefined();
    expect(after.unassigned.count).toBeGreaterThanOrEqual(c.size - c.items.filter((i) => i.manual).length);
    const published = await act({
      action: 'publish',
      themeId: a.id,
      expectedVersion: a.version,
      published: true,
    });
    expect(published.ok).toBe(true);
    const aNow = (await board()).themes.find((t) => t.id === a.id);
    expect(await act({ action: 'dismiss', themeId: a.id, expectedVersion: aNow?.version ?? 0 })).toEqual({
      ok: false,
      code: 'board.notCandidate',
    });
  });

  test('marking a theme for the public page reaches nobody: no page change, no e-mail', async () => {
    const b = await board();
    const theme = b.themes.find((t) => !t.published && t.size > 0);
    if (!theme) throw new Error('scene');
    const marked = await act({
      action: 'publish',
      themeId: theme.id,
      expectedVersion: theme.version,
      published: true,
    });
    expect(marked.ok).toBe(true);
    expect((await board()).themes.find((t) => t.id === theme.id)).toMatchObject({
      published: true,
      status: 'active',
    });
    const results = await readResults(forCaller(db, callerFor('anon')), slug);
    expect(results?.publication).toBeNull();
    expect(results?.page.themes).toEqual([]);
    expect(
      await db.asOwner(
        (tx) => tx.sql`select 1 from public.mail_outbox where consultation_id = ${scene.consultation}`,
      ),
    ).toHaveLength(0);
    const now = (await board()).themes.find((t) => t.id === theme.id);
    expect(
      (
        await act({
          action: 'publish',
          themeId: theme.id,
          expectedVersion: now?.version ?? 0,
          published: false,
        })
      ).ok,
    ).toBe(true);
  });

  test('splitting a theme re-clusters it; the analyst-placed items stay', async () => {
    const b = await board();
    const theme = [...b.themes].filter((t) => !t.locked).sort((x, y) => y.size - x.size)[0];
    if (!theme) throw new Error('scene');
    const manual = theme.items.filter((i) => i.manual).map((i) => i.id);
    const started = await startJob(analyst(), scene.consultation, {
      kind: 'split',
      themeId: theme.id,
      expectedVersion: theme.version,
    });
    if (!started.ok) throw new Error(started.code);
    const outcome = await runJob(db, callerFor('analyst'), started.job.id);
    expect(outcome.status).toBe('done');
    const after = await board();
    const summary = outcome.summary as { parts: number; newThemes: number; moved: number };
    expect(after.themes.length).toBe(b.themes.length + summary.newThemes);
    expect(after.themes.find((t) => t.id === theme.id)?.size).toBe(theme.size - summary.moved);
    for (const id of manual) expect(themeOf(after, id)?.id).toBe(theme.id);
    // A stale split is refused before it runs.
    expect(
      await startJob(analyst(), scene.consultation, {
        kind: 'split',
        themeId: theme.id,
        expectedVersion: theme.version - 1,
      }),
    ).toEqual({ ok: false, code: 'board.conflict' });
  });

  test('a snapshot freezes the themes; work continues on the live ones', async () => {
    const b = await board();
    const result = await act({ action: 'snapshot', label: 'versie voor concept-beleidskader' });
    expect(result.ok).toBe(true);
    const snapshots = await listSnapshots(analyst(), scene.consultation);
    expect(snapshots[0]).toMatchObject({
      label: 'versie voor concept-beleidskader',
      themes: b.themes.length,
    });
    const theme = b.themes[0];
    if (!theme) throw new Error('scene');
    expect(
      (
        await act({
          action: 'edit',
          themeId: theme.id,
          expectedVersion: theme.version,
          label: 'Na de versie',
          descriptionMd: '',
          reactionMd: '',
        })
      ).ok,
    ).toBe(true);
    const [frozen] = await db.asOwner(
      (tx) =>
        tx.sql<{
          themes: { id: string; label: string }[] | string;
        }>`select themes from public.theme_snapshots where label = 'versie voor concept-beleidskader'`,
    );
    const themes = typeof frozen?.themes === 'string' ? JSON.parse(frozen.themes) : frozen?.themes;
    expect(themes.find((t: { id: string }) => t.id === theme.id)?.label).toBe(theme.label);
  });

  test('every theme change is in the audit log', async () => {
    const actions = await db.asOwner(
      (tx) =>
        tx.sql<{ action: string; n: number }>`
        select action, count(*)::int as n from public.audit_log
        where entity in ('themes', 'theme_assignments', 'theme_snapshots', 'theme_jobs', 'consultations')
          and actor_id is not null
        group by action order by action`,
    );
    const seen = Object.fromEntries(actions.map((a) => [a.action, a.n]));
    expect(seen['themes.update']).toBeGreaterThan(3);
    expect(seen['themes.insert']).toBeGreaterThan(0);
    expect(seen['theme_assignments.insert']).toBeGreaterThan(0);
    expect(seen['theme_snapshots.insert']).toBe(1);
    expect(seen['theme_jobs.insert']).toBeGreaterThan(2);
    // Marking themes publishes nothing: the consultation is untouched until a version is published.
    expect(seen['consultations.update']).toBeUndefined();
  });

  test.each(['moderator', 'facilitator', 'anon'] as const)(
    '%s cannot change themes or start runs',
    async (persona) => {
      const b = await board();
      const theme = b.themes.find((t) => !t.locked);
      if (!theme) throw new Error('scene');
      expect(
        await act(
          {
            action: 'edit',
            themeId: theme.id,
            expectedVersion: theme.version,
            label: 'Niet mogen',
            descriptionMd: '',
            reactionMd: '',
          },
          persona,
        ),
      ).toEqual({ ok: false, code: 'board.notAllowed' });
      expect(
        await act(
          { action: 'publish', themeId: theme.id, expectedVersion: theme.version, published: true },
          persona,
        ),
      ).toEqual({
        ok: false,
        code: 'board.notAllowed',
      });
      expect(await act({ action: 'snapshot', label: 'x' }, persona)).toEqual({
        ok: false,
        code: 'board.notAllowed',
      });
      expect(await propose(persona)).toEqual({ ok: false, code: 'board.notAllowed' });
      // Runs are invisible to them: no rows, or (anon) no access at all.
      const jobs = await forCaller(db, callerFor(persona))
        .run((tx) => tx.sql`select 1 from public.theme_jobs`)
        .catch((error: Error) => error.message);
      if (typeof jobs === 'string') expect(jobs).toMatch(/permission denied/);
      else expect(jobs).toEqual([]);
      expect((await board()).themes.find((t) => t.id === theme.id)?.label).toBe(theme.label);
      // Nor can they publish a version through the function behind publishing.
      const published = await forCaller(db, callerFor(persona))
        .run((tx) => tx.sql`select public.publish_results_version(${scene.consultation}::uuid, 'x')`)
        .catch((error: Error) => error.message);
      expect(published).toMatch(/permission denied|only analysts and admins/);
    },
  );
});
