-- The server acts through roles of its own, which no JWT can become (issue 17).
--
-- On hosted Supabase the Data API (PostgREST) serves the `public` schema to anyone with the anon key
-- (public by design) and to anyone with a token from Supabase Auth: it switches to the role named in
-- the token, and it can only become `anon`, `authenticated` and `service_role`. The app never uses
-- the Data API. So from here on no table, view, sequence or function of the app grants anything to
-- those three roles; the server switches to these instead, which PostgREST's login role is not a
-- member of:
--
--   doemee_anon      a visitor          (claims role 'anon')
--   doemee_staff     a signed-in staff member (claims role 'authenticated' + staff_role)
--   doemee_service   the server's own work: sessions, jobs, mail, content sync (claims 'service_role')
--
-- The claims stay Supabase's shape, so auth.jwt(), auth.uid() and auth.role() read them as before.
-- New migrations grant to and write policies for these roles; a test fails when anything of the app
-- is granted to anon, authenticated or service_role again.
--
-- This migration converts what the earlier ones granted, generically from the catalog, so it also
-- covers every grant and policy written before it.

-- Roles are cluster-wide: another database on the same server may have created them already.
do $$
declare
  wanted text[] := array['doemee_anon', 'doemee_staff', 'doemee_service'];
  name text;
begin
  foreach name in array wanted loop
    if not exists (select 1 from pg_roles where rolname = name) then
      begin
        execute format('create role %I nologin noinherit', name);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
end
$$;

-- Whoever runs the migrations (the owner) may act as each role, as may the server's login role
-- when it is the owner (embedded, development). A separate login role gets the same grant from the
-- operator (see docs/operations.md).
do $$
begin
  execute format('grant doemee_anon, doemee_staff, doemee_service to %I', current_user);
exception when others then
  -- Already a member, or a superuser that needs no grant.
  null;
end
$$;

-- The app's roles read the claims the way Supabase's roles do, where the owner may grant that
-- (locally always; on a hosted project the auth schema belongs to Supabase).
do $$
begin
  grant usage on schema auth to doemee_anon, doemee_staff, doemee_service;
  grant execute on function auth.uid(), auth.jwt(), auth.role() to doemee_anon, doemee_staff, doemee_service;
exception when insufficient_privilege then
  raise notice 'auth schema not granted to the app roles; the app reads claims through private.uid()';
end
$$;

