import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listMigrations, migrate } from '../../../src/lib/db/migrate.server';
import { attempt, driver, freshDatabase, type TestDatabase } from '../../support/db';
import { migrationsDir, platformSql } from '../../support/paths';
import { buildWorld, callerFor, ids } from '../../support/world';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
});
afterAll(() => db?.dispose());

describe(`data layer on ${driver}`, () => {
  test('migrations are recorded like the Supabase CLI does, and a second run applies nothing', async () => {
    expect(await migrate(db, { migrationsDir, platformSql })).toEqual([]);
    const ledger = await db.asOwner((tx) =>
      tx.query<{ version: string; name: string; statements: string[] }>(
        'select version, name, statements from supabase_migrations.schema_migrations order by version',
      ),
    );
    expect(ledger.map((m) => m.name)).toEqual((await listMigrations(migrationsDir)).map((m) => m.name));
    expect(ledger.slice(0, 2).map((m) => m.name)).toEqual(['create_domain', 'policies']);
    expect(ledger.every((m) => /^\d{14}$/.test(m.version) && m.statements.length === 1)).toBe(true);
  });

  test('every transaction sees only its own caller, however many run at once', async () => {
    const personas = ['admin', 'moderator', 'analyst', 'facilitator', 'anon'] as const;
    const runs = Array.from({ length: 25 }, (_, i) => personas[i % personas.length] ?? 'anon');
    const seen = await Promise.all(
      runs.map((persona, i) =>
        db.transaction(callerFor(persona), async (tx) => {
          await new Promise((r) => setTimeout(r, (i * 7) % 11));
          const [row] = await tx.query<{ uid: string | null; role: string }>(
            'select auth.uid() as uid, current_user as role',
          );
          return row;
        }),
      ),
    );
    seen.forEach((row, i) => {
      const persona = runs[i] ?? 'anon';
      expect(row?.uid ?? null).toBe(persona === 'anon' ? null : ids.staff[persona]);
      expect(row?.role).toBe(persona === 'anon' ? 'doemee_anon' : 'doemee_staff');
    });
  });

  test('a failing transaction leaves nothing behind', async () => {
    const caller = callerFor('admin');
    await expect(
      db.transaction(caller, async (tx) => {
        await tx.sql`update public.consultations set title = 'Halverwege' where id = ${ids.openConsultation}`;
        await tx.sql`insert into public.topics (consultation_id, key, label) values (${ids.openConsultation}, 'KAPOT', 'x')`;
      }),
    ).rejects.toThrow(/check constraint/);
    const [row] = await db.transaction(
      caller,
      (tx) =>
        tx.sql<{ title: string }>`select title from public.consultations where id = ${ids.openConsultation}`,
    );
    expect(row?.title).toBe('Open raadpleging');
  });

  test('a transaction that was rolled back does not block the next one', async () => {
    await expect(
      db.transaction(callerFor('anon'), (tx) => tx.query('select * from public.audit_log')),
    ).rejects.toThrow(/permission denied/);
    const rows = await db.transaction(callerFor('anon'), (tx) => tx.query('select 1 as ok'));
    expect(rows).toEqual([{ ok: 1 }]);
  });

  test("a batch runs its statements in order as one caller and returns each one's rows", async () => {
    const results = await db.batch(callerFor('facilitator'), [
      { text: "select set_config('doemee.test', $1, true) as set", params: ['gezet'] },
      { text: "select current_setting('doemee.test') as seen, current_user as role, auth.uid() as uid" },
      { text: 'select n from generate_series(1, $1::int) as n', params: [3] },
    ]);
    expect(results).toEqual([
      [{ set: 'gezet' }],
      [{ seen: 'gezet', role: 'doemee_staff', uid: ids.staff.facilitator }],
      [{ n: 1 }, { n: 2 }, { n: 3 }],
    ]);
    // The setting was local to the batch's transaction.
    const [after] = await db.batch(callerFor('anon'), [
      { text: "select coalesce(current_setting('doemee.test', true), '') as seen" },
    ]);
    expect(after).toEqual([{ seen: '' }]);
  });

  test('a failing batch commits none of its statements, throws the first error, and the next batch runs', async () => {
    const caller = callerFor('admin');
    await expect(
      db.batch(caller, [
        {
          text: "update public.consultations set title = 'Halverwege' where id = $1",
          params: [ids.openConsultation],
        },
        {
          text: "insert into public.topics (consultation_id, key, label) values ($1, 'KAPOT', 'x')",
          params: [ids.openConsultation],
        },
        { text: 'select 1 as never' },
      ]),
    ).rejects.toThrow(/check constraint/);
    const [rows] = await db.batch(caller, [
      { text: 'select title from public.consultations where id = $1', params: [ids.openConsultation] },
    ]);
    expect(rows).toEqual([{ title: 'Open raadpleging' }]);
  });

  test('a batch obeys row-level security like a transaction', async () => {
    await expect(db.batch(callerFor('anon'), [{ text: 'select * from public.audit_log' }])).rejects.toThrow(
      /permission denied/,
    );
    // Many at once share the pool without mixing callers.
    const personas = ['admin', 'anon', 'analyst', 'anon', 'moderator'] as const;
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.batch(callerFor(personas[i % personas.length] ?? 'anon'), [
          { text: 'select current_user as role' },
        ]),
      ),
    );
    for (const [i, [rows]] of seen.entries())
      expect(rows).toEqual([
        { role: personas[i % personas.length] === 'anon' ? 'doemee_anon' : 'doemee_staff' },
      ]);
  });

  test('timestamps, json and arrays come back as the same types from both drivers', async () => {
    const [row] = await attempt(
      db,
      callerFor('admin'),
      (tx) =>
        tx.sql<{ at: Date; data: unknown; list: string[]; n: number }>`
        select now() as at, ${JSON.stringify({ a: [1] })}::jsonb as data, array['x','y'] as list, count(*)::int8 as n
        from public.staff_members`,
    );
    expect(row?.at).toBeInstanceOf(Date);
    expect(row?.data).toEqual({ a: [1] });
    expect(row?.list).toEqual(['x', 'y']);
    expect(row?.n).toBe(5);
  });
});
