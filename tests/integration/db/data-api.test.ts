/**
 * Supabase's Data API (PostgREST) logs in as `authenticator` and switches to the role a token names:
 * `anon` with the public anon key, `authenticated` with a token from Supabase Auth (a staff
 * member's own, say), `service_role` with the service key. The app never uses that API, so none of
 * its tables, sequences or functions may answer any of those roles (issue 17): the server acts as
 * doemee_anon, doemee_staff and doemee_service, which the API cannot become.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, ids } from '../../support/world';

const apiRoles = ['anon', 'authenticated', 'service_role'] as const;
type ApiRole = (typeof apiRoles)[number];

/** The claims PostgREST would set for each role; `authenticated` carries a real admin's user id. */
const claimsFor = (role: ApiRole) =>
  JSON.stringify(role === 'authenticated' ? { role, sub: ids.staff.admin, aud: 'authenticated' } : { role });

interface Target {
  kind: 'table' | 'sequence' | 'function';
  name: string;
  statements: string[];
}

let db: TestDatabase;
let targets: Target[];

beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  targets = await db.asOwner(async (tx) => {
    const relations = await tx.query<{ name: string; relkind: string; first_column: string | null }>(`
      select c.oid::regclass::text as name, c.relkind::text,
        (select quote_ident(a.attname) from pg_attribute a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            and a.attidentity = '' and a.attgenerated = '' order by a.attnum limit 1) as first_column
      from pg_class c
      where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
        and c.relkind in ('r', 'p', 'v', 'm', 'S')
      order by 1`);
    const functions = await tx.query<{ name: string; call: string }>(`
      select p.oid::regprocedure::text as name,
        format('select %s.%s(%s)', quote_ident(n.nspname), quote_ident(p.proname),
          coalesce((select string_agg(format('null::%s', format_type(t, null)), ', ')
                    from unnest(p.proargtypes) t), '')) as call
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('public', 'private') and p.prokind = 'f'
        and p.prorettype <> 'trigger'::regtype
      order by 1`);
    return [
      ...relations.map(
        (r): Target =>
          r.relkind === 'S'
            ? { kind: 'sequence', name: r.name, statements: [`select nextval('${r.name}')`] }
            : {
                kind: 'table',
                name: r.name,
                statements: [
                  `select * from ${r.name} limit 1`,
                  `insert into ${r.name} default values`,
                  `update ${r.name} set ${r.first_column} = ${r.first_column}`,
                  `delete from ${r.name}`,
                ],
              },
      ),
      ...functions.map((f): Target => ({ kind: 'function', name: f.name, statements: [f.call] })),
    ];
  });
});

afterAll(async () => {
  await db?.dispose();
});

describe('nothing of the app answers the Data API', () => {
  test('the catalog grants anon, authenticated and service_role nothing in public or private', async () => {
    const granted = await db.asOwner((tx) =>
      tx.query<{ object: string; role: string; privilege: string }>(`
        select c.oid::regclass::text as object, pg_get_userbyid(acl.grantee) as role, acl.privilege_type as privilege
        from pg_class c, aclexplode(c.relacl) acl
        where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
          and pg_get_userbyid(acl.grantee) in ('anon', 'authenticated', 'service_role')
        union all
        select format('%s.%s', c.oid::regclass, a.attname), pg_get_userbyid(acl.grantee), acl.privilege_type
        from pg_attribute a join pg_class c on c.oid = a.attrelid, aclexplode(a.attacl) acl
        where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
          and pg_get_userbyid(acl.grantee) in ('anon', 'authenticated', 'service_role')
        union all
        select p.oid::regprocedure::text, r.rolname, 'EXECUTE'
        from pg_proc p, pg_roles r
        where p.pronamespace = 'public'::regnamespace
          and r.rolname in ('anon', 'authenticated', 'service_role')
          and has_function_privilege(r.oid, p.oid, 'execute')
        union all
        select 'schema private', r.rolname, 'USAGE'
        from pg_roles r
        where r.rolname in ('anon', 'authenticated', 'service_role')
          and has_schema_privilege(r.oid, 'private', 'usage')
        order by 1, 2, 3`),
    );
    // New migrations grant to doemee_anon, doemee_staff or doemee_service instead.
    expect(granted).toEqual([]);
  });

  test('the catalog has tables, sequences and functions to try', () => {
    expect(targets.filter((t) => t.kind === 'table').length).toBeGreaterThan(20);
    expect(targets.filter((t) => t.kind === 'function').length).toBeGreaterThan(5);
  });

  test.each(apiRoles)('as %s, every read, write and call is refused', async (role) => {
    const allowed: string[] = [];
    for (const target of targets)
      for (const statement of target.statements) {
        const outcome = await db
          .asOwner(async (tx) => {
            await tx.query(
              "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
              [role, claimsFor(role)],
            );
            await tx.query(statement);
            return 'ran';
          })
          .catch((error: Error) => error.message);
        if (!/permission denied/.test(outcome)) allowed.push(`${statement} → ${outcome}`);
      }
    expect(allowed).toEqual([]);
  });
});

describe.runIf(driver === 'postgres')('through a login role like PostgREST’s authenticator', () => {
  const login = `dm_api_${Math.random().toString(36).slice(2, 10)}`;
  let api: postgres.Sql;

  beforeAll(async () => {
    await db.asOwner((tx) =>
      tx.exec(`create role ${login} login noinherit; grant anon, authenticated, service_role to ${login};`),
    );
    const url = new URL(db.url as string);
    url.username = login;
    api = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  });

  afterAll(async () => {
    await api?.end();
    await db.asOwner((tx) => tx.exec(`drop role if exists ${login}`));
  });

  test('becomes anon and authenticated, and reads and writes nothing', async () => {
    const tables = targets.filter((t) => t.kind === 'table');
    for (const role of ['anon', 'authenticated'] as const) {
      const answers = await api.begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        await tx.unsafe("select set_config('request.jwt.claims', $1, true)", [claimsFor(role)]);
        const seen: string[] = [];
        for (const table of tables) {
          const outcome = await tx
            .savepoint((attempt) => attempt.unsafe(`select * from ${table.name} limit 1`))
            .then(() => 'ran')
            .catch((error: Error) => error.message);
          if (!/permission denied/.test(outcome)) seen.push(`${role}: ${table.name} → ${outcome}`);
        }
        return seen;
      });
      expect(answers).toEqual([]);
    }
  });

  test('cannot become the roles the server acts as', async () => {
    for (const role of ['doemee_anon', 'doemee_staff', 'doemee_service'])
      await expect(api.unsafe(`set role ${role}`)).rejects.toThrow(/permission denied/);
  });
});