-- auth.uid() through a function of our own: the app's roles need no rights on Supabase's auth
-- schema (which the project's `postgres` role cannot grant), and the claims are read the same way.
create function private.uid() returns uuid
language sql stable security definer
set search_path = ''
as $$ select auth.uid() $$;

-- The two triggers that asked which role was acting.
create or replace function private.moderation_fields_need_a_moderator() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user = 'doemee_staff'
     and (new.moderated_by, new.moderated_at, new.reject_reason)
         is distinct from (old.moderated_by, old.moderated_at, old.reject_reason)
     and not private.has_role('moderator', 'admin') then
    raise exception 'only moderators can set the moderation fields' using errcode = '42501';
  end if;
  return new;
end
$$;

create or replace function private.time_roadtour_note() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('doemee_staff', 'doemee_anon') then
    new.created_at := greatest(
      clock_timestamp(),
      (select max(i.created_at) + interval '1 microsecond' from public.input_items i where i.stop_id = new.stop_id)
    );
    new.updated_at := new.created_at;
  end if;
  return new;
end
$$;

do $$
declare
  mapping constant jsonb := '{"anon": "doemee_anon", "authenticated": "doemee_staff", "service_role": "doemee_service"}';
  r record;
  new_roles text[];
  grantee text;
begin
  -- Column defaults and policies that called auth.uid() call private.uid().
  for r in
    select a.attrelid::regclass as rel, a.attname, pg_get_expr(d.adbin, d.adrelid) as expr
    from pg_attrdef d
    join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
    join pg_class c on c.oid = d.adrelid
    where c.relnamespace = 'public'::regnamespace and pg_get_expr(d.adbin, d.adrelid) like '%auth.uid()%'
  loop
    execute format('alter table %s alter column %I set default %s',
      r.rel, r.attname, replace(r.expr, 'auth.uid()', 'private.uid()'));
  end loop;

  for r in
    select schemaname, tablename, policyname, qual, with_check
    from pg_policies
    where schemaname = 'public'
      and (qual like '%auth.uid()%' or with_check like '%auth.uid()%')
  loop
    if r.qual is not null then
      execute format('alter policy %I on %I.%I using (%s)', r.policyname, r.schemaname, r.tablename,
        replace(r.qual, 'auth.uid()', 'private.uid()'));
    end if;
    if r.with_check is not null then
      execute format('alter policy %I on %I.%I with check (%s)', r.policyname, r.schemaname, r.tablename,
        replace(r.with_check, 'auth.uid()', 'private.uid()'));
    end if;
  end loop;

  -- Policies: the same rules, for the app's roles.
  for r in
    select p.schemaname, p.tablename, p.policyname, p.roles as old_roles
    from pg_policies p
    where p.schemaname = 'public' and p.roles && array['anon', 'authenticated', 'service_role']::name[]
  loop
    select array_agg(coalesce(mapping ->> role_name, role_name)) into new_roles from unnest(r.old_roles::text[]) role_name;
    execute format('alter policy %I on %I.%I to %s', r.policyname, r.schemaname, r.tablename,
      (select string_agg(quote_ident(x), ', ') from unnest(new_roles) x));
  end loop;

  -- Table, view and sequence privileges, then column privileges: copied to the app's roles.
  for r in
    select c.oid::regclass as rel, c.relkind, acl.privilege_type, pg_get_userbyid(acl.grantee) as old_role
    from pg_class c, aclexplode(c.relacl) acl
    where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
      and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
      and acl.grantee in (select oid from pg_roles where rolname in ('anon', 'authenticated', 'service_role'))
  loop
    grantee := mapping ->> r.old_role;
    if r.relkind = 'S' then
      execute format('grant %s on sequence %s to %I', r.privilege_type, r.rel, grantee);
    else
      execute format('grant %s on table %s to %I', r.privilege_type, r.rel, grantee);
    end if;
  end loop;

  for r in
    select a.attrelid::regclass as rel, a.attname, acl.privilege_type, pg_get_userbyid(acl.grantee) as old_role
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid, aclexplode(a.attacl) acl
    where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
      and acl.grantee in (select oid from pg_roles where rolname in ('anon', 'authenticated', 'service_role'))
  loop
    execute format('grant %s (%I) on table %s to %I', r.privilege_type, r.attname, r.rel, mapping ->> r.old_role);
  end loop;

  -- Functions: whoever could run one before (including through PUBLIC's default right) gets the
  -- app role's right instead. Those in public are what the Data API offers as /rpc.
  for r in
    select p.oid::regprocedure as fn, old_role.rolname as old_role
    from pg_proc p, pg_roles old_role
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
      and old_role.rolname in ('anon', 'authenticated', 'service_role')
      and has_function_privilege(old_role.oid, p.oid, 'execute')
  loop
    execute format('grant execute on function %s to %I', r.fn, mapping ->> r.old_role);
  end loop;

  for r in select p.oid::regprocedure as fn from pg_proc p where p.pronamespace = 'public'::regnamespace loop
    execute format('revoke execute on function %s from public, anon, authenticated, service_role', r.fn);
  end loop;
end
$$;

-- Nothing of the app stays granted to the Data API's roles.
revoke all on all tables in schema public from anon, authenticated, service_role;
revoke all on all sequences in schema public from anon, authenticated, service_role;
revoke all on all tables in schema private from anon, authenticated, service_role;
revoke all on all sequences in schema private from anon, authenticated, service_role;
revoke all on all functions in schema private from anon, authenticated, service_role;
-- The private schema holds the policies' helpers; only the app's roles look inside.
revoke all on schema private from anon, authenticated, service_role;
grant usage on schema private to doemee_anon, doemee_staff, doemee_service;
grant usage on schema public to doemee_anon, doemee_staff, doemee_service;

-- The server's own work sees and changes every row, as service_role did by bypassing RLS. A role
-- with BYPASSRLS can only be made by a superuser, which a Supabase project's owner is not, so a
-- policy per table says it instead.
do $$
declare
  r record;
begin
  for r in
    select c.oid::regclass as rel
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relrowsecurity
      and not exists (
        select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'The server''s own work'
      )
  loop
    execute format(
      'create policy "The server''s own work" on %s for all to doemee_service using (true) with check (true)',
      r.rel);
  end loop;
end
$$;

-- Local accounts (embedded and plain PostgreSQL) live in the minimal auth.users of
-- supabase/platform/local.sql; hosted Supabase Auth keeps its own, which the app never touches.
do $$
begin
  if to_regclass('auth.schema_migrations') is null and to_regclass('auth.users') is not null then
    grant usage on schema auth to doemee_service;
    grant select, insert, update, delete on table auth.users to doemee_service;
  end if;
end
$$;

-- Supabase gives every new object in public to anon, authenticated and service_role by default
-- (and the local platform SQL does the same for service_role). The app's migrations grant what
-- each of its roles needs instead.
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from anon, authenticated, service_role;
