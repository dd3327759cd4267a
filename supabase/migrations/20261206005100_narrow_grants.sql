-- Issue 16, item 8: grants and policies no wider than what the app does.
--
-- 1. submissions.reference_code is the resident's key to their own answers. Staff read the
--    profile columns (exports count them) but never the codes: authenticated gets a column grant
--    without reference_code, so neither `select reference_code` nor `where reference_code = …`
--    works for any staff member. An admin handling an access or removal request finds the one
--    submission through private.submission_by_reference (security definer, admins only); the
--    resident's own page (/mijn-inzending) runs as the service role, which keeps its grants and
--    removes through the same code path, so the function answers the service role too.
-- 2. audit_log: rows come from triggers and security-definer functions (private.audit_row,
--    private.record_export, private.audit_sign_in) and the retention job (service role). No staff
--    member inserts rows of their own any more: no insert grant, no insert policy.
-- 3. input_items inserted by staff (roadtour notes): a column grant of what a note is made of; the
--    moderation fields, status, redaction flag, version and times keep their defaults, and
--    created_at is the server's (a trigger). The insert policy says the same, so a note can never
--    arrive looking moderated.

-- ───────────────────────── 1. reference codes ─────────────────────────
revoke select on public.submissions from authenticated;
grant select (
  id, consultation_id, audience, channel, stop_id, organisation_name, age_band, wijk, receives_help,
  consent_at, created_at
) on public.submissions to authenticated;

create function private.submission_by_reference(code text) returns uuid
language sql stable security definer
set search_path = ''
as $$
  select s.id from public.submissions s
  where s.reference_code = code and (private.has_role('admin') or auth.role() = 'service_role')
$$;
comment on function private.submission_by_reference(text) is
  'The submission with this reference code, for admins (access and removal requests) and the service role (the resident''s own page); null for anyone else.';
revoke all on function private.submission_by_reference(text) from public;
grant execute on function private.submission_by_reference(text) to authenticated, service_role;

-- ───────────────────────── 2. audit log ─────────────────────────
drop policy "Staff can record their own actions" on public.audit_log;
revoke insert on public.audit_log from authenticated;

-- ───────────────────────── 3. roadtour notes ─────────────────────────
revoke insert on public.input_items from authenticated;
grant insert (
  id, consultation_id, channel, audience, stop_id, topic_id, kind, speaker, body, pii_spans, client_created_at
) on public.input_items to authenticated;

drop policy "Facilitators can add notes to their stops" on public.input_items;
create policy "Facilitators can add notes to their stops" on public.input_items
for insert to authenticated
with check (
  channel = 'roadtour' and status = 'new' and not redacted and version = 1
  and reject_reason is null and moderated_by is null and moderated_at is null
  and private.facilitates(stop_id)
);

-- A note's time is the server's, in arrival order: strictly after the stop's last note, so two
-- notes stored in one clock tick keep their order (it was set by the insert itself before).
-- Invoker rights: whoever may add a note to a stop may read that stop's notes.
create function private.time_roadtour_note() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon') then
    new.created_at := greatest(
      clock_timestamp(),
      (select max(i.created_at) + interval '1 microsecond' from public.input_items i where i.stop_id = new.stop_id)
    );
    new.updated_at := new.created_at;
  end if;
  return new;
end
$$;
create trigger input_items_time_roadtour_note before insert on public.input_items
for each row when (new.channel = 'roadtour') execute function private.time_roadtour_note();
