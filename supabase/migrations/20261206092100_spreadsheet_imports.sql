-- Spreadsheet import (issue 19, part 3). Staff (moderators, analysts, admins) upload an .xlsx or
-- .csv, map its columns to the consultation's questions and profile fields, check a preview with
-- per-row errors and import the valid rows in one transaction. Each row becomes a submission on
-- channel 'import' (no consent: the municipality received the answers on paper or from a partner)
-- with one input item per answered question, status 'new' and the detector's personal-data
-- proposals, so moderation treats it like every online answer.
--
--   import_sources  where rows come from ("Papieren formulieren Seniorenwelzijn"), and the column
--                   mapping last used for it (remembered per source)
--   import_uploads  an uploaded file between upload, mapping, preview and import; only its
--                   uploader reads it; deleted by the import, or after a day
--   import_batches  one import: who, when, counts (audited)
--   import_rows     every imported row by a hash of its content and source: importing the same
--                   file again adds nothing. Kept when an imported submission is deleted (a removal
--                   request), so a re-import does not bring it back.

-- ───────────────────────── input_items and submissions take the new channel ─────────────────────────

-- An import item belongs to a submission (its row), as an online answer does. The old check was
-- unnamed: find it by what it says.
do $$
declare
  target text;
begin
  select c.conname into target
  from pg_constraint c
  where c.conrelid = 'public.input_items'::regclass and c.contype = 'c'
    and pg_get_constraintdef(c.oid) ilike '%(channel = ''online''::%channel) = (submission_id IS NOT NULL)%';
  if target is null then
    raise exception 'the check tying online input to a submission was not found';
  end if;
  execute format('alter table public.input_items drop constraint %I', target);
end
$$;
alter table public.input_items add constraint input_items_submission_by_channel
  check ((channel in ('online', 'import')) = (submission_id is not null));
alter table public.input_items add constraint input_items_import_is_an_answer
  check (channel <> 'import' or (question_id is not null and kind = 'answer' and stop_id is null and topic_id is null));

-- ───────────────────────── sources ─────────────────────────

create table public.import_sources (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  name text not null check (length(btrim(name)) between 2 and 120 and name = btrim(name)),
  -- {"<column header>": "<target>"}; targets as src/lib/imports/mapping.ts writes them.
  mapping jsonb not null default '{}' check (jsonb_typeof(mapping) = 'object'),
  created_by uuid default private.uid() references auth.users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, consultation_id)
);
comment on table public.import_sources is
  'Where imported spreadsheet rows come from (shown with each imported answer), with the column mapping last used for it.';
create unique index import_sources_name_idx on public.import_sources (consultation_id, lower(name));
create index import_sources_created_by_idx on public.import_sources (created_by);
create trigger import_sources_touch before update on public.import_sources
for each row execute function private.touch();

-- ───────────────────────── uploads (between the steps) ─────────────────────────

create table public.import_uploads (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  source_id uuid not null,
  file_name text not null check (length(file_name) between 1 and 255),
  file_type text not null check (file_type in ('xlsx', 'csv')),
  content bytea not null check (octet_length(content) between 1 and 1048576),
  mapping jsonb check (jsonb_typeof(mapping) = 'object'),
  -- The audience of rows without a doelgroep column.
  audience public.audience,
  uploaded_by uuid not null default private.uid() references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '1 day',
  foreign key (source_id, consultation_id) references public.import_sources (id, consultation_id) on delete cascade
);
comment on table public.import_uploads is
  'An uploaded spreadsheet between upload and import, for its uploader only. It holds unredacted answers: deleted by the import, or a day after upload.';
create index import_uploads_consultation_idx on public.import_uploads (consultation_id);
create index import_uploads_source_idx on public.import_uploads (source_id, consultation_id);
create index import_uploads_uploaded_by_idx on public.import_uploads (uploaded_by, created_at desc);
create index import_uploads_expires_idx on public.import_uploads (expires_at);

-- ───────────────────────── batches and rows ─────────────────────────

create table public.import_batches (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  source_id uuid not null,
  file_name text not null check (length(file_name) between 1 and 255),
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  via text not null check (via in ('web', 'cli')),
  rows_total integer not null check (rows_total >= 0),
  rows_imported integer not null check (rows_imported >= 0),
  rows_already_imported integer not null check (rows_already_imported >= 0),
  rows_invalid integer not null check (rows_invalid >= 0),
  items_created integer not null check (items_created >= 0),
  created_by uuid default private.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (source_id, consultation_id) references public.import_sources (id, consultation_id)
);
comment on table public.import_batches is 'One spreadsheet import: where from, by whom, and how many rows it stored.';
create index import_batches_consultation_idx on public.import_batches (consultation_id, created_at desc);
create index import_batches_source_idx on public.import_batches (source_id, consultation_id);
create index import_batches_created_by_idx on public.import_batches (created_by);

