-- Row Level Security for every table, plus the triggers that keep originals and the audit log.
-- Staff roles are looked up in staff_members on every request (not trusted from the token),
-- so a deactivated account or a changed role takes effect at once.

-- ───────────────────────── helpers ─────────────────────────

create function private.staff_role() returns public.staff_role
language sql stable security definer
set search_path = ''
as $$
  select role from public.staff_members where user_id = auth.uid() and active
$$;

create function private.has_role(variadic roles public.staff_role[]) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce(private.staff_role() = any (roles), false)
$$;

create function private.consultation_is_open(target uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.consultations c
    where c.id = target and c.status = 'published' and now() >= c.opens_at and now() < c.closes_at
  )
$$;

create function private.consultation_is_public(target uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.consultations c where c.id = target and c.status <> 'draft')
$$;

-- A facilitator writes only to stops they lead (or created); an admin to any stop.
create function private.facilitates(target uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select target is not null and (
    private.has_role('admin')
    or (private.has_role('facilitator') and exists (
      select 1 from public.roadtour_stops s
      where s.id = target
        and (s.created_by = auth.uid()
          or exists (select 1 from public.stop_facilitators f where f.stop_id = s.id and f.user_id = auth.uid()))
    ))
  )
$$;

-- An anonymous answer must belong to a fresh submission of the same audience, for a question
-- asked of that audience. Fresh: nobody can append to someone else's submission later.
create function private.answer_fits(
  target_submission uuid, target_question uuid, target_audience public.audience, target_consultation uuid
) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.submissions s
    join public.questions q on q.consultation_id = s.consultation_id and q.audience = s.audience
    where s.id = target_submission
      and q.id = target_question
      and s.audience = target_audience
      and s.consultation_id = target_consultation
      and s.created_at > now() - interval '1 hour'
  )
$$;

-- Approved input on a published theme is public (as a quote on "wat we hoorden").
create function private.item_is_public(target uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.input_items i
    join public.theme_assignments a on a.input_item_id = i.id
    join public.themes t on t.id = a.theme_id
    where i.id = target and i.status = 'approved' and t.published_at is not null
  )
$$;

create function private.theme_is_published(target uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.themes t where t.id = target and t.published_at is not null)
$$;

revoke all on all functions in schema private from public;
grant usage on schema private to anon, authenticated, service_role;
grant execute on all functions in schema private to anon, authenticated, service_role;

-- ───────────────────────── triggers ─────────────────────────

-- The first time a text changes (a redaction), its original goes to input_originals, which only
-- admins can read and which the retention job empties.
create function private.keep_original() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.body is distinct from old.body then
    insert into public.input_originals (input_item_id, body, purge_after)
    select old.id, old.body, coalesce(c.retention_until, current_date + 180)
    from public.consultations c where c.id = old.consultation_id
    on conflict (input_item_id) do nothing;
    new.redacted := true;
  end if;
  return new;
end
$$;
create trigger input_items_keep_original before update of body on public.input_items
for each row execute function private.keep_original();

-- Whoever creates a stop leads it.
create function private.lead_own_stop() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if auth.uid() is not null and exists (select 1 from public.staff_members where user_id = auth.uid()) then
    insert into public.stop_facilitators (stop_id, user_id) values (new.id, auth.uid())
    on conflict do nothing;
  end if;
  return null;
end
$$;
create trigger roadtour_stops_lead_own after insert on public.roadtour_stops
for each row execute function private.lead_own_stop();

-- Audit: who changed what, with the changed fields before and after. Columns named in the
-- trigger arguments (texts, profile data) are never copied into the log.
create function private.audit_row() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  hidden text[] := coalesce(tg_argv::text[], '{}');
  row_data jsonb := to_jsonb(coalesce(new, old));
  before jsonb;
  after jsonb;
  k text;
