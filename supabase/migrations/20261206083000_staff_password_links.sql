-- One-time links to set a password for local staff accounts (issue 18, part 2): an invitation
-- (48 hours) or "wachtwoord vergeten" (1 hour). With Supabase Auth, Supabase sends these links
-- itself; without it the app does, through the mail outbox.
--
-- Only a SHA-256 of the token is kept, so the table cannot be used to sign in as anyone. A link
-- works once: using it stamps used_at in the same statement that checks it.
create table public.staff_password_links (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references auth.users (id) on delete cascade,
  purpose text not null check (purpose in ('invite', 'recovery')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at)
);
comment on table public.staff_password_links is
  'One-time links to set a local staff password (invite, recovery). Holds SHA-256 of the token only.';
create index staff_password_links_user_id_fk_idx on public.staff_password_links (user_id, purpose, created_at desc);

alter table public.staff_password_links enable row level security;
revoke all on public.staff_password_links from anon, authenticated, service_role;
grant select, insert, update, delete on public.staff_password_links to doemee_service;
create policy "The server's own work" on public.staff_password_links
for all to doemee_service using (true) with check (true);

-- The outbox also carries these messages. They belong to no consultation, and the link in them
-- is a key to someone's account: admins do not read them in the outbox (the page shows residents'
-- mail only), and they are removed once sent.
alter table public.mail_outbox alter column consultation_id drop not null;
alter table public.mail_outbox drop constraint mail_outbox_kind_check;
alter table public.mail_outbox add constraint mail_outbox_kind_check
  check (kind in ('results_published', 'staff_password'));
alter table public.mail_outbox add constraint mail_outbox_results_have_a_consultation
  check (kind <> 'results_published' or consultation_id is not null);

alter policy "Admins can read the mail outbox" on public.mail_outbox
  using ((select private.has_role('admin')) and kind <> 'staff_password');

-- A new password ends the person's other sessions: whoever knew the old one is out at once.
create function private.staff_sessions_end_all(p_user uuid) returns void
language sql volatile security definer
set search_path = ''
as $$ delete from public.staff_sessions where user_id = p_user $$;
revoke all on function private.staff_sessions_end_all(uuid) from public, anon, authenticated, service_role;
grant execute on function private.staff_sessions_end_all(uuid) to doemee_service;
