/**
 * Issue 18, part 2: staff accounts managed by admins. The rules are the database's (migration
 * 20261206082000), so these tests also go around the domain functions, as a second server or a
 * bug would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createStaffAccount } from '../../../src/lib/auth/accounts.server';
import type { StaffRole } from '../../../src/lib/auth/roles';
import { sessionIsLive, startSession } from '../../../src/lib/auth/sessions.server';
import { type CallerDb, forCaller } from '../../../src/lib/db/types';
import { changeRole, listStaff, setActive } from '../../../src/lib/staff/accounts.server';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';

const people = [
  ['anna', 'admin'],
  ['berta', 'admin'],
  ['bart', 'moderator'],
  ['cees', 'analyst'],
] as const;
type Name = (typeof people)[number][0];

let db: TestDatabase;
const ids = {} as Record<Name, string>;
beforeAll(async () => {
  db = await freshDatabase();
  for (const [name, role] of people) {
    const created = await createStaffAccount(db, {
      email: `${name}@zoetermeer.nl`,
      displayName: name[0]?.toUpperCase() + name.slice(1),
      role,
      password: 'een-lang-genoeg-wachtwoord',
    });
    if (!created.ok) throw new Error(`no account for ${name}`);
    ids[name] = created.userId;
  }
});
afterAll(() => db?.dispose());

// Every test starts from the same team: two active admins, a moderator, an analyst.
beforeEach(async () => {
  await db.asOwner((tx) =>
    tx.query(
      `update public.staff_members m set role = v.role::public.staff_role, active = true
       from (values ${people.map((_, i) => `($${2 * i + 1}::uuid, $${2 * i + 2})`).join(', ')}) v(id, role)
       where m.user_id = v.id and (m.role <> v.role::public.staff_role or not m.active)`,
      people.flatMap(([name, role]) => [ids[name], role]),
    ),
  );
});

const as = (name: Name, staffRole: StaffRole = 'admin'): CallerDb =>
  forCaller(db, { kind: 'staff', userId: ids[name], email: `${name}@zoetermeer.nl`, staffRole });
const owner = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  db.asOwner((tx) => tx.query<T>(text, params));
const member = async (name: Name) =>
  (
    await owner<{ role: string; active: boolean; version: number }>(
      'select role, active, version from public.staff_members where user_id = $1',
      [ids[name]],
    )
  )[0];
const auditOf = async (name: Name) =>
  owner<{
    actor_id: string;
    actor_role: string;
    action: string;
    detail: { before?: object; after?: object };
  }>(
    `select actor_id, actor_role, action, detail from public.audit_log
     where entity = 'staff_members' and entity_id = $1 and action = 'staff_members.update' order by id`,
    [ids[name]],
  );
async function signedIn(name: Name) {
  const started = await startSession(db, ids[name]);
  if (!started) throw new Error(`${name} cannot sign in`);
  const m = await member(name);
  return { sessionId: started.sessionId, userId: ids[name], staffRole: m?.role as StaffRole };
}

describe('staff accounts: list', () => {
  test('an admin sees every member with role, state and last sign-in; a sign-in is no edit', async () => {
    const before = await member('cees');
    const auditBefore = await owner('select count(*)::int as n from public.audit_log');
    const start = Date.now();
    await signedIn('cees');
    const list = await listStaff(as('anna'));
    expect(list?.map((m) => [m.email, m.role, m.active])).toEqual([
      ['anna@zoetermeer.nl', 'admin', true],
      ['berta@zoetermeer.nl', 'admin', true],
      ['bart@zoetermeer.nl', 'moderator', true],
      ['cees@zoetermeer.nl', 'analyst', true],
    ]);
    const cees = list?.find((m) => m.email === 'cees@zoetermeer.nl');
    expect(cees?.lastSignedInAt).toBeInstanceOf(Date);
    expect(Math.abs((cees?.lastSignedInAt?.getTime() ?? 0) - start)).toBeLessThan(60_000);
    // The sign-in neither bumped the version (no stale-edit conflict) nor wrote to the audit log.
    expect((await member('cees'))?.version).toBe(before?.version);
    expect(await owner('select count(*)::int as n from public.audit_log')).toEqual(auditBefore);
  });

  test('a non-admin gets no list, and the database shows them only their own row', async () => {
    expect(await listStaff(as('bart', 'moderator'))).toBeNull();
    const rows = await as('bart', 'moderator').run((tx) => tx.sql`select user_id from public.staff_members`);
    expect(rows).toEqual([{ user_id: ids.bart }]);
  });
});

describe('staff accounts: role change', () => {
  test('an admin makes the moderator an analyst: sessions end, the audit log names the admin', async () => {
    const session = await signedIn('bart');
    expect(await sessionIsLive(db, session)).toBe(true);
    expect(await changeRole(as('anna'), ids.bart, 'analyst')).toEqual({
      ok: true,
      displayName: 'Bart',
      changed: true,
    });
    expect((await member('bart'))?.role).toBe('analyst');
    expect(await sessionIsLive(db, session)).toBe(false);
    const last = (await auditOf('bart')).at(-1);
    expect(last).toMatchObject({
      actor_id: ids.anna,
      actor_role: 'admin',
      detail: { before: { role: 'moderator' }, after: { role: 'analyst' } },
    });
  });

  test('the same role again changes nothing; bad input and unknown members are refused', async () => {
    expect(await changeRole(as('anna'), ids.cees, 'analyst')).toEqual({
      ok: true,
      displayName: 'Cees',
      changed: false,
    });
    expect(await changeRole(as('anna'), ids.cees, 'owner')).toEqual({ ok: false, code: 'staff.invalid' });
    expect(await changeRole(as('anna'), 'not-an-id', 'admin')).toEqual({ ok: false, code: 'staff.invalid' });
    expect(await changeRole(as('anna'), '00000000-0000-4000-8000-000000000000', 'admin')).toEqual({
      ok: false,
      code: 'staff.notFound',
    });
  });

  test('an admin cannot demote or deactivate themselves, not even with SQL of their own', async () => {
    expect(await changeRole(as('anna'), ids.anna, 'moderator')).toEqual({ ok: false, code: 'staff.self' });
    expect(await setActive(as('anna'), ids.anna, false)).toEqual({ ok: false, code: 'staff.self' });
    await expect(
      as('anna').run(
        (tx) => tx.sql`update public.staff_members set active = false where user_id = ${ids.anna}`,
      ),
    ).rejects.toThrow(/staff\.self/);
    expect(await member('anna')).toMatchObject({ role: 'admin', active: true });
    // Their own name is fine.
    await as('anna').run(
      (tx) => tx.sql`update public.staff_members set display_name = 'Anna' where user_id = ${ids.anna}`,
    );
  });

  test('no change may leave no active admin, whoever makes it (the owner too)', async () => {
    expect(await changeRole(as('anna'), ids.berta, 'analyst')).toMatchObject({ ok: true, changed: true });
    await expect(
      owner(`update public.staff_members set role = 'moderator' where user_id = $1`, [ids.anna]),
    ).rejects.toThrow(/staff\.lastAdmin/);
    await expect(
      owner('update public.staff_members set active = false where user_id = $1', [ids.anna]),
    ).rejects.toThrow(/staff\.lastAdmin/);
    await expect(
      owner(`update public.staff_members set role = 'analyst' where role = 'admin'`),
    ).rejects.toThrow(/staff\.lastAdmin/);
    await expect(owner('delete from public.staff_members where user_id = $1', [ids.anna])).rejects.toThrow(
      /staff\.lastAdmin/,
    );
    expect(await member('anna')).toMatchObject({ role: 'admin', active: true });
  });

  test('two admins demoting each other at once: only one succeeds', async () => {
    let annaUpdated: () => void = () => undefined;
    const updated = new Promise<void>((resolve) => {
      annaUpdated = resolve;
    });
    // Anna's transaction demotes Berta and stays open; Berta demotes Anna meanwhile. Without a lock
    // each would still see the other as an admin and both would commit.
    const first = as('anna')
      .run(async (tx) => {
        await tx.sql`update public.staff_members set role = 'analyst' where user_id = ${ids.berta}`;
        annaUpdated();
        await new Promise((resolve) => setTimeout(resolve, 300));
      })
      .then(
        () => 'ok',
        (e: Error) => e.message,
      );
    await updated;
    const second = as('berta')
      .run((tx) =>
        tx.execute(`update public.staff_members set role = 'analyst' where user_id = $1`, [ids.anna]),
      )
      .then(
        (n) => `changed ${n}`,
        (e: Error) => e.message,
      );
    const results = await Promise.all([first, second]);
    expect(results[0]).toBe('ok');
    // PostgreSQL runs them side by side: Berta's update saw Anna's change uncommitted, waited for
    // the lock and was refused. PGlite has one connection: Berta's came after, as an analyst.
    expect(results[1]).toMatch(driver === 'postgres' ? /staff\.lastAdmin/ : /changed 0/);
    expect(
      await owner(`select count(*)::int as n from public.staff_members where role = 'admin' and active`),
    ).toEqual([{ n: 1 }]);
  });
});

describe('staff accounts: deactivate and reactivate', () => {
  test('deactivating ends every session at once; reactivating lets them sign in again', async () => {
    const sessions = [await signedIn('bart'), await signedIn('bart')];
    const other = await signedIn('cees');
    expect(await setActive(as('anna'), ids.bart, false)).toEqual({
      ok: true,
      displayName: 'Bart',
      changed: true,
    });
    for (const s of sessions) expect(await sessionIsLive(db, s)).toBe(false);
    expect(await sessionIsLive(db, other)).toBe(true);
    expect(await startSession(db, ids.bart)).toBeNull();
    expect((await listStaff(as('anna')))?.find((m) => m.userId === ids.bart)?.active).toBe(false);

    expect(await setActive(as('berta'), ids.bart, true)).toEqual({
      ok: true,
      displayName: 'Bart',
      changed: true,
    });
    for (const s of sessions) expect(await sessionIsLive(db, s)).toBe(false);
    expect(await startSession(db, ids.bart)).not.toBeNull();

    const audit = (await auditOf('bart')).filter((a) => 'active' in (a.detail.after ?? {}));
    expect(audit.slice(-2)).toEqual([
      expect.objectContaining({
        actor_id: ids.anna,
        detail: { before: { active: true }, after: { active: false } },
      }),
      expect.objectContaining({
        actor_id: ids.berta,
        detail: { before: { active: false }, after: { active: true } },
      }),
    ]);
  });

  test('a deactivated admin is no admin: the other admin is then the last one', async () => {
    expect(await setActive(as('anna'), ids.berta, false)).toMatchObject({ ok: true });
    expect(await listStaff(as('berta'))).toBeNull();
    expect(await setActive(as('berta'), ids.anna, false)).toEqual({ ok: false, code: 'staff.notAllowed' });
  });
});

describe('staff accounts: only admins, by the database', () => {
  test('a moderator changes nobody, also with SQL of their own', async () => {
    expect(await changeRole(as('bart', 'moderator'), ids.cees, 'admin')).toEqual({
      ok: false,
      code: 'staff.notAllowed',
    });
    expect(await setActive(as('bart', 'moderator'), ids.anna, false)).toEqual({
      ok: false,
      code: 'staff.notAllowed',
    });
    const changed = await as('bart', 'moderator').run((tx) =>
      tx.execute(`update public.staff_members set role = 'admin' where user_id in ($1, $2)`, [
        ids.bart,
        ids.cees,
      ]),
    );
    expect(changed).toBe(0);
    expect(await member('bart')).toMatchObject({ role: 'moderator' });
  });

  test('admins change only name, role and active: not the address, the id or the last sign-in', async () => {
    for (const column of [
      `email = 'x@zoetermeer.nl'`,
      'last_signed_in_at = now()',
      `user_id = gen_random_uuid()`,
    ])
      await expect(
        as('anna').run((tx) =>
          tx.sql`select 1`.then(() =>
            tx.query(`update public.staff_members set ${column} where user_id = $1`, [ids.cees]),
          ),
        ),
      ).rejects.toThrow(/permission denied/);
  });
});