begin
  if tg_op in ('UPDATE', 'DELETE') then before := to_jsonb(old) - hidden; end if;
  if tg_op in ('INSERT', 'UPDATE') then after := to_jsonb(new) - hidden; end if;
  if tg_op = 'UPDATE' then
    for k in select jsonb_object_keys(after) loop
      if before -> k = after -> k then
        before := before - k;
        after := after - k;
      end if;
    end loop;
    if after = '{}'::jsonb then return null; end if;
  end if;
  insert into public.audit_log (actor_id, actor_role, action, entity, entity_id, detail)
  values (
    auth.uid(),
    coalesce(private.staff_role()::text, auth.role()),
    tg_table_name || '.' || lower(tg_op),
    tg_table_name,
    coalesce(row_data ->> 'id', row_data ->> 'input_item_id', row_data ->> 'user_id'),
    jsonb_strip_nulls(jsonb_build_object('before', before, 'after', after))
  );
  return null;
end
$$;

create trigger input_items_audit after update or delete on public.input_items
for each row execute function private.audit_row('body', 'search', 'speaker', 'version', 'updated_at');
create trigger submissions_audit after delete on public.submissions
for each row execute function private.audit_row('organisation_name', 'age_band', 'wijk', 'receives_help');
create trigger themes_audit after insert or update or delete on public.themes
for each row execute function private.audit_row('version', 'updated_at');
create trigger theme_assignments_audit_manual after insert or update on public.theme_assignments
for each row when (new.source = 'manual') execute function private.audit_row();
create trigger theme_assignments_audit_manual_delete after delete on public.theme_assignments
for each row when (old.source = 'manual') execute function private.audit_row();
create trigger theme_snapshots_audit after insert or delete on public.theme_snapshots
for each row execute function private.audit_row('themes', 'assignments');
create trigger staff_members_audit after insert or update or delete on public.staff_members
for each row execute function private.audit_row('version', 'updated_at');
create trigger consultations_audit after update on public.consultations
for each row execute function private.audit_row('version', 'updated_at');

-- The audit log is append-only for everyone, owners included.
create function private.refuse_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'audit_log is append-only' using errcode = '42501';
end
$$;
create trigger audit_log_append_only before update or delete on public.audit_log
for each row execute function private.refuse_change();
create trigger audit_log_no_truncate before truncate on public.audit_log
for each statement execute function private.refuse_change();

-- Snapshots are frozen once made.
create trigger theme_snapshots_frozen before update on public.theme_snapshots
for each row execute function private.refuse_change();

-- ───────────────────────── grants ─────────────────────────
-- Hosted Supabase grants everything to the API roles by default; start from nothing and grant
-- what each role may attempt. The policies below then decide which rows.

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;

grant select on public.consultations, public.topics, public.questions, public.themes, public.theme_assignments
  to anon, authenticated;
grant select on public.input_items to anon;
-- Answering is anonymous by design: the server submits as anon even when staff are signed in.
grant insert on public.submissions, public.contact_emails to anon;
grant insert (
  id, consultation_id, channel, audience, submission_id, question_id, kind, body, pii_spans, client_created_at
) on public.input_items to anon;

grant insert, update, delete on public.consultations, public.topics, public.questions to authenticated;
grant select, insert, update, delete on public.staff_members, public.roadtour_stops, public.stop_facilitators
  to authenticated;
grant select, delete on public.submissions, public.contact_emails, public.input_originals to authenticated;
grant update (notified_at) on public.contact_emails to authenticated;
grant select, insert, delete on public.input_items to authenticated;
grant update (
  kind, speaker, topic_id, body, pii_spans, status, reject_reason, moderated_by, moderated_at, client_created_at
) on public.input_items to authenticated;
grant insert, update, delete on public.themes, public.theme_assignments to authenticated;
grant select, insert, delete on public.theme_snapshots to authenticated;
grant select, insert on public.audit_log to authenticated;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;

-- ───────────────────────── policies ─────────────────────────

alter table public.consultations enable row level security;
alter table public.topics enable row level security;
alter table public.questions enable row level security;
alter table public.staff_members enable row level security;
alter table public.roadtour_stops enable row level security;
alter table public.stop_facilitators enable row level security;
alter table public.submissions enable row level security;
alter table public.contact_emails enable row level security;
alter table public.input_items enable row level security;
alter table public.input_originals enable row level security;
alter table public.themes enable row level security;
alter table public.theme_assignments enable row level security;
alter table public.theme_snapshots enable row level security;
alter table public.audit_log enable row level security;

