-- Written input and formal advice (issue 19, parts 1 and 2).
--
-- A letter or document (an adviesraad's advice, an organisation's letter) enters as one
-- written_inputs row. Its text is split into points; each point the staff member keeps becomes an
-- input item (channel 'schriftelijk', kind 'point'), so personal-data detection, moderation,
-- themes and exports treat it like every other answer. written_points keeps each point's place in
-- the document and, for an advice, the college's response ("Reactie college") with a status and
-- the themes it links to. The uploaded file itself is kept for admins in written_input_originals
-- until the consultation's retention date (the retention job deletes it).
--
-- The new channel value cannot be used in the transaction that adds it, so policies below compare
-- `channel::text`.

alter type public.channel add value if not exists 'schriftelijk';

create table public.written_inputs (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  kind text not null check (kind in ('advies', 'brief')),
  sender text not null check (length(btrim(sender)) between 2 and 200),
  audience public.audience not null,
  received_on date not null,
  title text not null default '' check (length(title) <= 200),
  file_name text check (length(file_name) between 1 and 255),
  -- The points as split, while a staff member checks them; null once saved.
  draft_points jsonb check (draft_points is null or jsonb_typeof(draft_points) = 'array'),
  saved_at timestamptz,
  created_by uuid default private.uid() references auth.users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, consultation_id),
  check ((saved_at is null) = (draft_points is not null))
);
comment on table public.written_inputs is
  'A letter or document (advice, letter) brought in by staff; its points are input items.';
comment on column public.written_inputs.draft_points is
  'The split points while they are checked, before they become input items; null once saved.';
create index written_inputs_consultation_idx on public.written_inputs (consultation_id, received_on desc);
create index written_inputs_created_by_idx on public.written_inputs (created_by);

create table public.written_input_originals (
  written_input_id uuid primary key references public.written_inputs on delete cascade,
  media_type text not null check (length(media_type) between 3 and 120),
  content bytea check (content is null or length(content) <= 10485760),
  body text not null check (length(body) <= 500000),
  purge_after date not null,
  created_at timestamptz not null default now()
);
comment on table public.written_input_originals is
  'The document as received (file and text), for admins only, until purge_after or the consultation''s retention date.';

create table public.written_points (
  input_item_id uuid primary key,
  written_input_id uuid not null,
  consultation_id uuid not null,
  position integer not null check (position between 1 and 1000),
  response_md text not null default '' check (length(response_md) <= 20000),
  response_status text check (response_status in (
    'overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'al_geregeld', 'wordt_onderzocht'
  )),
  responded_by uuid references auth.users (id) on delete set null,
  responded_at timestamptz,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  unique (input_item_id, consultation_id),
  unique (written_input_id, position),
  foreign key (input_item_id, consultation_id)
    references public.input_items (id, consultation_id) on delete cascade,
  foreign key (written_input_id, consultation_id)
    references public.written_inputs (id, consultation_id) on delete cascade
);
comment on table public.written_points is
  'A point of a written input in document order; for an advice also the college''s response to it.';
create index written_points_consultation_idx on public.written_points (written_input_id, consultation_id);
create index written_points_responded_by_idx on public.written_points (responded_by);

create table public.written_point_themes (
  input_item_id uuid not null,
  theme_id uuid not null,
  consultation_id uuid not null,
  primary key (input_item_id, theme_id),
  foreign key (input_item_id, consultation_id)
    references public.written_points (input_item_id, consultation_id) on delete cascade,
  foreign key (theme_id, consultation_id) references public.themes (id, consultation_id) on delete cascade
);
comment on table public.written_point_themes is 'The themes an advice point and its response are about.';
create index written_point_themes_item_idx on public.written_point_themes (input_item_id, consultation_id);
create index written_point_themes_theme_idx on public.written_point_themes (theme_id, consultation_id);

create trigger written_inputs_touch before update on public.written_inputs
for each row execute function private.touch();
create trigger written_points_touch before update on public.written_points
for each row execute function private.touch();

-- Who answered and when is the server's to say, not the form's.
create function private.stamp_response() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.response_md, new.response_status) is distinct from (old.response_md, old.response_status) then
    new.responded_by := private.uid();
    new.responded_at := now();
  else
    new.responded_by := old.responded_by;
    new.responded_at := old.responded_at;
  end if;
  return new;
end
$$;
create trigger written_points_stamp_response before update on public.written_points
for each row execute function private.stamp_response();

create trigger written_inputs_audit after insert or update or delete on public.written_inputs
for each row execute function private.audit_row('draft_points', 'version', 'updated_at');
create trigger written_input_originals_audit after insert or delete on public.written_input_originals
for each row execute function private.audit_row('content', 'body');
create trigger written_points_audit after insert or update or delete on public.written_points
for each row execute function private.audit_row('version', 'updated_at');
create trigger written_point_themes_audit after insert or delete on public.written_point_themes
for each row execute function private.audit_row();

