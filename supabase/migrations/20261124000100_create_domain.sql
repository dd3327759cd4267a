-- The consultation domain: what is asked, who answered, what was said on the roadtour,
-- how it was moderated and which themes it became. Policies follow in the next migration.

create schema if not exists private;
comment on schema private is 'Helpers for policies and triggers; never exposed through the API.';

create type public.audience as enum ('inwoner', 'mantelzorger', 'aanbieder', 'ouderenbond', 'partner', 'adviesraad');
create type public.channel as enum ('online', 'roadtour');
create type public.consultation_status as enum ('draft', 'published', 'archived');
create type public.stop_group as enum (
  'inwoners', 'inzet', 'aanbieders', 'ouderenbond', 'partners', 'adviesraad', 'gezondheidsnetwerk'
);
create type public.stop_status as enum ('planned', 'completed', 'cancelled');
create type public.input_kind as enum ('answer', 'point', 'idea', 'worry', 'wish', 'quote');
create type public.moderation_status as enum ('new', 'approved', 'rejected', 'hidden');
create type public.reject_reason as enum ('off_topic', 'abusive', 'duplicate', 'spam', 'other');
create type public.staff_role as enum ('admin', 'moderator', 'analyst', 'facilitator');
create type public.theme_origin as enum ('guided', 'discovered', 'manual');
create type public.theme_status as enum ('candidate', 'active', 'dismissed', 'merged');
create type public.assignment_source as enum ('auto', 'manual');

-- Keeps updated_at honest and counts versions for optimistic concurrency
-- ("update … where version = $seen" touches nothing when someone else was first).
create function private.touch() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  new.version := old.version + 1;
  return new;
end
$$;

create table public.consultations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  title text not null check (length(title) between 3 and 200),
  summary text not null default '' check (length(summary) <= 4000),
  status public.consultation_status not null default 'draft',
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  results_published_at timestamptz,
  retention_until date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (closes_at > opens_at)
);
comment on table public.consultations is 'One consultation (inspraaktraject); its texts live in content/.';
comment on column public.consultations.retention_until is
  'After this date unredacted originals and contact e-mail addresses are deleted.';

create table public.topics (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(key) <= 80),
  label text not null check (length(label) between 1 and 160),
  description text not null default '' check (length(description) <= 2000),
  position integer not null default 0 check (position >= 0),
  unique (consultation_id, key),
  unique (id, consultation_id)
);
comment on table public.topics is 'The participation topics that questions and roadtour notes are grouped by.';

create table public.questions (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  topic_id uuid,
  audience public.audience not null,
  key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(key) <= 80),
  position integer not null default 0 check (position >= 0),
  prompt text not null check (length(prompt) between 3 and 500),
  help text not null default '' check (length(help) <= 2000),
  required boolean not null default false,
  max_length integer not null default 5000 check (max_length between 100 and 20000),
  unique (consultation_id, audience, key),
  unique (id, consultation_id),
  foreign key (topic_id, consultation_id) references public.topics (id, consultation_id)
);
comment on table public.questions is 'Open questions per audience, synchronised from content/.';

create table public.staff_members (
  user_id uuid primary key references auth.users (id) on delete cascade,
  email text not null unique check (email = lower(email) and length(email) between 3 and 254),
  display_name text not null check (length(display_name) between 1 and 120),
  role public.staff_role not null,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.staff_members is 'Municipal staff with a role; residents never have an account.';

create table public.roadtour_stops (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  name text not null check (length(name) between 3 and 200),
  location text not null check (length(location) between 2 and 300),
  starts_at timestamptz not null,
  ends_at timestamptz,
  group_type public.stop_group not null,
  expected_participants integer check (expected_participants between 0 and 10000),
  actual_participants integer check (actual_participants between 0 and 10000),
  status public.stop_status not null default 'planned',
  summary_md text not null default '' check (length(summary_md) <= 20000),
  completed_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, consultation_id),
  check (ends_at is null or ends_at > starts_at),
  check ((status = 'completed') = (completed_at is not null)),
  check (status <> 'completed' or actual_participants is not null)
);
comment on table public.roadtour_stops is 'A roadtour session with a group, where the film is shown and notes are taken.';

create table public.stop_facilitators (
  stop_id uuid not null references public.roadtour_stops on delete cascade,
  user_id uuid not null references public.staff_members (user_id) on delete cascade,
  primary key (stop_id, user_id)
);
comment on table public.stop_facilitators is 'Who leads a stop; only they (and admins) write its notes.';

create table public.submissions (
  id uuid primary key,
  consultation_id uuid not null references public.consultations on delete cascade,
  audience public.audience not null,
  channel public.channel not null default 'online',
  stop_id uuid,
  organisation_name text check (length(btrim(organisation_name)) between 2 and 200),
  age_band text check (age_band in ('tot-55', '55-64', '65-74', '75-84', '85-plus')),
  wijk text check (length(wijk) between 2 and 80),
  receives_help text check (receives_help in ('ja', 'nee', 'weet-niet')),
  consent_at timestamptz,
  reference_code text not null unique check (reference_code ~ '^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$'),
  created_at timestamptz not null default now(),
  unique (id, consultation_id),
  foreign key (stop_id, consultation_id) references public.roadtour_stops (id, consultation_id),
  check ((channel = 'roadtour') = (stop_id is not null)),
  check (channel <> 'online' or consent_at is not null),
  check (
    channel <> 'online'
    or (audience in ('aanbieder', 'ouderenbond', 'partner', 'adviesraad')) = (organisation_name is not null)
  )
);
comment on table public.submissions is
  'One visit of one person or organisation. The id is made by the browser, so a repeated submit stores once.';
comment on column public.submissions.reference_code is 'Shown on the thank-you page; lets the person ask for removal.';