-- consultations, topics, questions: public once published; admins manage them.
create policy "Anyone can read published consultations" on public.consultations
for select to anon, authenticated
using (status <> 'draft' or (select private.has_role('admin', 'moderator', 'analyst', 'facilitator')));
create policy "Admins can create consultations" on public.consultations
for insert to authenticated with check ((select private.has_role('admin')));
create policy "Admins can update consultations" on public.consultations
for update to authenticated
using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
create policy "Admins can delete consultations" on public.consultations
for delete to authenticated using ((select private.has_role('admin')));

create policy "Anyone can read topics of published consultations" on public.topics
for select to anon, authenticated
using (private.consultation_is_public(consultation_id) or (select private.has_role('admin', 'moderator', 'analyst', 'facilitator')));
create policy "Admins can create topics" on public.topics
for insert to authenticated with check ((select private.has_role('admin')));
create policy "Admins can update topics" on public.topics
for update to authenticated
using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
create policy "Admins can delete topics" on public.topics
for delete to authenticated using ((select private.has_role('admin')));

create policy "Anyone can read questions of published consultations" on public.questions
for select to anon, authenticated
using (private.consultation_is_public(consultation_id) or (select private.has_role('admin', 'moderator', 'analyst', 'facilitator')));
create policy "Admins can create questions" on public.questions
for insert to authenticated with check ((select private.has_role('admin')));
create policy "Admins can update questions" on public.questions
for update to authenticated
using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
create policy "Admins can delete questions" on public.questions
for delete to authenticated using ((select private.has_role('admin')));

-- staff_members: everyone sees their own row; admins manage staff.
create policy "Staff can read their own membership" on public.staff_members
for select to authenticated using (user_id = (select auth.uid()) or (select private.has_role('admin')));
create policy "Admins can add staff" on public.staff_members
for insert to authenticated with check ((select private.has_role('admin')));
create policy "Admins can update staff" on public.staff_members
for update to authenticated
using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
create policy "Admins can remove staff" on public.staff_members
for delete to authenticated using ((select private.has_role('admin')));

-- roadtour_stops: all staff read the schedule; facilitators plan and run their own stops.
create policy "Staff can read roadtour stops" on public.roadtour_stops
for select to authenticated using ((select private.has_role('admin', 'moderator', 'analyst', 'facilitator')));
create policy "Facilitators can plan stops" on public.roadtour_stops
for insert to authenticated
with check ((select private.has_role('facilitator', 'admin')) and created_by = (select auth.uid()));
create policy "Facilitators can update their stops" on public.roadtour_stops
for update to authenticated
using (private.facilitates(id) or (select private.has_role('admin')))
with check (private.facilitates(id) or (select private.has_role('admin')));
create policy "Facilitators can delete their planned stops" on public.roadtour_stops
for delete to authenticated
using ((private.facilitates(id) and status = 'planned') or (select private.has_role('admin')));

create policy "Staff can read who leads a stop" on public.stop_facilitators
for select to authenticated using ((select private.has_role('admin', 'moderator', 'analyst', 'facilitator')));
create policy "Facilitators can add co-facilitators to their stops" on public.stop_facilitators
for insert to authenticated with check (private.facilitates(stop_id));
create policy "Facilitators can remove facilitators from their stops" on public.stop_facilitators
for delete to authenticated using (private.facilitates(stop_id));

-- submissions: anonymous visitors create them while the consultation is open.
create policy "Anonymous visitors can submit to an open consultation" on public.submissions
for insert to anon
with check (channel = 'online' and consent_at is not null and private.consultation_is_open(consultation_id));
create policy "Moderators, analysts and admins can read submissions" on public.submissions
for select to authenticated using ((select private.has_role('admin', 'moderator', 'analyst')));
create policy "Admins can delete submissions" on public.submissions
for delete to authenticated using ((select private.has_role('admin')));

-- contact_emails: write-only for visitors; admins (and the mail job) read and delete.
create policy "Anonymous visitors can leave an e-mail address" on public.contact_emails
for insert to anon
with check (notified_at is null and private.consultation_is_open(consultation_id));
create policy "Admins can read contact e-mail addresses" on public.contact_emails
for select to authenticated using ((select private.has_role('admin')));
create policy "Admins can mark contact e-mail addresses as notified" on public.contact_emails
for update to authenticated
using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
create policy "Admins can delete contact e-mail addresses" on public.contact_emails
for delete to authenticated using ((select private.has_role('admin')));

