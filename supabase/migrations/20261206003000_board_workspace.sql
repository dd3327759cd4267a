-- The theme board as a workspace (issue 14): a merge can be undone, and each theme carries the
-- engine's coherence figure.

-- ───────────────────────── coherence ─────────────────────────

alter table public.themes add column coherence real check (coherence is null or (coherence >= 0 and coherence <= 1));
comment on column public.themes.coherence is
  'How close the theme''s items are to each other against the rest, 0..1 (engine, written by a run). Null: not measured yet; the board then estimates it.';

-- ───────────────────────── merges that can be undone ─────────────────────────

create table public.theme_merges (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  source_id uuid not null references public.themes on delete cascade,
  target_id uuid not null references public.themes on delete cascade,
  -- The source theme as it was: {status, published_at}.
  source_before jsonb not null check (jsonb_typeof(source_before) = 'object'),
  -- Every assignment of both themes before the merge:
  -- [{theme_id, input_item_id, source, is_primary, score, assigned_by, created_at}].
  assignments_before jsonb not null check (jsonb_typeof(assignments_before) = 'array'),
  -- The target's assignments right after the merge: undo only when they are still exactly these.
  assignments_after jsonb not null check (jsonb_typeof(assignments_after) = 'array'),
  merged_by uuid default auth.uid() references auth.users (id) on delete set null,
  merged_at timestamptz not null default now(),
  undone_at timestamptz,
  undone_by uuid references auth.users (id) on delete set null,
  check (source_id <> target_id),
  check (undone_by is null or undone_at is not null)
);
comment on table public.theme_merges is
  'What a merge of two themes changed, so "Ongedaan maken" restores both themes and their items exactly.';
create index theme_merges_consultation_idx on public.theme_merges (consultation_id, merged_at desc);
create index theme_merges_source_idx on public.theme_merges (source_id);
create index theme_merges_target_idx on public.theme_merges (target_id);

create trigger theme_merges_audit after insert or update on public.theme_merges
for each row execute function private.audit_row('assignments_before', 'assignments_after');

revoke all on public.theme_merges from anon, authenticated;
grant select, insert, update on public.theme_merges to authenticated;
grant all on public.theme_merges to service_role;
alter table public.theme_merges enable row level security;
create policy "Analysts can read merges" on public.theme_merges
for select to authenticated using ((select private.has_role('analyst', 'admin')));
create policy "Analysts can record merges" on public.theme_merges
for insert to authenticated with check ((select private.has_role('analyst', 'admin')));
create policy "Analysts can undo merges" on public.theme_merges
for update to authenticated
using ((select private.has_role('analyst', 'admin'))) with check ((select private.has_role('analyst', 'admin')));
