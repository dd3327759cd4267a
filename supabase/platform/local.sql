-- What hosted Supabase already provides, for the embedded database and plain PostgreSQL.
-- Never run on a real Supabase project (the migration runner checks for its roles first).
--
-- Idempotent: roles are cluster-wide, so several databases on one server (tests, staging)
-- run this file again and again; every statement tolerates what is already there.

-- Another database on the same server may create the same role at the same moment:
-- a duplicate is as good as success.
do $$
declare
  wanted text[] := array['anon', 'authenticated', 'service_role'];
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
  begin
    alter role service_role bypassrls;
  exception when insufficient_privilege then
    raise notice 'cannot set bypassrls on service_role; jobs will run under RLS';
  end;
end
$$;

-- The session user must be able to switch to each role for a request (`set local role`).
do $$
begin
  execute format('grant anon, authenticated, service_role to %I', current_user);
exception when others then
  -- Already a member, or a superuser that needs no grant.
  null;
end
$$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

-- A minimal auth.users: enough for local staff accounts and for foreign keys from public tables.
-- encrypted_password holds an argon2id hash (hosted Supabase Auth keeps its own).
create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email) and length(email) between 3 and 254),
  encrypted_password text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);
revoke all on table auth.users from anon, authenticated;
grant all on table auth.users to service_role;

-- The claims of the current request, as PostgREST sets them with set_config('request.jwt.claims', …).
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
  select (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role(), auth.email() to anon, authenticated, service_role;

-- Supabase exposes public to the API roles; new objects get these defaults there too.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to service_role;
alter default privileges in schema public grant all on sequences to service_role;
alter default privileges in schema public grant all on functions to service_role;