-- input_items: the heart of the pipeline.
create policy "Anonymous visitors can answer an open consultation" on public.input_items
for insert to anon
with check (
  channel = 'online' and status = 'new' and not redacted and stop_id is null and topic_id is null
  and private.consultation_is_open(consultation_id)
  and private.answer_fits(submission_id, question_id, audience, consultation_id)
);
create policy "Anyone can read approved input shown on published themes" on public.input_items
for select to anon using (private.item_is_public(id));
create policy "Facilitators can add notes to their stops" on public.input_items
for insert to authenticated
with check (channel = 'roadtour' and status = 'new' and not redacted and private.facilitates(stop_id));
create policy "Staff can read input for their work" on public.input_items
for select to authenticated
using (
  (select private.has_role('admin', 'moderator'))
  or ((select private.has_role('analyst')) and status = 'approved')
  or ((select private.has_role('facilitator')) and private.facilitates(stop_id))
);
create policy "Facilitators can edit their notes awaiting moderation" on public.input_items
for update to authenticated
using (private.facilitates(stop_id) and status = 'new')
with check (private.facilitates(stop_id) and status = 'new');
create policy "Moderators can moderate input" on public.input_items
for update to authenticated
using ((select private.has_role('moderator', 'admin')))
with check ((select private.has_role('moderator', 'admin')));
create policy "Facilitators can delete their notes awaiting moderation" on public.input_items
for delete to authenticated using (private.facilitates(stop_id) and status = 'new');
create policy "Admins can delete input" on public.input_items
for delete to authenticated using ((select private.has_role('admin')));

create policy "Admins can read originals" on public.input_originals
for select to authenticated using ((select private.has_role('admin')));
create policy "Admins can delete originals" on public.input_originals
for delete to authenticated using ((select private.has_role('admin')));

-- themes and assignments: analysts build them; published ones are public.
create policy "Anyone can read published themes" on public.themes
for select to anon, authenticated
using (published_at is not null or (select private.has_role('admin', 'moderator', 'analyst')));
create policy "Analysts can create themes" on public.themes
for insert to authenticated with check ((select private.has_role('analyst', 'admin')));
create policy "Analysts can update themes" on public.themes
for update to authenticated
using ((select private.has_role('analyst', 'admin'))) with check ((select private.has_role('analyst', 'admin')));
create policy "Analysts can delete themes" on public.themes
for delete to authenticated using ((select private.has_role('analyst', 'admin')));

create policy "Anyone can read assignments of approved input to published themes" on public.theme_assignments
for select to anon, authenticated
using (
  (private.theme_is_published(theme_id) and private.item_is_public(input_item_id))
  or (select private.has_role('admin', 'moderator', 'analyst'))
);
create policy "Analysts can assign input to themes" on public.theme_assignments
for insert to authenticated with check ((select private.has_role('analyst', 'admin')));
create policy "Analysts can change assignments" on public.theme_assignments
for update to authenticated
using ((select private.has_role('analyst', 'admin'))) with check ((select private.has_role('analyst', 'admin')));
create policy "Analysts can remove assignments" on public.theme_assignments
for delete to authenticated using ((select private.has_role('analyst', 'admin')));

create policy "Analysts can read theme snapshots" on public.theme_snapshots
for select to authenticated using ((select private.has_role('analyst', 'admin')));
create policy "Analysts can freeze theme snapshots" on public.theme_snapshots
for insert to authenticated
with check ((select private.has_role('analyst', 'admin')) and created_by = (select auth.uid()));
create policy "Admins can delete theme snapshots" on public.theme_snapshots
for delete to authenticated using ((select private.has_role('admin')));

-- audit_log: staff record their own actions (exports); only admins read; nobody changes it.
create policy "Staff can record their own actions" on public.audit_log
for insert to authenticated
with check (
  actor_id = (select auth.uid()) and (select private.has_role('admin', 'moderator', 'analyst', 'facilitator'))
);
create policy "Admins can read the audit log" on public.audit_log
for select to authenticated using ((select private.has_role('admin')));
