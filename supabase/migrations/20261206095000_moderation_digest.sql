-- Issue 20, item 15: an optional daily e-mail for moderators ("12 nieuwe berichten wachten").
--
-- 1. public.staff_mail_settings: one row per staff member who chose to get the digest. The server
--    alone reads and writes it ("The server's own work"); a staff member changes only their own
--    choice through private.set_moderation_digest, and reads it through
--    private.moderation_digest_chosen (both security definer, moderators and admins only).
-- 2. mail_outbox carries the digest as kind 'moderation_digest': counts and a link, never a
--    resident's text or data. Like password links it is staff mail: admins do not read it in the
--    outbox (that page is residents' mail), and it is removed once sent.
create table public.staff_mail_settings (
  user_id uuid primary key references public.staff_members (user_id) on delete cascade,
  moderation_digest boolean not null default false,
  -- The Amsterdam day of the last digest queued for this person: at most one a day.
  digest_queued_on date,
  -- When that digest was queued: the next one counts messages that arrived after it.
  digest_queued_at timestamptz,
  updated_at timestamptz not null default now()
);
comment on table public.staff_mail_settings is
  'Which staff members chose the daily moderation e-mail, and when their last one was queued.';

alter table public.staff_mail_settings enable row level security;
revoke all on public.staff_mail_settings from anon, authenticated, service_role;
grant select, insert, update, delete on public.staff_mail_settings to doemee_service;
create policy "The server's own work" on public.staff_mail_settings
for all to doemee_service using (true) with check (true);

create function private.set_moderation_digest(p_on boolean) returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if auth.uid() is null or not private.has_role('moderator', 'admin') then
    raise exception 'only moderators and admins choose the moderation e-mail' using errcode = '42501';
  end if;
  insert into public.staff_mail_settings (user_id, moderation_digest)
  values (auth.uid(), coalesce(p_on, false))
  on conflict (user_id) do update set moderation_digest = excluded.moderation_digest, updated_at = now();
  return coalesce(p_on, false);
end
$$;
comment on function private.set_moderation_digest(boolean) is
  'The signed-in moderator or admin turns their own daily moderation e-mail on or off.';

create function private.moderation_digest_chosen() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce(
    (select s.moderation_digest from public.staff_mail_settings s
     where s.user_id = auth.uid() and private.has_role('moderator', 'admin')),
    false)
$$;
comment on function private.moderation_digest_chosen() is
  'Whether the signed-in moderator or admin chose the daily moderation e-mail.';

revoke all on function private.set_moderation_digest(boolean) from public, anon, authenticated, service_role;
revoke all on function private.moderation_digest_chosen() from public, anon, authenticated, service_role;
grant execute on function private.set_moderation_digest(boolean) to doemee_staff;
grant execute on function private.moderation_digest_chosen() to doemee_staff;

alter table public.mail_outbox drop constraint mail_outbox_kind_check;
alter table public.mail_outbox add constraint mail_outbox_kind_check
  check (kind in ('results_published', 'staff_password', 'moderation_digest'));

alter policy "Admins can read the mail outbox" on public.mail_outbox
  using ((select private.has_role('admin')) and kind = 'results_published');
