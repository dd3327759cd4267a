-- Consultations are managed in the browser (issue 18, part 3): the database is the source at run
-- time, content/ is the seed and a file format. What only content/ held so far moves here: each
-- audience's introduction, order and profile questions (issue 20, item 1), the expected themes.
-- Questions can be hidden instead of deleted once answered, and their earlier wordings are kept.

-- ───────────── consultations: edited in the browser ─────────────
alter table public.consultations add column edited_at timestamptz;
comment on column public.consultations.edited_at is
  'Last change through the editor or an import. While null, content sync may still update the consultation from content/; afterwards content/ never overwrites it.';
comment on table public.consultations is
  'One consultation (inspraaktraject). Seeded from content/, managed in the browser (/staff/beheer/consultaties).';

-- ───────────── audiences ─────────────
create table public.consultation_audiences (
  consultation_id uuid not null references public.consultations on delete cascade,
  audience public.audience not null,
  position integer not null default 0 check (position >= 0),
  intro text not null default '' check (length(intro) <= 2000),
  -- Issue 20, item 1: which profile questions this audience is asked ("Over u").
  profile_questions text[] not null default '{}'
    check (profile_questions <@ array['age_band', 'wijk', 'receives_help']::text[]),
  primary key (consultation_id, audience)
);
comment on table public.consultation_audiences is
  'The audiences a consultation asks, in order, with their introduction and the profile questions they are asked.';

alter table public.consultation_audiences enable row level security;
revoke all on public.consultation_audiences from anon, authenticated, service_role;
grant select on public.consultation_audiences to doemee_anon, doemee_staff;
grant insert, update, delete on public.consultation_audiences to doemee_staff;
grant select, insert, update, delete on public.consultation_audiences to doemee_service;
create policy "The server's own work" on public.consultation_audiences
for all to doemee_service using (true) with check (true);
create policy "Anyone can read the audiences of published consultations" on public.consultation_audiences
for select to doemee_anon, doemee_staff
using (private.consultation_is_public(consultation_id) or (select private.has_role('admin', 'moderator', 'analyst', 'facilitator')));
create policy "Admins can add audiences" on public.consultation_audiences
for insert to doemee_staff with check ((select private.has_role('admin')));
create policy "Admins can update audiences" on public.consultation_audiences
for update to doemee_staff
using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
create policy "Admins can remove audiences" on public.consultation_audiences
for delete to doemee_staff using ((select private.has_role('admin')));

-- ───────────── expected themes ─────────────
create table public.expected_themes (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references public.consultations on delete cascade,
  key text not null check (key ~ '^[a-z0-9]+([_-][a-z0-9]+)*$' and length(key) <= 80),
  label text not null check (length(label) between 1 and 160),
  description text not null check (length(description) between 1 and 2000),
  position integer not null default 0 check (position >= 0),
  unique (consultation_id, key)
);
comment on table public.expected_themes is
  'Policy topics the municipality expects; guided theme clustering starts from these.';

alter table public.expected_themes enable row level security;
revoke all on public.expected_themes from anon, authenticated, service_role;
grant select, insert, update, delete on public.expected_themes to doemee_staff, doemee_service;
create policy "The server's own work" on public.expected_themes
for all to doemee_service using (true) with check (true);
create policy "Staff can read expected themes" on public.expected_themes
for select to doemee_staff
using ((select private.has_role('admin', 'moderator', 'analyst', 'facilitator')));
create policy "Admins can add expected themes" on public.expected_themes
for insert to doemee_staff with check ((select private.has_role('admin')));
create policy "Admins can update expected themes" on public.expected_themes
for update to doemee_staff
using ((select private.has_role('admin'))) with check ((select private.has_role('admin')));
create policy "Admins can remove expected themes" on public.expected_themes
for delete to doemee_staff using ((select private.has_role('admin')));

-- ───────────── questions: hidden, wording history, protected keys ─────────────
alter table public.questions add column hidden boolean not null default false;
comment on column public.questions.hidden is
  'No longer asked. A question with answers is hidden instead of deleted, so its answers keep their question.';
comment on table public.questions is 'Open questions per audience, in order.';