-- ───────────────────────── grants and policies ─────────────────────────

alter table public.written_inputs enable row level security;
alter table public.written_input_originals enable row level security;
alter table public.written_points enable row level security;
alter table public.written_point_themes enable row level security;

revoke all on public.written_inputs, public.written_input_originals, public.written_points,
  public.written_point_themes from anon, authenticated, service_role;

grant select, delete on public.written_inputs to doemee_staff;
grant insert (consultation_id, kind, sender, audience, received_on, title, file_name, draft_points)
  on public.written_inputs to doemee_staff;
grant update (kind, sender, audience, received_on, title, draft_points, saved_at)
  on public.written_inputs to doemee_staff;
grant select, insert, delete on public.written_input_originals to doemee_staff;
grant select, insert, delete on public.written_points to doemee_staff;
grant update (response_md, response_status) on public.written_points to doemee_staff;
grant select, insert, delete on public.written_point_themes to doemee_staff;
grant select, insert, update, delete on public.written_inputs, public.written_input_originals,
  public.written_points, public.written_point_themes to doemee_service;

create policy "Staff who handle input can read written input" on public.written_inputs
for select to doemee_staff using ((select private.has_role('admin', 'moderator', 'analyst')));
create policy "Staff who handle input can add written input" on public.written_inputs
for insert to doemee_staff
with check (
  (select private.has_role('admin', 'moderator', 'analyst'))
  and created_by = (select private.uid()) and saved_at is null
);
create policy "Staff who handle input can change written input" on public.written_inputs
for update to doemee_staff
using ((select private.has_role('admin', 'moderator', 'analyst')))
with check ((select private.has_role('admin', 'moderator', 'analyst')));
create policy "Admins and the writer of a draft can delete written input" on public.written_inputs
for delete to doemee_staff
using (
  (select private.has_role('admin'))
  or ((select private.has_role('moderator', 'analyst')) and saved_at is null and created_by = (select private.uid()))
);

create policy "Admins can read original documents" on public.written_input_originals
for select to doemee_staff using ((select private.has_role('admin')));
create policy "Staff who handle input can keep an original document" on public.written_input_originals
for insert to doemee_staff
with check (
  (select private.has_role('admin', 'moderator', 'analyst'))
  and exists (select 1 from public.written_inputs w where w.id = written_input_id and w.saved_at is null)
);
create policy "Admins can delete original documents" on public.written_input_originals
for delete to doemee_staff using ((select private.has_role('admin')));

create policy "Staff who handle input can read written points" on public.written_points
for select to doemee_staff using ((select private.has_role('admin', 'moderator', 'analyst')));
create policy "Staff who handle input can add written points" on public.written_points
for insert to doemee_staff
with check (
  (select private.has_role('admin', 'moderator', 'analyst'))
  and response_md = '' and response_status is null and responded_by is null and version = 1
);
create policy "Analysts and admins can answer advice points" on public.written_points
for update to doemee_staff
using ((select private.has_role('admin', 'analyst')))
with check ((select private.has_role('admin', 'analyst')));
create policy "Admins can delete written points" on public.written_points
for delete to doemee_staff using ((select private.has_role('admin')));

create policy "Staff who handle input can read themes of advice points" on public.written_point_themes
for select to doemee_staff using ((select private.has_role('admin', 'moderator', 'analyst')));
create policy "Analysts and admins can link advice points to themes" on public.written_point_themes
for insert to doemee_staff with check ((select private.has_role('admin', 'analyst')));
create policy "Analysts and admins can unlink advice points from themes" on public.written_point_themes
for delete to doemee_staff using ((select private.has_role('admin', 'analyst')));

create policy "The server's own work" on public.written_inputs
for all to doemee_service using (true) with check (true);
create policy "The server's own work" on public.written_input_originals
for all to doemee_service using (true) with check (true);
create policy "The server's own work" on public.written_points
for all to doemee_service using (true) with check (true);
create policy "The server's own work" on public.written_point_themes
for all to doemee_service using (true) with check (true);

-- input_items: the points of a letter are added by the staff member who brings it in, as new
-- input (moderation decides), and analysts who answer an advice read its points before approval.
create policy "Staff who handle input can add points of written input" on public.input_items
for insert to doemee_staff
with check (
  channel::text = 'schriftelijk' and kind = 'point' and status = 'new' and not redacted and version = 1
  and reject_reason is null and moderated_by is null and moderated_at is null
  and stop_id is null and submission_id is null and question_id is null
  and (select private.has_role('admin', 'moderator', 'analyst'))
);
create policy "Analysts can read written input awaiting moderation" on public.input_items
for select to doemee_staff
using (channel::text = 'schriftelijk' and (select private.has_role('analyst')));
