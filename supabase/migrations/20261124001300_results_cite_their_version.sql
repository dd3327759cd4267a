-- The public "wat we hoorden" page names the frozen version its published themes come from: the
-- newest snapshot that holds every currently published theme with the same label and description.
-- Visitors may not read snapshots (they also hold unpublished work), so this function answers
-- only that question. No such snapshot (nothing frozen yet, or edited since): no rows.
create function public.results_version(p_consultation uuid)
returns table (label text, created_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select s.label, s.created_at
  from public.theme_snapshots s
  where s.consultation_id = p_consultation
    and exists (
      select 1 from public.themes t
      where t.consultation_id = p_consultation and t.published_at is not null
    )
    and not exists (
      select 1 from public.themes t
      where t.consultation_id = p_consultation and t.published_at is not null
        and not exists (
          select 1 from jsonb_array_elements(s.themes) e
          where e ->> 'id' = t.id::text
            and e ->> 'label' = t.label
            and coalesce(e ->> 'description_md', '') = t.description_md
        )
    )
  order by s.created_at desc, s.id desc
  limit 1
$$;
comment on function public.results_version(uuid) is
  'The snapshot (label, date) that the published themes of a consultation come from, if any.';
revoke all on function public.results_version(uuid) from public;
grant execute on function public.results_version(uuid) to anon, authenticated;
