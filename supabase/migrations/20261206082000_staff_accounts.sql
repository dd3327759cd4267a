-- Staff accounts in the browser (issue 18, part 2): admins list staff, change roles, deactivate
-- and reactivate. The rules live here, not only in the page, so a second server, a script or a bug
-- cannot break them:
--   1. there is always at least one active admin (for every caller, the owner included);
--   2. an admin cannot demote or deactivate themselves through the app;
--   3. only admins change staff_members (the existing policies), and only the columns the screens
--      change (column grants below);
--   4. last sign-in is kept on the member, set when a session starts (local accounts and Supabase
--      Auth alike, without reading auth.users), and does not touch the audit log or the version.

-- ───────────────────────── last sign-in ─────────────────────────

alter table public.staff_members add column last_signed_in_at timestamptz;
comment on column public.staff_members.last_signed_in_at is
  'When the member last started a session (private.staff_session_start). Not audit-logged: a sign-in is no change to the account.';

-- A sign-in is not an edit: it bumps neither version (no stale-edit conflict for an admin who has
-- the screen open) nor updated_at.
drop trigger staff_members_touch on public.staff_members;
create trigger staff_members_touch before update on public.staff_members
for each row
when ((to_jsonb(old) - 'last_signed_in_at') is distinct from (to_jsonb(new) - 'last_signed_in_at'))
execute function private.touch();

-- Nor an audit row: every sign-in would otherwise add "last_signed_in_at: … → …" to the register.
drop trigger staff_members_audit on public.staff_members;
create trigger staff_members_audit after insert or update or delete on public.staff_members
for each row execute function private.audit_row('version', 'updated_at', 'last_signed_in_at');

create or replace function private.staff_session_start(p_user_id uuid, p_expires_at timestamptz)
returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  started uuid;
begin
  delete from public.staff_sessions where expires_at < now() - interval '1 day';
  insert into public.staff_sessions (user_id, role, expires_at)
  select m.user_id, m.role, p_expires_at
  from public.staff_members m
  where m.user_id = p_user_id and m.active
  returning id into started;
  if started is not null then
    update public.staff_members set last_signed_in_at = now() where user_id = p_user_id;
  end if;
  return started;
end
$$;
revoke all on function private.staff_session_start(uuid, timestamptz) from public, anon, authenticated, service_role;
grant execute on function private.staff_session_start(uuid, timestamptz) to doemee_service;

-- ───────────────────────── the rules ─────────────────────────

-- Refuses, per row, an admin demoting or deactivating themselves. Only for the app's staff role:
-- the owner (CLI, operator) has no signed-in user.
create function private.staff_member_not_self() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user = 'doemee_staff' and old.user_id = private.uid()
     and old.role = 'admin' and old.active
     and (tg_op = 'DELETE' or new.role <> 'admin' or not new.active) then
    raise exception 'staff.self: an admin cannot demote, deactivate or remove themselves'
      using errcode = '42501', hint = 'staff.self';
  end if;
  return coalesce(new, old);
end
$$;
create trigger staff_members_not_self before update or delete on public.staff_members
for each row execute function private.staff_member_not_self();

-- Refuses a change that leaves no active admin. Runs after the statement's rows are written. Two
-- transactions demoting the last two admins at once would each still see the other's admin (its
-- change is not committed), so both would pass: the advisory lock makes them take turns, and the
-- count, a new statement under READ COMMITTED, then sees what the other committed.
create function private.staff_keeps_an_admin() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtext('public.staff_members: one active admin'));
  if not exists (select 1 from public.staff_members where role = 'admin' and active) then
    raise exception 'staff.lastAdmin: there must always be at least one active admin'
      using errcode = '23514', hint = 'staff.lastAdmin';
  end if;
  return null;
end
$$;
create trigger staff_members_keep_an_admin after update on public.staff_members
for each row
when (old.role = 'admin' and old.active and not (new.role = 'admin' and new.active))
execute function private.staff_keeps_an_admin();
create trigger staff_members_keep_an_admin_delete after delete on public.staff_members
for each row
when (old.role = 'admin' and old.active)
execute function private.staff_keeps_an_admin();

revoke all on function private.staff_member_not_self() from public, anon, authenticated, service_role;
revoke all on function private.staff_keeps_an_admin() from public, anon, authenticated, service_role;

-- ───────────────────────── grants ─────────────────────────

-- Admins (policies "Admins can … staff") change the name, role and whether someone is active;
-- never the id, the address (it is the sign-in name, owned by the account) or the last sign-in.
revoke update on public.staff_members from doemee_staff;
grant update (display_name, role, active) on public.staff_members to doemee_staff;
