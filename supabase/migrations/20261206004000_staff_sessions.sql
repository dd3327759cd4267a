-- Revocable staff sessions (issue 16, item 5). A session token used to be valid for its whole
-- eight hours: sign-out only deleted the cookie, and a deactivated or demoted staff member kept a
-- working token. Now every token names a row here (`session_id` claim, as in Supabase's own JWTs),
-- the server checks it on each request (one statement, shared by every server process), and:
--   - sign-out deletes the row;
--   - deactivating, removing or changing the role of a staff member deletes all their rows, by
--     trigger, so no code path can forget it.
-- Nobody reads or writes the table directly: RLS on without policies, no grants; the security
-- definer functions below, executable by the server's service role only, are the only way in.

create table public.staff_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.staff_members (user_id) on delete cascade,
  role public.staff_role not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  check (expires_at > created_at)
);
comment on table public.staff_sessions is
  'Signed-in staff sessions; a token is valid only while its row exists, is unexpired and the member is active with the same role. Owner only.';
create index staff_sessions_user_idx on public.staff_sessions (user_id);
create index staff_sessions_expires_idx on public.staff_sessions (expires_at);

alter table public.staff_sessions enable row level security;
revoke all on public.staff_sessions from public, anon, authenticated, service_role;

-- Starts a session for an active staff member with the role they have now; removes sessions that
-- ended a day ago. Returns the session id, or null when the member is not active.
create or replace function private.staff_session_start(p_user_id uuid, p_expires_at timestamptz)
returns uuid
language sql volatile security definer
set search_path = ''
as $$
  with swept as (
    delete from public.staff_sessions where expires_at < now() - interval '1 day'
  )
  insert into public.staff_sessions (user_id, role, expires_at)
  select m.user_id, m.role, p_expires_at
  from public.staff_members m
  where m.user_id = p_user_id and m.active
  returning id
$$;

-- True while the session exists, has not expired, and its member is active with the same role.
create or replace function private.staff_session_live(p_session_id uuid, p_user_id uuid, p_role public.staff_role)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.staff_sessions s
    join public.staff_members m on m.user_id = s.user_id
    where s.id = p_session_id and s.user_id = p_user_id and s.expires_at > now()
      and m.active and m.role = s.role and s.role = p_role
  )
$$;

-- Ends one session (sign-out).
create or replace function private.staff_session_end(p_session_id uuid)
returns void
language sql volatile security definer
set search_path = ''
as $$
  delete from public.staff_sessions where id = p_session_id
$$;

-- Deactivation or a role change ends every session of that member at once.
create or replace function private.staff_sessions_end_on_change()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.active is distinct from old.active or new.role is distinct from old.role
     or new.user_id is distinct from old.user_id then
    delete from public.staff_sessions where user_id = old.user_id;
  end if;
  return null;
end;
$$;

create trigger staff_members_end_sessions after update on public.staff_members
  for each row execute function private.staff_sessions_end_on_change();

revoke all on function private.staff_session_start(uuid, timestamptz) from public;
revoke all on function private.staff_session_live(uuid, uuid, public.staff_role) from public;
revoke all on function private.staff_session_end(uuid) from public;
revoke all on function private.staff_sessions_end_on_change() from public;
grant execute on function private.staff_session_start(uuid, timestamptz) to service_role;
grant execute on function private.staff_session_live(uuid, uuid, public.staff_role) to service_role;
grant execute on function private.staff_session_end(uuid) to service_role;
