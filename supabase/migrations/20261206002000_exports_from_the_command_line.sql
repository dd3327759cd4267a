-- Exports from the command line (issue 15): `npm run export` runs as the service role, like the
-- other jobs (retention, mail). private.record_export now accepts that caller too, and records
-- where an export was asked for: 'web' (the staff pages, as the signed-in analyst or admin) or
-- 'cli'. Everyone else is still refused before anything is read (42501).

drop function private.record_export(text, text, jsonb, jsonb);

create function private.record_export(
  export_format text, export_source text, export_filters jsonb, export_counts jsonb,
  export_via text default 'web'
) returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  new_id bigint;
begin
  if not (private.has_role('analyst', 'admin') or auth.role() = 'service_role') then
    raise exception 'only analysts and admins can export' using errcode = '42501';
  end if;
  if export_format !~ '^[a-z0-9_-]{1,20}$' then
    raise exception 'unknown export format' using errcode = '22023';
  end if;
  if export_via not in ('web', 'cli') then
    raise exception 'unknown export origin' using errcode = '22023';
  end if;
  if jsonb_typeof(export_filters) <> 'object' or jsonb_typeof(export_counts) <> 'object' then
    raise exception 'filters and counts must be objects' using errcode = '22023';
  end if;
  insert into public.audit_log (actor_id, actor_role, action, entity, entity_id, detail)
  values (
    auth.uid(),
    coalesce(private.staff_role()::text, auth.role()),
    'export.create',
    'export',
    left(export_source, 100),
    jsonb_build_object('format', export_format, 'via', export_via, 'filters', export_filters,
      'counts', export_counts)
  )
  returning id into new_id;
  return new_id;
end
$$;
comment on function private.record_export(text, text, jsonb, jsonb, text) is
  'Records an export in the audit log (who, format, filters, counts, web or cli; never text); refuses all but analysts, admins and the service role.';

revoke all on function private.record_export(text, text, jsonb, jsonb, text) from public;
grant execute on function private.record_export(text, text, jsonb, jsonb, text) to authenticated, service_role;
