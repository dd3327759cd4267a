-- Facilitators may edit their notes while they await moderation, but the moderation fields
-- (who moderated, when, why rejected) are the moderators' alone: a facilitator's update must not
-- make a note look moderated. Row policies cannot compare old and new values, so a trigger does.
create function private.moderation_fields_need_a_moderator() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user = 'authenticated'
     and (new.moderated_by, new.moderated_at, new.reject_reason)
         is distinct from (old.moderated_by, old.moderated_at, old.reject_reason)
     and not private.has_role('moderator', 'admin') then
    raise exception 'only moderators can set the moderation fields' using errcode = '42501';
  end if;
  return new;
end
$$;

create trigger input_items_moderation_fields before update on public.input_items
for each row execute function private.moderation_fields_need_a_moderator();