create table public.import_rows (
  source_id uuid not null references public.import_sources on delete cascade,
  row_hash text not null check (row_hash ~ '^[0-9a-f]{64}$'),
  batch_id uuid not null references public.import_batches on delete cascade,
  -- The row's number in the sheet, as the spreadsheet program shows it (the header is row 1).
  point integer not null check (point >= 1),
  submission_id uuid references public.submissions on delete set null,
  primary key (source_id, row_hash)
);
comment on table public.import_rows is
  'Every imported row by a hash of its content and source, so importing the same file again adds nothing. Outlives a deleted submission.';
create index import_rows_batch_idx on public.import_rows (batch_id);
create index import_rows_submission_idx on public.import_rows (submission_id);

-- ───────────────────────── grants and policies ─────────────────────────

alter table public.import_sources enable row level security;
alter table public.import_uploads enable row level security;
alter table public.import_batches enable row level security;
alter table public.import_rows enable row level security;
revoke all on public.import_sources, public.import_uploads, public.import_batches, public.import_rows
  from anon, authenticated, service_role;

grant select, insert, update, delete on public.import_sources, public.import_uploads, public.import_batches,
  public.import_rows to doemee_service;
create policy "The server's own work" on public.import_sources
for all to doemee_service using (true) with check (true);
create policy "The server's own work" on public.import_uploads
for all to doemee_service using (true) with check (true);
create policy "The server's own work" on public.import_batches
for all to doemee_service using (true) with check (true);
create policy "The server's own work" on public.import_rows
for all to doemee_service using (true) with check (true);

grant select on public.import_sources, public.import_batches, public.import_rows to doemee_staff;
grant insert (consultation_id, name, mapping) on public.import_sources to doemee_staff;
grant update (name, mapping) on public.import_sources to doemee_staff;
create policy "Moderators, analysts and admins can read import sources" on public.import_sources
for select to doemee_staff using ((select private.has_role('admin', 'moderator', 'analyst')));
create policy "Moderators, analysts and admins can add import sources" on public.import_sources
for insert to doemee_staff
with check ((select private.has_role('admin', 'moderator', 'analyst')) and created_by = (select private.uid()));
create policy "Moderators, analysts and admins can change import sources" on public.import_sources
for update to doemee_staff
using ((select private.has_role('admin', 'moderator', 'analyst')))
with check ((select private.has_role('admin', 'moderator', 'analyst')));

create policy "Moderators, analysts and admins can read imports" on public.import_batches
for select to doemee_staff using ((select private.has_role('admin', 'moderator', 'analyst')));
create policy "Moderators, analysts and admins can read imported rows" on public.import_rows
for select to doemee_staff using ((select private.has_role('admin', 'moderator', 'analyst')));

-- An upload holds unredacted answers: only the one who uploaded it sees it.
grant select, delete on public.import_uploads to doemee_staff;
grant insert (consultation_id, source_id, file_name, file_type, content, mapping, audience)
  on public.import_uploads to doemee_staff;
grant update (mapping, audience) on public.import_uploads to doemee_staff;
create policy "Staff read their own uploads" on public.import_uploads
for select to doemee_staff
using (uploaded_by = (select private.uid()) and (select private.has_role('admin', 'moderator', 'analyst')));
create policy "Moderators, analysts and admins can upload spreadsheets" on public.import_uploads
for insert to doemee_staff
with check (uploaded_by = (select private.uid()) and (select private.has_role('admin', 'moderator', 'analyst')));
create policy "Staff change their own uploads" on public.import_uploads
for update to doemee_staff
using (uploaded_by = (select private.uid()) and (select private.has_role('admin', 'moderator', 'analyst')))
with check (uploaded_by = (select private.uid()));
-- Expired uploads go whoever's they were (each upload clears them), so anyone with the right role deletes them.
create policy "Staff delete their own and expired uploads" on public.import_uploads
for delete to doemee_staff
using (
  (select private.has_role('admin', 'moderator', 'analyst'))
  and (uploaded_by = (select private.uid()) or expires_at < now())
);

-- ───────────────────────── audit ─────────────────────────

create trigger import_sources_audit after insert or update on public.import_sources
for each row execute function private.audit_row('version', 'updated_at');
-- The file name may name a person ("formulier mevrouw Jansen.xlsx"): not copied into the log.
create trigger import_batches_audit after insert on public.import_batches
for each row execute function private.audit_row('file_name');

-- ───────────────────────── the import itself ─────────────────────────

