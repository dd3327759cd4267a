/**
 * Issue 17, item 5: a staff member's user could not be deleted once they had frozen a theme
 * snapshot (the freeze trigger refused the `on delete set null`). Item 7: every foreign key has an
 * index, so deleting a user does not scan the tables that refer to users.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { attempt, freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids } from '../../support/world';

const leaver = 'a1eaee00-0000-4000-8000-000000000001';
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  await db.asOwner((tx) =>
    tx.exec(`
      insert into auth.users (id, email) values ('${leaver}', 'vertrekt@doemee.test');
      insert into public.staff_members (user_id, email, display_name, role)
      values ('${leaver}', 'vertrekt@doemee.test', 'Vertrekt', 'analyst');`),
  );
});
afterAll(() => db?.dispose());

const staffLeaver = {
  kind: 'staff',
  userId: leaver,
  email: 'vertrekt@doemee.test',
  staffRole: 'analyst',
} as const;

test('a staff member who froze a snapshot can be deleted; the snapshot stays, without its maker', async () => {
  const [snapshot] = await db.transaction(staffLeaver, (tx) =>
    tx.query<{ id: string }>(
      `insert into public.theme_snapshots (consultation_id, label, themes, assignments)
       values ($1, 'Versie van de vertrekker', '[]', '[]') returning id`,
      [ids.openConsultation],
    ),
  );
  expect(snapshot?.id).toBeTruthy();
  // What Supabase Auth's admin API does when a user is deleted.
  await db.asOwner((tx) => tx.query('delete from auth.users where id = $1', [leaver]));
  const [kept] = await db.asOwner((tx) =>
    tx.query<{ label: string; created_by: string | null }>(
      'select label, created_by from public.theme_snapshots where id = $1',
      [snapshot?.id],
    ),
  );
  expect(kept).toEqual({ label: 'Versie van de vertrekker', created_by: null });
});

test('a snapshot is still frozen otherwise, for everyone', async () => {
  const [snapshot] = await db.transaction(callerFor('analyst'), (tx) =>
    tx.query<{ id: string }>(
      `insert into public.theme_snapshots (consultation_id, label, themes, assignments)
       values ($1, 'Versie', '[]', '[]') returning id`,
      [ids.openConsultation],
    ),
  );
  expect(snapshot).toBeDefined();
  await expect(
    db.asOwner((tx) =>
      tx.query(`update public.theme_snapshots set label = 'Anders' where id = $1`, [snapshot?.id]),
    ),
  ).rejects.toThrow(/frozen/);
  await expect(
    db.asOwner((tx) =>
      tx.query('update public.theme_snapshots set created_by = null where id = $1', [snapshot?.id]),
    ),
  ).resolves.toBeDefined();
  await expect(
    attempt(db, { kind: 'service' }, (tx) =>
      tx.query(`update public.theme_snapshots set themes = '[{"x":1}]' where id = $1`, [snapshot?.id]),
    ),
  ).rejects.toThrow(/frozen/);
});

test('every foreign key has an index that starts with its columns', async () => {
  const unindexed = await db.asOwner((tx) =>
    tx.query<{ constraint: string }>(`
      select c.conrelid::regclass || '.' || c.conname as constraint
      from pg_constraint c
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) x)
              = (select array_agg(x order by x) from unnest(c.conkey) x))
      order by 1`),
  );
  expect(unindexed).toEqual([]);
});
