-- Exports and the staff dashboard.
--
-- 1. private.record_export: the one way an export is recorded in the audit log. Only analysts and
--    admins may export, so the function refuses everyone else (SQLSTATE 42501); the export code
--    calls it in the same transaction that reads the export's figures, before any data leaves.
--    The row holds who, which format, which filters and how many rows: never input text.
-- 2. private.input_counts: aggregate counts of all input (every moderation status) for the
--    dashboard. Analysts may only read approved rows, but moderation progress needs the other
--    statuses too; this gives them numbers, never rows or text.

create function private.record_export(
  export_format text, export_source text, export_filters jsonb, export_counts jsonb
) returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  new_id bigint;
begin
  if not private.has_role('analyst', 'admin') then
    raise exception 'only analysts and admins can export' using errcode = '42501';
  end if;
  if export_format !~ '^[a-z0-9_-]{1,20}$' then
    raise exception 'unknown export format' using errcode = '22023';
  end if;
  if jsonb_typeof(export_filters) <> 'object' or jsonb_typeof(export_counts) <> 'object' then
    raise exception 'filters and counts must be objects' using errcode = '22023';
  end if;
  insert into public.audit_log (actor_id, actor_role, action, entity, entity_id, detail)
  values (
    auth.uid(),
    private.staff_role()::text,
    'export.create',
    'export',
    left(export_source, 100),
    jsonb_build_object('format', export_format, 'filters', export_filters, 'counts', export_counts)
  )
  returning id into new_id;
  return new_id;
end
$$;

create function private.input_counts(
  target_consultation uuid, period_from timestamptz, period_to timestamptz, only_audience public.audience
) returns table (
  day date, channel public.channel, audience public.audience, stop_id uuid,
  status public.moderation_status, items integer
)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.has_role('analyst', 'admin', 'moderator') then
    raise exception 'only analysts, moderators and admins can read input counts' using errcode = '42501';
  end if;
  return query
    select (i.created_at at time zone 'Europe/Amsterdam')::date, i.channel, i.audience, i.stop_id, i.status,
           count(*)::integer
    from public.input_items i
    where i.consultation_id = target_consultation
      and (period_from is null or i.created_at >= period_from)
      and (period_to is null or i.created_at < period_to)
      and (only_audience is null or i.audience = only_audience)
    group by 1, 2, 3, 4, 5;
end
$$;

revoke all on function private.record_export(text, text, jsonb, jsonb) from public;
revoke all on function private.input_counts(uuid, timestamptz, timestamptz, public.audience) from public;
grant execute on function private.record_export(text, text, jsonb, jsonb) to authenticated;
grant execute on function private.input_counts(uuid, timestamptz, timestamptz, public.audience) to authenticated;
