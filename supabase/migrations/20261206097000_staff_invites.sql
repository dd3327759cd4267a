-- Invitations by e-mail (issue 18, part 2): an admin adds a staff member by address, name and role;
-- the new member gets a one-time link to set a password. Everything happens in one transaction
-- as the admin, so the audit log names who invited whom and a failure leaves nothing half done.
--
-- The admin's own role (doemee_staff) may add a staff_members row (policy "Admins can add staff"),
-- but not create a user or queue mail. Two narrow functions do that for admins only:
--   private.staff_local_user(email)   local accounts: the user without a password
--                                     (with Supabase Auth, its admin API creates the user instead)
--   private.staff_invite_mail(…)      the e-mail with the link, only to a member who never signed
--                                     in, only to the address on file

create function private.staff_local_user(p_email text) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  found uuid;
begin
  if not private.has_role('admin') then
    raise exception 'staff.notAllowed: only admins invite staff' using errcode = '42501';
  end if;
  if exists (select 1 from public.staff_members where email = p_email) then
    raise exception 'staff.exists: % already has an account', p_email using errcode = '23505', hint = 'staff.exists';
  end if;
  -- An address that was staff before (membership removed) keeps its user: the invite sets a new password.
  select id into found from auth.users where email = p_email;
  if found is null then
    insert into auth.users (email) values (p_email) returning id into found;
  end if;
  return found;
end
$$;

create function private.staff_invite_mail(
  p_user uuid,
  p_token_hash text,
  p_hours integer,
  p_subject text,
  p_text text,
  p_html text
) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  address text;
begin
  if not private.has_role('admin') then
    raise exception 'staff.notAllowed: only admins invite staff' using errcode = '42501';
  end if;
  -- Only someone who has not started yet: an invitation is no way to reset a colleague's password.
  select email into address from public.staff_members
  where user_id = p_user and active and last_signed_in_at is null;
  if address is null then
    raise exception 'staff.notInvitable: % is not an invited member who has yet to sign in', p_user
      using errcode = '42501', hint = 'staff.notInvitable';
  end if;
  -- Local accounts: the app's own link (one live invitation per person). With Supabase Auth the
  -- link is Supabase's, and only the e-mail is the app's.
  if p_token_hash is not null then
    delete from public.staff_password_links where user_id = p_user and purpose = 'invite' and used_at is null;
    insert into public.staff_password_links (token_hash, user_id, purpose, expires_at)
    values (p_token_hash, p_user, 'invite', now() + make_interval(hours => p_hours));
  end if;
  insert into public.mail_outbox (to_email, subject, body_text, body_html, kind)
  values (address, p_subject, p_text, p_html, 'staff_password');
  insert into public.audit_log (actor_id, actor_role, action, entity, entity_id, detail)
  values (private.uid(), private.staff_role()::text, 'staff_members.invite', 'staff_members', p_user::text,
          jsonb_build_object('after', jsonb_build_object('email', address)));
end
$$;

revoke all on function private.staff_local_user(text) from public, anon, authenticated, service_role;
revoke all on function private.staff_invite_mail(uuid, text, integer, text, text, text)
  from public, anon, authenticated, service_role;
grant execute on function private.staff_local_user(text) to doemee_staff;
grant execute on function private.staff_invite_mail(uuid, text, integer, text, text, text) to doemee_staff;
