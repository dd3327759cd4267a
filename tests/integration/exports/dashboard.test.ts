import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDashboard } from '../../../src/lib/dashboard/read.server';
import { anonymous } from '../../../src/lib/db/caller';
import { forCaller } from '../../../src/lib/db/types';
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
    const approvedPrimary = await owner(`select count(*)::int as n from public.theme_assignments a
      join public.input_items i on i.id = a.input_item_id join public.themes t on t.id = a.theme_id
      where a.consultation_id = $1 and a.is_primary and i.status = 'approved' and t.status = 'active'`);
    expect(themes?.series.flatMap((s) => s.values).reduce((a, b) => a + b, 0)).toBe(approvedPrimary);
    // Over time: the days add up to everything received.
    const overTime = dashboard.charts.find((c) => c.id === 'tijd');
    expect(overTime?.series.flatMap((s) => s.values).reduce((a, b) => a + b, 0)).toBe(
      dashboard.totals.received,
    );
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

  test.each(['facilitator', 'anon'] as const)('the database refuses the counts to a %s', async (who) => {
    const caller = who === 'anon' ? anonymous : fx.callers[who];
    await expect(readDashboard(forCaller(db, caller), { consultation: slug })).rejects.toMatchObject({
      code: '42501',
    });
  });
});
