-- Publishing is deliberate and versioned (issue 15): the public "wat we hoorden" page shows one
-- frozen page built from one theme snapshot, and nothing else, until the next version is
-- published. The results e-mail is its own step, once per consultation. Re-runs of the theme
-- engine only suggest changes to accepted themes (issue 14): theme_suggestions holds them.

-- ───────────────────────── publications ─────────────────────────

create table public.results_publications (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  snapshot_id uuid not null references public.theme_snapshots on delete restrict,
  -- The title residents see; the snapshot's own label is internal.
  title text not null check (length(btrim(title)) between 3 and 200),
  -- The frozen page: {themes: [{id, label, descriptionMd, reactionMd, primary, secondary,
  -- primaryByAudience, secondaryByAudience, quoteItemIds}], audiences, items}. Counts and texts
  -- never change; quotes are looked up when shown, so a text withdrawn later is not shown.
  page jsonb not null check (jsonb_typeof(page) = 'object'),
  published_at timestamptz not null default now(),
  published_by uuid default auth.uid() references auth.users (id) on delete set null,
  withdrawn_at timestamptz,
  withdrawn_by uuid references auth.users (id) on delete set null,
  check (withdrawn_by is null or withdrawn_at is not null)
);
comment on table public.results_publications is
  'Versions of the public "wat we hoorden" page: each a frozen page built from one theme snapshot.';
create index results_publications_current_idx
  on public.results_publications (consultation_id, published_at desc) where withdrawn_at is null;

create trigger results_publications_audit after insert or update on public.results_publications
for each row execute function private.audit_row('page');

revoke all on public.results_publications from anon, authenticated;
grant select on public.results_publications to authenticated;
grant all on public.results_publications to service_role;
alter table public.results_publications enable row level security;
create policy "Analysts can read publications" on public.results_publications
for select to authenticated using ((select private.has_role('analyst', 'admin')));

-- The public page of one snapshot: its accepted themes that are marked for the public page
-- (published_at set when frozen), counted over approved input with one definition: primary =
-- "berichten", secondary = "ook genoemd bij", never added up. Quotes: the three strongest
-- primary items of moderate length. Used for the preview and, stored, for the publication.
create function private.version_page(p_snapshot uuid) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  with snap as (
    select s.themes, s.assignments from public.theme_snapshots s where s.id = p_snapshot
  ),
  th as (
    select (x ->> 'id')::uuid as id, x ->> 'label' as label,
           coalesce(x ->> 'description_md', '') as description_md,
           coalesce(x ->> 'reaction_md', '') as reaction_md,
           coalesce((x ->> 'position')::int, e.ord::int) as position
    from snap, jsonb_array_elements(snap.themes) with ordinality as e(x, ord)
    where x ->> 'status' = 'active' and x ->> 'published_at' is not null
  ),
  asg as (
    select (x ->> 'theme_id')::uuid as theme_id, (x ->> 'input_item_id')::uuid as item_id,
           coalesce((x ->> 'is_primary')::boolean, true) as is_primary,
           coalesce((x ->> 'score')::float8, 0) as score
    from snap, jsonb_array_elements(snap.assignments) as x
  ),
  hits as (
    select a.theme_id, a.item_id, a.is_primary, a.score, i.audience::text as audience,
           length(i.body) as body_length
    from asg a join th on th.id = a.theme_id
    join public.input_items i on i.id = a.item_id and i.status = 'approved'
  ),
  per_audience as (
    select theme_id, is_primary, jsonb_object_agg(audience, n order by audience) as by_audience, sum(n)::int as n
    from (select theme_id, is_primary, audience, count(*)::int as n from hits group by 1, 2, 3) c
    group by theme_id, is_primary
  ),
  quotes as (
    select theme_id, jsonb_agg(item_id order by rank) as ids from (
      select theme_id, item_id,
             row_number() over (partition by theme_id order by score desc, item_id) as rank
      from hits where is_primary and body_length between 20 and 600
    ) ranked where rank <= 3 group by theme_id
  ),
  themes as (
    select th.*, coalesce(p.n, 0) as primary_n, coalesce(s.n, 0) as secondary_n,
           coalesce(p.by_audience, '{}') as primary_by, coalesce(s.by_audience, '{}') as secondary_by,
           coalesce(q.ids, '[]') as quote_ids
    from th
    left join per_audience p on p.theme_id = th.id and p.is_primary
    left join per_audience s on s.theme_id = th.id and not s.is_primary
    left join quotes q on q.theme_id = th.id
  )
  select jsonb_build_object(
    'themes', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', id, 'label', label, 'descriptionMd', description_md, 'reactionMd', reaction_md,
        'primary', primary_n, 'secondary', secondary_n,
        'primaryByAudience', primary_by, 'secondaryByAudience', secondary_by,
        'quoteItemIds', quote_ids
      ) order by primary_n desc, position, label) from themes), '[]'::jsonb),
    'audiences', coalesce((select jsonb_agg(distinct audience order by audience) from hits), '[]'::jsonb),
    'items', (select count(distinct item_id)::int from hits where is_primary)
  )
  from snap
