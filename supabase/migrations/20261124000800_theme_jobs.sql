-- The theme board: clustering runs as a background job (a record the board polls for progress),
-- and the first publication of themes marks a consultation's results as published.

create table public.theme_jobs (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  kind text not null check (kind in ('propose', 'split')),
  -- For a split: the theme that is re-clustered.
  theme_id uuid references public.themes on delete cascade,
  -- Which approved input the run reads: {audience?, channel?, questionId?}.
  filters jsonb not null default '{}' check (jsonb_typeof(filters) = 'object'),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  progress real not null default 0 check (progress >= 0 and progress <= 1),
  -- What the run changed: {items, themes, newThemes} (counts only, never input text).
  summary jsonb not null default '{}' check (jsonb_typeof(summary) = 'object'),
  error text check (length(error) <= 500),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((kind = 'split') = (theme_id is not null)),
  check ((status in ('done', 'failed')) = (finished_at is not null))
);
comment on table public.theme_jobs is
  'Clustering runs of the theme board: status and progress, polled by the board while the engine runs.';
create index theme_jobs_consultation_idx on public.theme_jobs (consultation_id, created_at desc);
-- One run at a time per consultation: two runs writing assignments at once would fight.
create unique index theme_jobs_one_active_idx on public.theme_jobs (consultation_id)
  where status in ('queued', 'running');

create trigger theme_jobs_audit after insert on public.theme_jobs
for each row execute function private.audit_row();

revoke all on public.theme_jobs from anon, authenticated;
grant select, insert, update on public.theme_jobs to authenticated;
grant delete on public.theme_jobs to authenticated;
grant all on public.theme_jobs to service_role;

alter table public.theme_jobs enable row level security;

create policy "Analysts can read theme jobs" on public.theme_jobs
for select to authenticated using ((select private.has_role('analyst', 'admin')));
create policy "Analysts can start theme jobs" on public.theme_jobs
for insert to authenticated
with check ((select private.has_role('analyst', 'admin')) and created_by = (select auth.uid()));
create policy "Analysts can report on theme jobs" on public.theme_jobs
for update to authenticated
using ((select private.has_role('analyst', 'admin'))) with check ((select private.has_role('analyst', 'admin')));
create policy "Admins can delete theme jobs" on public.theme_jobs
for delete to authenticated using ((select private.has_role('admin')));

-- Analysts publish themes but may not edit consultations. The first time a consultation has a
-- published theme, this marks its results published (audited by the consultations trigger) and
-- says so, so the caller queues the one results e-mail. Returns false when already published or
-- when nothing is published.
create function private.mark_results_published(target uuid) returns boolean
language plpgsql security definer
set search_path = ''
as $$
declare
  changed integer;
begin
  if not private.has_role('analyst', 'admin') then
    raise exception 'only analysts and admins publish results' using errcode = '42501';
  end if;
  update public.consultations c set results_published_at = now()
  where c.id = target and c.results_published_at is null
    and exists (select 1 from public.themes t where t.consultation_id = c.id and t.published_at is not null);
  get diagnostics changed = row_count;
  return changed > 0;
end
$$;
revoke all on function private.mark_results_published(uuid) from public;
grant execute on function private.mark_results_published(uuid) to authenticated;

-- The same rule as before, with the staff check first: Postgres evaluates an OR left to right, so
-- for analysts the per-row functions (each a query) are no longer called for every assignment.
-- A theme board run deleting 3,000 automatic assignments took 11–28 s on PGlite because of them.
drop policy "Anyone can read assignments of approved input to published themes" on public.theme_assignments;
create policy "Anyone can read assignments of approved input to published themes" on public.theme_assignments
for select to anon, authenticated
using (
  (select private.has_role('admin', 'moderator', 'analyst'))
  or (private.theme_is_published(theme_id) and private.item_is_public(input_item_id))
);
