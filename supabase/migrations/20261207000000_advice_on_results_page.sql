-- Formal advice on the public "wat we hoorden" page (issue 19, part 2).
--
-- The college's response to an advice is a draft until the college adopts it (a B&W decision).
-- written_inputs.response_adopted_on records that date; only analysts and admins set it. A version
-- of the results page published after that shows the advice with every point and the response,
-- frozen like the rest of the page: the response text and status as they were when the version was
-- published. The point's own text is looked up when the page is shown, like a quote, so a point
-- that moderation withdraws later is no longer shown.

alter table public.written_inputs add column response_adopted_on date;
alter table public.written_inputs add constraint written_inputs_adopted_only_advice
  check (response_adopted_on is null or kind = 'advies');
comment on column public.written_inputs.response_adopted_on is
  'When the college adopted its response to this advice; from then on a published results version shows it.';

grant update (response_adopted_on) on public.written_inputs to doemee_staff;

-- Moderators may correct a letter's sender or date, but adopting the college's response is the
-- analysts' and admins' (they write it).
create function private.guard_response_adoption() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.response_adopted_on is distinct from old.response_adopted_on
     and not private.has_role('analyst', 'admin') then
    raise exception 'only analysts and admins record the college''s adoption' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger written_inputs_guard_adoption before update on public.written_inputs
for each row execute function private.guard_response_adoption();

-- The public page of one snapshot, as before (themes, audiences, items), now with the advices of
-- its consultation whose response the college adopted: each with its approved points in document
-- order, the response and status frozen, and the themes of this page it links to.
create or replace function private.version_page(p_snapshot uuid) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  with snap as (
    select s.consultation_id, s.themes, s.assignments from public.theme_snapshots s where s.id = p_snapshot
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
  ),
  advice_points as (
    select p.written_input_id, p.position, jsonb_build_object(
             'itemId', p.input_item_id, 'position', p.position,
             'status', p.response_status, 'responseMd', p.response_md,
             'themeIds', coalesce((
               select jsonb_agg(pt.theme_id order by pt.theme_id) from public.written_point_themes pt
               where pt.input_item_id = p.input_item_id and pt.theme_id in (select id from th)
             ), '[]'::jsonb)
           ) as point
    from snap
    join public.written_inputs w on w.consultation_id = snap.consultation_id
      and w.kind = 'advies' and w.saved_at is not null and w.response_adopted_on is not null
    join public.written_points p on p.written_input_id = w.id
    join public.input_items i on i.id = p.input_item_id and i.status = 'approved'
  ),
  advices as (
    select w.id, w.sender, w.title, w.received_on, w.response_adopted_on,
           jsonb_agg(ap.point order by ap.position) as points
    from advice_points ap join public.written_inputs w on w.id = ap.written_input_id
    group by w.id
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
    'items', (select count(distinct item_id)::int from hits where is_primary),
    'advices', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', id, 'sender', sender, 'title', title,
        'receivedOn', to_char(received_on, 'YYYY-MM-DD'),
        'adoptedOn', to_char(response_adopted_on, 'YYYY-MM-DD'),
        'points', points
      ) order by received_on, sender, id) from advices), '[]'::jsonb)
  )
  from snap
$$;

-- What a visitor reads, as before; the texts looked up now include the advice points the
-- version shows (still only while they are approved).
create or replace function public.published_results(p_slug text, p_publication uuid default null) returns jsonb
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
        union all
        select (pt ->> 'itemId')::uuid from chosen,
          jsonb_array_elements(coalesce(chosen.page -> 'advices', '[]'::jsonb)) a,
          jsonb_array_elements(a -> 'points') pt
      ))), '{}'::jsonb)
  )
  from c
$$;
