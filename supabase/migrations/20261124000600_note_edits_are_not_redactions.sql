-- A facilitator correcting their own note before moderation is an edit, not a redaction: only a
-- change by anyone else (moderators, admins, the service) keeps the original and marks the text
-- as redacted.
create or replace function private.keep_original() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.body is distinct from old.body and not private.has_role('facilitator') then
    insert into public.input_originals (input_item_id, body, purge_after)
    select old.id, old.body, coalesce(c.retention_until, current_date + 180)
    from public.consultations c where c.id = old.consultation_id
    on conflict (input_item_id) do nothing;
    new.redacted := true;
  end if;
  return new;
end
$$;