$$;

-- Preview for analysts: exactly the page a publication of this snapshot would store.
create function public.preview_results_version(p_snapshot uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.has_role('analyst', 'admin') then
    raise exception 'only analysts and admins preview results' using errcode = '42501';
  end if;
  return private.version_page(p_snapshot);
end
$$;

-- Publishes a snapshot as the public page. Refused (P0001 with a code the app maps to Dutch) when
-- the consultation is a draft or the page would have no themes. Marks the results published.
create function public.publish_results_version(p_snapshot uuid, p_title text) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  target uuid;
  page jsonb;
  created uuid;
begin
  if not private.has_role('analyst', 'admin') then
    raise exception 'only analysts and admins publish results' using errcode = '42501';
  end if;
  select s.consultation_id into target from public.theme_snapshots s where s.id = p_snapshot;
  if target is null then
    raise exception 'publish.notFound' using errcode = 'P0001';
  end if;
  if not exists (select 1 from public.consultations c where c.id = target and c.status <> 'draft') then
    raise exception 'publish.draftConsultation' using errcode = 'P0001';
  end if;
  page := private.version_page(p_snapshot);
  if jsonb_array_length(page -> 'themes') = 0 then
    raise exception 'publish.noThemes' using errcode = 'P0001';
  end if;
  insert into public.results_publications (consultation_id, snapshot_id, title, page)
  values (target, p_snapshot, btrim(p_title), page)
  returning id into created;
  update public.consultations set results_published_at = now()
  where id = target and results_published_at is null;
  return created;
end
$$;

-- Takes a version off the public page (the previous version, if any, shows again).
create function public.withdraw_results_version(p_publication uuid) returns boolean
language plpgsql security definer
set search_path = ''
as $$
declare
  changed integer;
begin
  if not private.has_role('analyst', 'admin') then
    raise exception 'only analysts and admins withdraw results' using errcode = '42501';
  end if;
  update public.results_publications
  set withdrawn_at = now(), withdrawn_by = auth.uid()
  where id = p_publication and withdrawn_at is null;
  get diagnostics changed = row_count;
  return changed > 0;
end
$$;

-- What a visitor reads: one call, one row. The current (or a named, still listed) publication of
-- a public consultation, the quotes it cites that are still approved, and the list of versions.
-- The publication rule is applied once here, not per row by policies.
create function public.published_results(p_slug text, p_publication uuid default null) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  with c as (
    select id, slug, title from public.consultations where slug = p_slug and status <> 'draft'
  ),
  listed as (
    select p.id, p.title, p.published_at, p.page
    from public.results_publications p join c on c.id = p.consultation_id
    where p.withdrawn_at is null
  ),
  chosen as (
    select * from listed
    where p_publication is null or id = p_publication
    order by published_at desc, id desc limit 1
  )
  select jsonb_build_object(
    'consultation', jsonb_build_object('id', c.id, 'slug', c.slug, 'title', c.title),
    'publication', (
      select jsonb_build_object('id', id, 'title', title, 'publishedAt', published_at, 'page', page)
      from chosen
    ),
    'current', (select id from listed order by published_at desc, id desc limit 1),
    'versions', coalesce((
      select jsonb_agg(jsonb_build_object('id', id, 'title', title, 'publishedAt', published_at)
        order by published_at desc, id desc) from listed), '[]'::jsonb),
    'quotes', coalesce((
      select jsonb_object_agg(i.id, jsonb_build_object(
        'body', i.body, 'audience', i.audience, 'channel', i.channel))
      from public.input_items i
      -- "= any(array(…))": a handful of primary-key lookups, whatever the table's statistics say.
      where i.status = 'approved' and i.id = any (array(
        select q::uuid from chosen, jsonb_array_elements(chosen.page -> 'themes') t,
          jsonb_array_elements_text(t -> 'quoteItemIds') q
      ))), '{}'::jsonb)
  )
  from c
$$;

-- The old rule (newest snapshot matching the live published themes) is replaced by publications.
drop function public.results_version(uuid);

revoke all on function private.version_page(uuid) from public, anon, authenticated;
revoke all on function public.preview_results_version(uuid) from public;
revoke all on function public.publish_results_version(uuid, text) from public;
revoke all on function public.withdraw_results_version(uuid) from public;
revoke all on function public.published_results(text, uuid) from public;
grant execute on function public.preview_results_version(uuid) to authenticated;
grant execute on function public.publish_results_version(uuid, text) to authenticated;
grant execute on function public.withdraw_results_version(uuid) to authenticated;
grant execute on function public.published_results(text, uuid) to anon, authenticated;

-- ───────────────────────── the results e-mail ─────────────────────────

alter table public.consultations add column results_mail_queued_at timestamptz;
comment on column public.consultations.results_mail_queued_at is
  'When staff sent the one "the results are online" e-mail; it is sent once per consultation.';

-- Claims the one results e-mail of a consultation: true for the first caller only, and only once
-- a version is published. Two staff members at once, or a double click: one wins.
create function public.claim_results_mail(p_consultation uuid) returns boolean
language plpgsql security definer
set search_path = ''
as $$
declare
  changed integer;
begin
  if not private.has_role('analyst', 'admin') then
    raise exception 'only analysts and admins send the results e-mail' using errcode = '42501';
  end if;
  update public.consultations c set results_mail_queued_at = now()
  where c.id = p_consultation and c.results_mail_queued_at is null
    and exists (
      select 1 from public.results_publications p
      where p.consultation_id = c.id and p.withdrawn_at is null
    );
  get diagnostics changed = row_count;
  return changed > 0;
end
$$;
revoke all on function public.claim_results_mail(uuid) from public;

-- How many people the results e-mail would reach (distinct addresses not yet notified), for the
-- confirmation step; analysts may not read the addresses themselves.
create function private.results_mail_recipients(p_consultation uuid) returns integer
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.has_role('analyst', 'admin') then
    raise exception 'only analysts and admins count recipients' using errcode = '42501';
  end if;
  return (select count(distinct lower(e.email))::int from public.contact_emails e
          where e.consultation_id = p_consultation and e.notified_at is null);
end
$$;
revoke all on function private.results_mail_recipients(uuid) from public, anon;
grant execute on function private.results_mail_recipients(uuid) to authenticated;
grant execute on function public.claim_results_mail(uuid) to authenticated;

-- Publishing a theme no longer marks the results published: a published version does.
drop function private.mark_results_published(uuid);

-- ───────────────────────── suggestions from re-runs ─────────────────────────

create table public.theme_suggestions (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  job_id uuid references public.theme_jobs on delete set null,
  kind text not null check (kind in ('move', 'merge')),
  -- move: this item from its theme to another; merge: from_theme into to_theme.
  input_item_id uuid references public.input_items on delete cascade,
  from_theme_id uuid not null references public.themes on delete cascade,
  to_theme_id uuid not null references public.themes on delete cascade,
  score real not null check (score >= 0 and score <= 1),
  status text not null default 'open' check (status in ('open', 'accepted', 'rejected')),
  resolved_by uuid references auth.users (id) on delete set null,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  check ((kind = 'move') = (input_item_id is not null)),
  check (from_theme_id <> to_theme_id),
  check ((status = 'open') = (resolved_at is null))
);
comment on table public.theme_suggestions is
  'What a re-run proposes for accepted themes ("Verplaatsen naar …?", "Samenvoegen met …?"); the analyst decides.';
create index theme_suggestions_open_idx on public.theme_suggestions (consultation_id) where status = 'open';
-- A suggestion the analyst rejected is not made again.
create unique index theme_suggestions_once_idx on public.theme_suggestions
  (consultation_id, kind, coalesce(input_item_id, '00000000-0000-0000-0000-000000000000'::uuid), from_theme_id, to_theme_id)
  where status <> 'open';

create trigger theme_suggestions_audit after update on public.theme_suggestions
for each row execute function private.audit_row();

revoke all on public.theme_suggestions from anon, authenticated;
grant select, insert, update, delete on public.theme_suggestions to authenticated;
grant all on public.theme_suggestions to service_role;
alter table public.theme_suggestions enable row level security;
create policy "Analysts can read suggestions" on public.theme_suggestions
for select to authenticated using ((select private.has_role('analyst', 'admin')));
create policy "Analysts can add suggestions" on public.theme_suggestions
for insert to authenticated with check ((select private.has_role('analyst', 'admin')));
create policy "Analysts can decide on suggestions" on public.theme_suggestions
for update to authenticated
using ((select private.has_role('analyst', 'admin'))) with check ((select private.has_role('analyst', 'admin')));
create policy "Analysts can clear open suggestions" on public.theme_suggestions
for delete to authenticated using ((select private.has_role('analyst', 'admin')) and status = 'open');
