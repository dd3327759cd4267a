import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDashboard } from '../../../src/lib/dashboard/read.server';
import { anonymous } from '../../../src/lib/db/caller';
import { forCaller } from '../../../src/lib/db/types';
import { audienceName } from '../../../src/lib/exports/labels.nl';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { buildFixture, type Fixture, slug } from './support';

let db: TestDatabase;
let fx: Fixture;
beforeAll(async () => {
  db = await freshDatabase();
  fx = await buildFixture(db);
}, 120_000);
afterAll(() => db?.dispose());

const owner = async (sql: string) =>
  (await db.asOwner((tx) => tx.query<{ n: number }>(sql, [fx.consultationId])))[0]?.n ?? 0;

describe('staff dashboard figures', () => {
  test('counts every status for an analyst, who cannot read unapproved rows themselves', async () => {
    const dashboard = await readDashboard(forCaller(db, fx.callers.analyst), { consultation: slug });
    expect(dashboard.totals.received).toBe(
      await owner('select count(*)::int as n from public.input_items where consultation_id = $1'),
    );
    expect(dashboard.totals.waiting).toBe(
      await owner(
        `select count(*)::int as n from public.input_items where consultation_id = $1 and status = 'new'`,
      ),
    );
    expect(dashboard.totals.waiting).toBeGreaterThan(0);
    const moderation = dashboard.charts.find((c) => c.id === 'moderatie');
    const waiting = moderation?.labels.indexOf('Wacht op moderatie') ?? -1;
    expect(moderation?.series.reduce((n, s) => n + (s.values[waiting] ?? 0), 0)).toBe(
      dashboard.totals.waiting,
    );

    const stops = dashboard.charts.find((c) => c.id === 'bijeenkomst');
    expect(stops?.labels).toHaveLength(5);
    const themes = dashboard.charts.find((c) => c.id === 'thema');
    // Counts follow plan-s4: "berichten" (primary) stacked per audience, "ook genoemd" (secondary)
    // a bar of its own, never added to them; accepted themes only (active, locked or published).
    const assigned = (primary: boolean) =>
      owner(`select count(*)::int as n from public.theme_assignments a
      join public.input_items i on i.id = a.input_item_id join public.themes t on t.id = a.theme_id
      where a.consultation_id = $1 and a.is_primary = ${primary} and i.status = 'approved'
        and t.status not in ('dismissed', 'merged') and (t.status = 'active' or t.locked or t.published_at is not null)`);
    const total = (stack: string) =>
      themes?.series
        .filter((s) => s.stack === stack)
        .flatMap((s) => s.values)
        .reduce((a, b) => a + b, 0);
    expect(total('berichten')).toBe(await assigned(true));
    expect(total('ook-genoemd')).toBe(await assigned(false));
    expect(themes?.series.filter((s) => s.stack === 'ook-genoemd').map((s) => s.label)).toEqual([
      'Ook genoemd bij (alle doelgroepen)',
    ]);
    expect(themes?.note).toMatch(/^Berichten: .*Ook genoemd: /);
    // Over time: the days add up to everything received.
    const overTime = dashboard.charts.find((c) => c.id === 'tijd');
    expect(overTime?.series.flatMap((s) => s.values).reduce((a, b) => a + b, 0)).toBe(
      dashboard.totals.received,
    );
    // Under the chart each day is short; the table keeps the full date.
    expect(overTime?.axisLabels).toHaveLength(overTime?.labels.length ?? -1);
    expect(overTime?.axisLabels?.every((d) => /^\d{1,2} \S+$/.test(d))).toBe(true);
  });

  test('filters by audience', async () => {
    const dashboard = await readDashboard(forCaller(db, fx.callers.admin), {
      consultation: slug,
      audience: 'mantelzorger',
    });
    expect(dashboard.totals.received).toBe(
      await owner(
        `select count(*)::int as n from public.input_items where consultation_id = $1 and audience = 'mantelzorger'`,
      ),
    );
    expect(dashboard.charts.find((c) => c.id === 'doelgroep')?.labels).toEqual(['Mantelzorger']);
  });

  test('every audience of the consultation is a column of the theme chart, with zero where none', async () => {
    // The adviesraad gave input, but none of it is (any longer) the primary theme of an item.
    await db.asOwner(
      (tx) => tx.sql`delete from public.theme_assignments a using public.input_items i
        where i.id = a.input_item_id and i.audience = 'adviesraad' and a.consultation_id = ${fx.consultationId}`,
    );
    const asked = (
      await db.asOwner(
        (tx) => tx.sql<{ audience: string }>`select distinct audience::text as audience from public.questions
          where consultation_id = ${fx.consultationId}`,
      )
    ).map((q) => audienceName(q.audience));
    expect(asked).toContain('Adviesraad');
    const dashboard = await readDashboard(forCaller(db, fx.callers.analyst), { consultation: slug });
    const themes = dashboard.charts.find((c) => c.id === 'thema');
    const columns = themes?.series.filter((s) => s.stack === 'berichten') ?? [];
    expect(columns.map((s) => s.label).sort()).toEqual([...asked].sort());
    expect(columns.find((s) => s.label === 'Adviesraad')?.values.every((v) => v === 0)).toBe(true);
    expect(columns.find((s) => s.label === 'Adviesraad')?.values).toHaveLength(themes?.labels.length ?? -1);
    // The audience chart lists it too, with its input.
    expect(dashboard.charts.find((c) => c.id === 'doelgroep')?.labels).toContain('Adviesraad');
  });

  test.each(['facilitator', 'anon'] as const)('the database refuses the counts to a %s', async (who) => {
    const caller = who === 'anon' ? anonymous : fx.callers[who];
    await expect(readDashboard(forCaller(db, caller), { consultation: slug })).rejects.toMatchObject({
      code: '42501',
    });
  });
});
