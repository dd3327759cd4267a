-- The outbox for the one e-mail residents may get: "the results are out". Publishing results
-- queues one row per contact address; a delivery job sends them over SMTP. Without SMTP (the
-- embedded default) the rows simply stay here, where admins can read them.

create table public.mail_outbox (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  to_email text not null check (
    length(to_email) between 3 and 254
    and to_email = lower(to_email)
    and to_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
  ),
  subject text not null check (length(subject) between 1 and 300),
  body_text text not null check (length(body_text) between 1 and 20000),
  body_html text not null check (length(body_html) between 1 and 50000),
  kind text not null check (kind in ('results_published')),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0 check (attempts between 0 and 100),
  last_error text check (length(last_error) <= 300),
  not_before timestamptz not null default now(),
  -- One message per address, consultation and kind, however often results are published.
  unique (consultation_id, to_email, kind)
);
comment on table public.mail_outbox is
  'E-mail to residents, queued once per address when results are published. Sent by the mail job; admins read it.';
comment on column public.mail_outbox.attempts is 'Failed delivery attempts; the job gives up after 5.';
comment on column public.mail_outbox.last_error is 'The last SMTP error, shortened; never the message itself.';
comment on column public.mail_outbox.not_before is
  'Not picked up before this time: the claim of a delivery in progress, or the wait after a failure.';

create index mail_outbox_pending_idx on public.mail_outbox (not_before, created_at) where sent_at is null;
create index mail_outbox_created_idx on public.mail_outbox (created_at desc, id desc);

-- Hosted Supabase grants new tables to the API roles by default: start from nothing.
-- Only admins read (through the policy below); only service_role (the mail job, which bypasses
-- RLS) writes.
revoke all on public.mail_outbox from anon, authenticated;
grant select on public.mail_outbox to authenticated;
grant select, insert, update, delete on public.mail_outbox to service_role;

alter table public.mail_outbox enable row level security;

create policy "Admins can read the mail outbox" on public.mail_outbox
for select to authenticated using ((select private.has_role('admin')));