create table public.question_wordings (
  id uuid primary key default gen_random_uuid(),
  question_id uuid not null references public.questions on delete cascade,
  prompt text not null,
  help text not null default '',
  replaced_at timestamptz not null default now(),
  replaced_by uuid references auth.users (id) on delete set null
);
comment on table public.question_wordings is
  'Earlier wordings of a question (prompt and help), kept when it is reworded: answers were given to these words.';
create index question_wordings_question_id_fk_idx on public.question_wordings (question_id, replaced_at);
create index question_wordings_replaced_by_fk_idx on public.question_wordings (replaced_by);

alter table public.question_wordings enable row level security;
revoke all on public.question_wordings from anon, authenticated, service_role;
grant select on public.question_wordings to doemee_staff;
grant select, insert, update, delete on public.question_wordings to doemee_service;
create policy "The server's own work" on public.question_wordings
for all to doemee_service using (true) with check (true);
create policy "Admins can read earlier wordings" on public.question_wordings
for select to doemee_staff using ((select private.has_role('admin')));

-- Whoever rewords a question, the words it had go to the history (no code path can forget).
create function private.keep_question_wording() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if (new.prompt, new.help) is distinct from (old.prompt, old.help) then
    insert into public.question_wordings (question_id, prompt, help, replaced_by)
    values (old.id, old.prompt, old.help, private.uid());
  end if;
  return null;
end
$$;
create trigger questions_keep_wording after update of prompt, help on public.questions
for each row execute function private.keep_question_wording();

-- A question with answers keeps its key and audience: answers, exports and reports refer to them.
-- (Deleting it is refused by the foreign key from input_items.)
create function private.answered_question_keeps_key() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if (new.key, new.audience) is distinct from (old.key, old.audience)
     and exists (select 1 from public.input_items i where i.question_id = old.id) then
    raise exception 'question % has answers: its key cannot change', old.key using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger questions_answered_keep_key before update of key, audience on public.questions
for each row execute function private.answered_question_keeps_key();

revoke all on function private.keep_question_wording() from public, anon, authenticated, service_role;
revoke all on function private.answered_question_keeps_key() from public, anon, authenticated, service_role;

-- ───────────── wijken: admins set the list through one function ─────────────
-- The list keeps its rules (a wijk that answers name stays, no longer offered), so nobody writes
-- the table directly: content sync (the server) and admins (the editor) call this.
create function private.set_wijken(target uuid, names text[]) returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  -- Only staff and the server may run this (grants); of staff, only admins.
  if coalesce(auth.role(), '') <> 'service_role' and not private.has_role('admin') then
    raise exception 'only admins can change the wijken' using errcode = '42501';
  end if;
  insert into public.wijken (consultation_id, name, position, offered)
  select target, w.name, w.position::int, true
  from unnest(names) with ordinality as w(name, position)
  on conflict (consultation_id, name) do update set position = excluded.position, offered = true
  where (wijken.position, wijken.offered) is distinct from (excluded.position, true);
  delete from public.wijken w
  where w.consultation_id = target and not (w.name = any(names))
    and not exists (select 1 from public.submissions s where s.consultation_id = w.consultation_id and s.wijk = w.name);
  update public.wijken set offered = false
  where consultation_id = target and offered and not (name = any(names));
end
$$;
revoke all on function private.set_wijken(uuid, text[]) from public, anon, authenticated, service_role;
grant execute on function private.set_wijken(uuid, text[]) to doemee_staff, doemee_service;

-- ───────────── audit ─────────────
create trigger consultations_audit_insert_delete after insert or delete on public.consultations
for each row execute function private.audit_row('version', 'updated_at', 'edited_at');
drop trigger consultations_audit on public.consultations;
create trigger consultations_audit after update on public.consultations
for each row execute function private.audit_row('version', 'updated_at', 'edited_at');
create trigger topics_audit after insert or update or delete on public.topics
for each row execute function private.audit_row();
create trigger questions_audit after insert or update or delete on public.questions
for each row execute function private.audit_row();
create trigger consultation_audiences_audit after insert or update or delete on public.consultation_audiences
for each row execute function private.audit_row();
-- The id is no name: the log names the theme by its label (src/lib/audit/readable.ts).
create trigger expected_themes_audit after insert or update or delete on public.expected_themes
for each row execute function private.audit_row('id');
