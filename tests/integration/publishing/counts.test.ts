import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDashboard } from '../../../src/lib/dashboard/read.server';
import { forCaller } from '../../../src/lib/db/types';
import { prepareExport } from '../../../src/lib/exports/report.server';
import { publishVersion } from '../../../src/lib/publishing/versions.server';
import { readPublishedResults } from '../../../src/lib/results/read.server';
import { performBoardAction } from '../../../src/lib/theme-board/actions.server';
import { readBoard } from '../../../src/lib/theme-board/board.server';
import { freezeSnapshot } from '../../../src/lib/theme-board/edit.server';
import { runJob, startJob } from '../../../src/lib/theme-board/jobs.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor } from '../../support/world';
import { type BoardScene, createBoardScene } from '../theme-board/support';

// One definition of the counts (issue 14): "berichten" = approved items whose primary theme it
// is, "ook genoemd" = approved items for which it is a secondary theme. The board, the public
// page, the dashboard and the exports must show the same two numbers for every theme.
let db: TestDatabase;
let scene: BoardScene;
const slug = 'krachtig-oud-worden';
const analyst = () => forCaller(db, callerFor('analyst'));

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  scene = await createBoardScene(db);
  const started = await startJob(analyst(), scene.consultation, { kind: 'propose', filters: {} });
  if (!started.ok) throw new Error(started.code);
  await runJob(db, callerFor('analyst'), started.job.id);
  const board = await readBoard(analyst(), slug);
  for (const theme of board?.themes ?? []) {
    const marked = await performBoardAction(analyst(), scene.consultation, {
      action: 'publish',
      themeId: theme.id,
      expectedVersion: theme.version,
      published: true,
    });
    if (!marked.ok) throw new Error(marked.code);
  }
  // Secondary rows of their own, so "ook genoemd" is not zero everywhere.
  await db.asOwner(
    (tx) => tx.sql`
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      select t.id, a.input_item_id, a.consultation_id, 'auto', false, 0.3
      from public.theme_assignments a
      join lateral (select id from public.themes where consultation_id = a.consultation_id and id <> a.theme_id
                    and status = 'active' order by id limit 1) t on true
      where a.consultation_id = ${scene.consultation} and a.is_primary
      on conflict do nothing`,
  );
  const frozen = await freezeSnapshot(analyst(), scene.consultation, 'Telling');
  if (!frozen.ok) throw new Error(frozen.code);
  const published = await publishVersion(analyst(), scene.consultation, frozen.snapshotId, 'Wat we hoorden');
  if (!published.ok) throw new Error(published.code);
});
afterAll(() => db?.dispose());

describe('one definition of the counts', () => {
  test('board, public page, dashboard and export agree on berichten and ook genoemd for every theme', async () => {
    const board = await readBoard(analyst(), slug);
    const page = (await readPublishedResults(forCaller(db, callerFor('anon')), slug))?.page;
    const dashboard = await readDashboard(analyst(), { consultation: slug } as never);
    const { report } = await prepareExport(analyst(), 'json', {
      consultation: slug,
      source: 'current',
    } as never);
    const chart = dashboard.charts.find((c) => c.id === 'thema');
    if (!board || !page || !chart) throw new Error('missing');

    const counts = new Map<
      string,
      { board: number[]; page?: number[]; dashboard?: number[]; export?: number[] }
    >();
    for (const t of board.themes) counts.set(t.label, { board: [t.size, t.secondary] });
    for (const t of page.themes) {
      const entry = counts.get(t.label);
      if (entry) entry.page = [t.primary, t.secondary];
    }
    chart.labels.forEach((label, i) => {
      const entry = counts.get(label);
      if (!entry) return;
      const primary = chart.series
        .filter((s) => s.stack !== 'ook-genoemd')
        .reduce((n, s) => n + (s.values[i] ?? 0), 0);
      const secondary = chart.series.find((s) => s.stack === 'ook-genoemd')?.values[i] ?? 0;
      entry.dashboard = [primary, secondary];
    });
    for (const t of report.themes) {
      const entry = counts.get(t.label);
      if (entry) entry.export = [t.mentions, t.alsoMentioned];
    }
    expect(counts.size).toBeGreaterThanOrEqual(3);
    expect([...counts.values()].some((c) => (c.board[1] ?? 0) > 0)).toBe(true);
    for (const [label, c] of counts)
      expect({ label, page: c.page, dashboard: c.dashboard, export: c.export }).toEqual({
        label,
        page: c.board,
        dashboard: c.board,
        export: c.board,
      });
  });
});
