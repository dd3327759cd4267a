import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConsultations } from '../../../src/lib/content/load.server';
import { syncConsultation } from '../../../src/lib/content/sync.server';
import { isEmpty, seedDemo } from '../../../src/lib/demo/seed.server';
import { freshDatabase, type TestDatabase } from '../../support/db';
import { contentDir } from '../../support/paths';
import { seedSqlFile } from '../../support/try-seed';
import { callerFor } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  for (const c of await loadConsultations(contentDir)) await syncConsultation(db, c);
});
afterAll(() => db?.dispose());

const count = async (sql: string) => (await db.asOwner((tx) => tx.query<{ n: number }>(sql)))[0]?.n ?? 0;

describe('demo seed', () => {
  test('fills an empty database with accounts and data for every screen', async () => {
    expect(await isEmpty(db)).toBe(true);
    const accounts = await seedDemo(db, seedSqlFile, 'demo-wachtwoord-voor-tests');
    expect(accounts.map((a) => a.role).sort()).toEqual(['admin', 'analyst', 'facilitator', 'moderator']);
    expect(await isEmpty(db)).toBe(false);

    expect(
      await count(`select count(*)::int as n from public.roadtour_stops where status = 'completed'`),
    ).toBeGreaterThan(0);
    expect(
      await count(`select count(*)::int as n from public.roadtour_stops where status = 'planned'`),
    ).toBeGreaterThan(0);
    for (const status of ['new', 'approved', 'rejected', 'hidden'])
      expect(
        await count(`select count(*)::int as n from public.input_items where status = '${status}'`),
        status,
      ).toBeGreaterThan(0);
    for (const channel of ['online', 'roadtour'])
      expect(
        await count(`select count(*)::int as n from public.input_items where channel = '${channel}'`),
        channel,
      ).toBeGreaterThan(0);
    expect(
      await count(`select count(distinct audience)::int as n from public.submissions`),
    ).toBeGreaterThanOrEqual(5);
    expect(await count(`select count(*)::int as n from public.stop_facilitators`)).toBeGreaterThan(0);
  });

  test('visitors see the published page with approved quotes only, and no table', async () => {
    const [row] = await db.transaction(callerFor('anon'), (tx) =>
      tx.query<{ page: { quotes: Record<string, unknown>; current: string | null } | null }>(
        `select public.published_results(slug) as page from public.consultations where status <> 'draft' limit 1`,
      ),
    );
    const quoteIds = Object.keys(row?.page?.quotes ?? {});
    expect(row?.page?.current).toBeTruthy();
    expect(quoteIds.length).toBeGreaterThan(0);
    const statuses = await db.asOwner((tx) =>
      tx.query<{ status: string }>(
        'select distinct status from public.input_items where id = any($1::uuid[])',
        [quoteIds],
      ),
    );
    expect(statuses).toEqual([{ status: 'approved' }]);
    for (const table of ['input_items', 'themes', 'theme_assignments'])
      await expect(
        db.transaction(callerFor('anon'), (tx) => tx.query(`select 1 from public.${table} limit 1`)),
      ).rejects.toThrow(/permission denied/);
  });

  test('the detector has proposed redactions for the seeded personal data', async () => {
    expect(
      await count(
        `select count(*)::int as n from public.input_items where status = 'new' and jsonb_array_length(pii_spans) > 0`,
      ),
    ).toBeGreaterThanOrEqual(2);
  });

  test('only approved input is assigned to themes', async () => {
    expect(
      await count(`select count(*)::int as n from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
                   where i.status <> 'approved'`),
    ).toBe(0);
  });
});
