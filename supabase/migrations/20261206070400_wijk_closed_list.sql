-- Issue 16, item 11: `wijk` was free text. It skipped moderation and the personal-data detector
-- and went verbatim into the report ("Wijk: Jan de Vries, Dorpsstraat 3"). Now it is one of the
-- consultation's wijken from content/ (content sync keeps public.wijken equal to the list) or null
-- ("zeg ik liever niet", or not answered). A foreign key holds every stored value to the list.

create table public.wijken (
  consultation_id uuid not null references public.consultations on delete cascade,
  name text not null check (length(name) between 2 and 80 and name = btrim(name)),
  position integer not null default 0,
  -- A wijk that left content/ while answers still name it stays (the key holds), not offered.
  offered boolean not null default true,
  primary key (consultation_id, name)
);
comment on table public.wijken is
  'The wijken a consultation offers in its profile question, from content/ (content sync). submissions.wijk is one of them.';

alter table public.wijken enable row level security;
-- Hosted Supabase may grant new tables to its API roles: start from nothing (issue 17).
revoke all on public.wijken from anon, authenticated, service_role;
grant select on public.wijken to doemee_anon, doemee_staff;
-- Written only by content sync (the server's own work); nobody edits the list in the app.
grant select, insert, update, delete on public.wijken to doemee_service;
create policy "The server's own work" on public.wijken
for all to doemee_service using (true) with check (true);
create policy "Anyone can read the wijken of published consultations" on public.wijken
for select to doemee_anon, doemee_staff
using (private.consultation_is_public(consultation_id) or (select private.has_role('admin', 'moderator', 'analyst', 'facilitator')));

-- Values written before the list existed: set aside, and mapped by content sync, which knows the
-- list (private.map_written_wijken below): a match ignoring case and surrounding spaces becomes
-- the listed name, anything else becomes null. Never readable through the API.
create table private.written_wijken (
  submission_id uuid primary key references public.submissions on delete cascade,
  written text not null
);
comment on table private.written_wijken is
  'Free-text wijk values from before 20261206070400, until content sync maps them to the list (then deleted).';
revoke all on private.written_wijken from public, anon, authenticated, service_role;

insert into private.written_wijken (submission_id, written)
select id, wijk from public.submissions where wijk is not null;
update public.submissions set wijk = null where wijk is not null;

alter table public.submissions
  add constraint submissions_wijk_listed foreign key (consultation_id, wijk)
  references public.wijken (consultation_id, name);
create index wijken_in_use on public.submissions (consultation_id, wijk) where wijk is not null;

create function private.map_written_wijken(target uuid) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  mapped integer;
begin
  update public.submissions s set wijk = w.name
  from private.written_wijken m
  join public.wijken w on w.consultation_id = target and lower(w.name) = lower(btrim(m.written))
  where s.id = m.submission_id and s.consultation_id = target;
  get diagnostics mapped = row_count;
  delete from private.written_wijken m
  using public.submissions s
  where s.id = m.submission_id and s.consultation_id = target;
  return mapped;
end
$$;
revoke all on function private.map_written_wijken(uuid) from public, anon, authenticated, service_role;
grant execute on function private.map_written_wijken(uuid) to doemee_service;