-- Stores the rows of one import in the caller's transaction: all of them or (on any error) none.
-- The server has checked every row and run the personal-data detector; this function holds the
-- rules again, because it writes past the tables' policies: only moderators, analysts, admins and
-- the server itself, the source must belong to the consultation, each answer must be to a
-- question of the row's audience, items start as 'new' and unredacted. Rows whose hash this source
-- already imported are skipped. Imports of one source wait for each other (row lock), so that
-- check is exact.
--
-- p_rows: [{hash, point, submission_id, reference_code, audience, organisation_name, age_band,
--           wijk, receives_help, written_at, items: [{id, question_id, body, pii_spans}]}]
-- Returns {"batch": id, "fresh": [hash, …]}.
create function private.import_spreadsheet_rows(
  p_consultation uuid,
  p_source uuid,
  p_file_name text,
  p_file_sha256 text,
  p_via text,
  p_rows_total integer,
  p_rows_invalid integer,
  p_rows jsonb,
  p_upload uuid default null
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_batch uuid;
  v_fresh text[];
  v_items integer;
  v_stored integer;
begin
  if not (private.has_role('admin', 'moderator', 'analyst') or auth.role() = 'service_role') then
    raise exception 'only moderators, analysts and admins import spreadsheets' using errcode = '42501';
  end if;
  if jsonb_typeof(p_rows) <> 'array' then
    raise exception 'rows must be an array' using errcode = '22023';
  end if;
  perform 1 from public.import_sources s
  where s.id = p_source and s.consultation_id = p_consultation
  for update;
  if not found then
    raise exception 'no such import source for this consultation' using errcode = '23503';
  end if;

  select coalesce(array_agg(r.hash), '{}') into v_fresh
  from jsonb_to_recordset(p_rows) as r(hash text)
  where not exists (select 1 from public.import_rows x where x.source_id = p_source and x.row_hash = r.hash);

  select count(*) into v_items
  from jsonb_to_recordset(p_rows) as r(hash text, items jsonb), jsonb_array_elements(r.items) as i
  where r.hash = any (v_fresh);

  insert into public.import_batches (
    consultation_id, source_id, file_name, file_sha256, via, rows_total, rows_imported,
    rows_already_imported, rows_invalid, items_created, created_by
  ) values (
    p_consultation, p_source, p_file_name, p_file_sha256, p_via, p_rows_total, cardinality(v_fresh),
    jsonb_array_length(p_rows) - cardinality(v_fresh), p_rows_invalid, v_items, auth.uid()
  ) returning id into v_batch;

  insert into public.submissions (
    id, consultation_id, audience, channel, organisation_name, age_band, wijk, receives_help, reference_code
  )
  select r.submission_id, p_consultation, r.audience, 'import', r.organisation_name, r.age_band, r.wijk,
         r.receives_help, r.reference_code
  from jsonb_to_recordset(p_rows) as r(
    hash text, submission_id uuid, audience public.audience, organisation_name text, age_band text,
    wijk text, receives_help text, reference_code text)
  where r.hash = any (v_fresh);

  insert into public.input_items (
    id, consultation_id, channel, audience, submission_id, question_id, kind, body, pii_spans,
    client_created_at, status, redacted
  )
  select i.id, p_consultation, 'import', r.audience, r.submission_id, q.id, 'answer', i.body,
         coalesce(i.pii_spans, '[]'::jsonb), r.written_at, 'new', false
  from jsonb_to_recordset(p_rows) as r(hash text, submission_id uuid, audience public.audience,
         written_at timestamptz, items jsonb)
  cross join lateral jsonb_to_recordset(r.items) as i(id uuid, question_id uuid, body text, pii_spans jsonb)
  join public.questions q on q.id = i.question_id and q.consultation_id = p_consultation and q.audience = r.audience
  where r.hash = any (v_fresh);
  get diagnostics v_stored = row_count;
  if v_stored <> v_items then
    raise exception 'an answer is to a question of another audience or consultation' using errcode = '23514';
  end if;

  insert into public.import_rows (source_id, row_hash, batch_id, point, submission_id)
  select p_source, r.hash, v_batch, r.point, r.submission_id
  from jsonb_to_recordset(p_rows) as r(hash text, point integer, submission_id uuid)
  where r.hash = any (v_fresh);

  if p_upload is not null then
    delete from public.import_uploads u
    where u.id = p_upload and u.consultation_id = p_consultation
      and (u.uploaded_by = auth.uid() or auth.role() = 'service_role');
  end if;
  return jsonb_build_object('batch', v_batch, 'fresh', to_jsonb(v_fresh));
end
$$;
comment on function private.import_spreadsheet_rows(uuid, uuid, text, text, text, integer, integer, jsonb, uuid) is
  'Stores one spreadsheet import (all rows or none) for moderators, analysts, admins and the server; skips rows this source imported before.';
revoke all on function private.import_spreadsheet_rows(uuid, uuid, text, text, text, integer, integer, jsonb, uuid)
  from public, anon, authenticated, service_role;
grant execute on function private.import_spreadsheet_rows(uuid, uuid, text, text, text, integer, integer, jsonb, uuid)
  to doemee_staff, doemee_service;