create table public.contact_emails (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  email text not null check (length(email) between 3 and 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  unsubscribe_token text not null unique check (length(unsubscribe_token) between 20 and 100),
  notified_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.contact_emails is
  'E-mail addresses for one message when results are out. Deliberately not linked to any answer.';

create table public.input_items (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  channel public.channel not null,
  audience public.audience not null,
  submission_id uuid,
  stop_id uuid,
  question_id uuid,
  topic_id uuid,
  kind public.input_kind not null default 'answer',
  speaker text check (length(speaker) between 1 and 80),
  body text not null check (length(btrim(body)) >= 1 and length(body) <= 20000),
  redacted boolean not null default false,
  pii_spans jsonb not null default '[]' check (jsonb_typeof(pii_spans) = 'array'),
  status public.moderation_status not null default 'new',
  reject_reason public.reject_reason,
  moderated_by uuid references auth.users (id) on delete set null,
  moderated_at timestamptz,
  client_created_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (to_tsvector('dutch', body)) stored,
  unique (id, consultation_id),
  foreign key (submission_id, consultation_id) references public.submissions (id, consultation_id) on delete cascade,
  foreign key (stop_id, consultation_id) references public.roadtour_stops (id, consultation_id),
  foreign key (question_id, consultation_id) references public.questions (id, consultation_id),
  foreign key (topic_id, consultation_id) references public.topics (id, consultation_id),
  check ((channel = 'online') = (submission_id is not null)),
  check (channel <> 'roadtour' or stop_id is not null),
  check (channel <> 'online' or (question_id is not null and kind = 'answer')),
  check ((status = 'rejected') = (reject_reason is not null)),
  check (kind = 'quote' or speaker is null),
  -- Nothing leaves moderation with unresolved personal data proposals.
  check (status <> 'approved' or pii_spans = '[]'::jsonb)
);
comment on table public.input_items is
  'One text each: an online answer or a roadtour note. Moderation, themes and exports read only this table.';
comment on column public.input_items.body is 'The text as shown to staff; after redaction the redacted text.';
comment on column public.input_items.pii_spans is 'Personal data the detector proposes to redact: [{type,start,end}].';

create index input_items_queue_idx on public.input_items (consultation_id, status, created_at desc, id desc);
create index input_items_created_idx on public.input_items (created_at desc, id desc);
create index input_items_search_idx on public.input_items using gin (search);
create index input_items_submission_idx on public.input_items (submission_id);
create index input_items_stop_idx on public.input_items (stop_id);
create index input_items_question_idx on public.input_items (question_id);

create table public.input_originals (
  input_item_id uuid primary key references public.input_items on delete cascade,
  body text not null,
  purge_after date not null,
  created_at timestamptz not null default now()
);
comment on table public.input_originals is
  'The unredacted text, for admins only, until purge_after. Written by a trigger, never by hand.';

create table public.themes (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  key text check (key ~ '^[a-z0-9]+([_-][a-z0-9]+)*$' and length(key) <= 80),
  label text not null check (length(btrim(label)) between 1 and 160),
  description_md text not null default '' check (length(description_md) <= 10000),
  reaction_md text not null default '' check (length(reaction_md) <= 10000),
  origin public.theme_origin not null,
  status public.theme_status not null default 'candidate',
  merged_into uuid references public.themes on delete set null,
  locked boolean not null default false,
  top_terms text[] not null default '{}',
  position integer not null default 0 check (position >= 0),
  published_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, consultation_id),
  unique (consultation_id, key),
  check ((status = 'merged') = (merged_into is not null)),
  check (published_at is null or status = 'active')
);
comment on table public.themes is 'Themes that input is grouped into; published ones appear on "wat we hoorden".';
comment on column public.themes.reaction_md is 'The municipality''s answer: "wat doen we ermee".';

create table public.theme_assignments (
  theme_id uuid not null,
  input_item_id uuid not null,
  consultation_id uuid not null,
  source public.assignment_source not null,
  is_primary boolean not null default true,
  score real not null check (score >= 0 and score <= 1),
  assigned_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (theme_id, input_item_id),
  foreign key (theme_id, consultation_id) references public.themes (id, consultation_id) on delete cascade,
  foreign key (input_item_id, consultation_id) references public.input_items (id, consultation_id) on delete cascade
);
comment on table public.theme_assignments is 'Which input belongs to which theme, by the engine (auto) or an analyst (manual).';
create unique index theme_assignments_one_primary_idx on public.theme_assignments (input_item_id) where is_primary;
create index theme_assignments_item_idx on public.theme_assignments (input_item_id);

create table public.theme_snapshots (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  label text not null check (length(btrim(label)) between 1 and 200),
  themes jsonb not null check (jsonb_typeof(themes) = 'array'),
  assignments jsonb not null check (jsonb_typeof(assignments) = 'array'),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.theme_snapshots is 'A frozen version of the themes that exports and the public page cite.';

create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_role text check (length(actor_role) <= 40),
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$' and length(action) <= 80),
  entity text not null check (length(entity) between 1 and 60),
  entity_id text check (length(entity_id) <= 100),
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object')
);
comment on table public.audit_log is
  'Append-only record of moderation, redaction, theme, export and staff actions. Never holds input text.';
create index audit_log_at_idx on public.audit_log (at desc, id desc);
create index audit_log_entity_idx on public.audit_log (entity, entity_id);

create trigger consultations_touch before update on public.consultations
for each row execute function private.touch();
create trigger staff_members_touch before update on public.staff_members
for each row execute function private.touch();
create trigger roadtour_stops_touch before update on public.roadtour_stops
for each row execute function private.touch();
create trigger input_items_touch before update on public.input_items
for each row execute function private.touch();
create trigger themes_touch before update on public.themes
for each row execute function private.touch();
