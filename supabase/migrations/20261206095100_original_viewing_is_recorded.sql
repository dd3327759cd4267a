-- Issue 20, item 13: admins may read the original of a redacted text, and every reading is
-- recorded in the audit log (who, which item, when; never the text). The screens read originals
-- only through this function; the select policy for admins stays for removal requests and checks.
create function private.read_original(p_item uuid) returns text
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  original text;
begin
  if not private.has_role('admin') then
    raise exception 'only admins read originals' using errcode = '42501';
  end if;
  select o.body into original from public.input_originals o where o.input_item_id = p_item;
  if original is null then
    return null;
  end if;
  insert into public.audit_log (actor_id, actor_role, action, entity, entity_id, detail)
  values (auth.uid(), private.staff_role()::text, 'original.view', 'input_items', p_item::text, '{}'::jsonb);
  return original;
end
$$;
comment on function private.read_original(uuid) is
  'The unredacted text of an item, for admins; records the reading in the audit log.';
revoke all on function private.read_original(uuid) from public, anon, authenticated, service_role;
grant execute on function private.read_original(uuid) to doemee_staff;
