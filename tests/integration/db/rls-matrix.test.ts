import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tx } from '../../../src/lib/db/types';
import { attempt, freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona, personas } from '../../support/world';

type Op = 'select' | 'insert' | 'update' | 'delete';
const ops: readonly Op[] = ['select', 'insert', 'update', 'delete'];

interface TableCase {
  /** Which operations each persona may do, as letters S I U D. */
  allowed: Record<Persona, string>;
  /** Rows of the target the caller can see. */
  select: string;
  /** Creates one row the way this persona legitimately would. */
  insert: (persona: Persona) => string;
  update: string;
  delete: string;
  /** A row for the delete case, made by the owner before it and removed after (cases roll back themselves). */
  arrangeDelete?: { before: string; after: string };
}

/** Issue 19's rows, made by the owner next to the fixture world. */
const written = {
  saved: 'c0000000-0000-4000-8000-000000000001',
  draft: 'c0000000-0000-4000-8000-000000000002',
  point: 'c1000000-0000-4000-8000-000000000001',
  loosePoint: 'c1000000-0000-4000-8000-000000000002',
} as const;
const writtenWorld = `
  insert into public.written_inputs (id, consultation_id, kind, sender, audience, received_on, saved_at, created_by)
  values ('${written.saved}', '${ids.openConsultation}', 'advies', 'Adviesraad', 'adviesraad', current_date, now(), '${ids.staff.admin}');
  insert into public.written_inputs (id, consultation_id, kind, sender, audience, received_on, draft_points, created_by)
  values ('${written.draft}', '${ids.openConsultation}', 'brief', 'Ouderenbond', 'ouderenbond', current_date, '[]', '${ids.staff.admin}');
  insert into public.written_input_originals (written_input_id, media_type, body, purge_after)
  values ('${written.saved}', 'text/plain', 'Advies 1: meer hulp.', current_date + 30);
  insert into public.input_items (id, consultation_id, channel, audience, kind, body)
  values ('${written.point}', '${ids.openConsultation}', 'schriftelijk', 'adviesraad', 'point', 'Meer hulp.'),
         ('${written.loosePoint}', '${ids.openConsultation}', 'schriftelijk', 'adviesraad', 'point', 'Minder regels.');
  insert into public.written_points (input_item_id, written_input_id, consultation_id, position)
  values ('${written.point}', '${written.saved}', '${ids.openConsultation}', 1);
  insert into public.written_point_themes (input_item_id, theme_id, consultation_id)
  values ('${written.point}', '${ids.draftTheme}', '${ids.openConsultation}');`;

const uid = (persona: Persona) => (persona === 'anon' ? 'null' : `auth.uid()`);
const readOnlyForAll = {
  anon: 'S',
  outsider: 'S',
  facilitator: 'S',
  moderator: 'S',
  analyst: 'S',
  admin: 'SIUD',
};

/**
 * The policy matrix: every table × persona × operation. Allowed operations must succeed (and touch
 * the target row); every other one must fail with an error or touch nothing.
 */
const matrix: Record<string, TableCase> = {
  consultations: {
    allowed: readOnlyForAll,
    select: `select 1 from public.consultations where id = '${ids.openConsultation}'`,
    insert: () =>
      `insert into public.consultations (slug, title, opens_at, closes_at) values ('nieuw', 'Nieuwe raadpleging', now(), now() + interval '1 day')`,
    update: `update public.consultations set title = 'Andere titel' where id = '${ids.openConsultation}'`,
    delete: `delete from public.consultations where id = '${ids.closedConsultation}'`,
  },
  topics: {
    allowed: readOnlyForAll,
    select: `select 1 from public.topics where id = '${ids.topic}'`,
    insert: () =>
      `insert into public.topics (consultation_id, key, label) values ('${ids.openConsultation}', 'nieuw', 'Nieuw')`,
    update: `update public.topics set label = 'Ander label' where id = '${ids.topic}'`,
    delete: `delete from public.topics where id = '${ids.spareTopic}'`,
  },
  // Issue 16, item 11: the closed list of wijken. Written by content sync (service role) only.
  wijken: {
    allowed: { anon: 'S', outsider: 'S', facilitator: 'S', moderator: 'S', analyst: 'S', admin: 'S' },
    select: `select 1 from public.wijken where consultation_id = '${ids.openConsultation}' and name = 'Dorp'`,
    insert: () =>
      `insert into public.wijken (consultation_id, name) values ('${ids.openConsultation}', 'Nieuwe Wijk')`,
    update: `update public.wijken set name = 'Jan de Vries' where consultation_id = '${ids.openConsultation}' and name = 'Oude Wijk'`,
    delete: `delete from public.wijken where consultation_id = '${ids.openConsultation}' and name = 'Oude Wijk'`,
  },
  questions: {
    allowed: readOnlyForAll,
    select: `select 1 from public.questions where id = '${ids.question}'`,
    insert: () =>
      `insert into public.questions (consultation_id, audience, key, prompt) values ('${ids.openConsultation}', 'mantelzorger', 'nieuw', 'Een nieuwe vraag?')`,
    update: `update public.questions set prompt = 'Een andere vraag?' where id = '${ids.question}'`,
    delete: `delete from public.questions where id = '${ids.closedQuestion}'`,
  },
  // Issue 18, part 3: the editor's tables. Audiences are public with their consultation.
  consultation_audiences: {
    allowed: readOnlyForAll,
    select: `select 1 from public.consultation_audiences where consultation_id = '${ids.openConsultation}' and audience = 'inwoner'`,
    insert: () =>
      `insert into public.consultation_audiences (consultation_id, audience) values ('${ids.openConsultation}', 'mantelzorger')`,
    update: `update public.consultation_audiences set intro = 'Nieuwe inleiding.' where consultation_id = '${ids.openConsultation}' and audience = 'inwoner'`,
    delete: `delete from public.consultation_audiences where consultation_id = '${ids.closedConsultation}' and audience = 'mantelzorger'`,
  },
  expected_themes: {
    allowed: { anon: '', outsider: '', facilitator: 'S', moderator: 'S', analyst: 'S', admin: 'SIUD' },
    select: `select 1 from public.expected_themes where id = '${ids.expectedTheme}'`,
    insert: () =>
      `insert into public.expected_themes (consultation_id, key, label, description) values ('${ids.openConsultation}', 'nieuw', 'Nieuw', 'Een nieuw thema.')`,
    update: `update public.expected_themes set label = 'Ander label' where id = '${ids.expectedTheme}'`,
    delete: `delete from public.expected_themes where id = '${ids.spareExpectedTheme}'`,
  },
  // Written by a trigger when a question is reworded; nobody edits the history.
  question_wordings: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: 'S' },
    select: `select 1 from public.question_wordings where id = '${ids.questionWording}'`,
    insert: () =>
      `insert into public.question_wordings (question_id, prompt) values ('${ids.question}', 'Vervalst?')`,
    update: `update public.question_wordings set prompt = 'Vervalst?' where id = '${ids.questionWording}'`,
    delete: `delete from public.question_wordings where id = '${ids.questionWording}'`,
  },
  staff_members: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: 'SIUD' },
    select: `select 1 from public.staff_members where user_id = '${ids.staff.otherFacilitator}'`,
    insert: () =>
      `insert into public.staff_members (user_id, email, display_name, role) values ('${ids.outsider}', 'outsider@example.test', 'Nieuw', 'analyst')`,
    update: `update public.staff_members set display_name = 'Anders' where user_id = '${ids.staff.otherFacilitator}'`,
    delete: `delete from public.staff_members where user_id = '${ids.staff.otherFacilitator}'`,
  },
  roadtour_stops: {
    allowed: { anon: '', outsider: '', facilitator: 'SIUD', moderator: 'S', analyst: 'S', admin: 'SIUD' },
    select: `select 1 from public.roadtour_stops where id = '${ids.emptyStop}'`,
    insert: (p) =>
      `insert into public.roadtour_stops (consultation_id, name, location, starts_at, group_type, created_by) values ('${ids.openConsultation}', 'Nieuwe stop', 'Rokkeveen', now() + interval '5 days', 'inwoners', ${uid(p)})`,
    update: `update public.roadtour_stops set expected_participants = 12 where id = '${ids.emptyStop}'`,
    delete: `delete from public.roadtour_stops where id = '${ids.emptyStop}'`,
  },
  stop_facilitators: {
    allowed: { anon: '', outsider: '', facilitator: 'SID', moderator: 'S', analyst: 'S', admin: 'SID' },
    select: `select 1 from public.stop_facilitators where stop_id = '${ids.emptyStop}'`,
    insert: () =>
      `insert into public.stop_facilitators (stop_id, user_id) values ('${ids.emptyStop}', '${ids.staff.otherFacilitator}')`,
    update: `update public.stop_facilitators set user_id = '${ids.staff.otherFacilitator}' where stop_id = '${ids.emptyStop}'`,
    // A co-facilitator: the one who planned the stop can never be taken off it.
    delete: `delete from public.stop_facilitators where stop_id = '${ids.emptyStop}' and user_id = '${ids.staff.otherFacilitator}'`,
    arrangeDelete: {
      before: `insert into public.stop_facilitators (stop_id, user_id) values ('${ids.emptyStop}', '${ids.staff.otherFacilitator}') on conflict do nothing`,
      after: `delete from public.stop_facilitators where stop_id = '${ids.emptyStop}' and user_id = '${ids.staff.otherFacilitator}'`,
    },
  },
  submissions: {
    allowed: { anon: 'I', outsider: '', facilitator: '', moderator: 'S', analyst: 'S', admin: 'SD' },
    select: `select 1 from public.submissions where id = '${ids.submission}'`,
    insert: () =>
      `insert into public.submissions (id, consultation_id, audience, consent_at, reference_code) values (gen_random_uuid(), '${ids.openConsultation}', 'inwoner', now(), 'WXYZ-2345')`,
    update: `update public.submissions set wijk = 'Dorp' where id = '${ids.submission}'`,
    delete: `delete from public.submissions where id = '${ids.submission}'`,
  },
  contact_emails: {
    allowed: { anon: 'I', outsider: '', facilitator: '', moderator: '', analyst: '', admin: 'SUD' },
    select: `select 1 from public.contact_emails where id = '${ids.contactEmail}'`,
    insert: () =>
      `insert into public.contact_emails (consultation_id, email, unsubscribe_token) values ('${ids.openConsultation}', 'nog@example.test', 'token-bbbbbbbbbbbbbbbbbbbbbbbb')`,
    update: `update public.contact_emails set notified_at = now() where id = '${ids.contactEmail}'`,
    delete: `delete from public.contact_emails where id = '${ids.contactEmail}'`,
  },
  input_items: {
    allowed: { anon: 'I', outsider: '', facilitator: 'I', moderator: 'SU', analyst: '', admin: 'SIUD' },
    select: `select 1 from public.input_items where id = '${ids.newItem}'`,
    insert: (p) =>
      p === 'anon'
        ? `insert into public.input_items (consultation_id, channel, audience, submission_id, question_id, body) values ('${ids.openConsultation}', 'online', 'inwoner', '${ids.submission}', '${ids.question}', 'Nog een antwoord.')`
        : `insert into public.input_items (consultation_id, channel, audience, stop_id, topic_id, kind, body) values ('${ids.openConsultation}', 'roadtour', 'inwoner', '${ids.stop}', '${ids.topic}', 'idea', 'Een idee uit de groep.')`,
    update: `update public.input_items set status = 'hidden' where id = '${ids.newItem}'`,
    delete: `delete from public.input_items where id = '${ids.newItem}'`,
  },
  input_originals: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: 'SD' },
    select: `select 1 from public.input_originals where input_item_id = '${ids.redactedItem}'`,
    insert: () =>
      `insert into public.input_originals (input_item_id, body, purge_after) values ('${ids.newItem}', 'tekst', current_date)`,
    update: `update public.input_originals set purge_after = current_date + 999 where input_item_id = '${ids.redactedItem}'`,
    delete: `delete from public.input_originals where input_item_id = '${ids.redactedItem}'`,
  },
  themes: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'S', analyst: 'SIUD', admin: 'SIUD' },
    select: `select 1 from public.themes where id = '${ids.draftTheme}'`,
    insert: () =>
      `insert into public.themes (consultation_id, label, origin) values ('${ids.openConsultation}', 'Nieuw thema', 'manual')`,
    update: `update public.themes set label = 'Hernoemd' where id = '${ids.draftTheme}'`,
    delete: `delete from public.themes where id = '${ids.draftTheme}'`,
  },
  theme_assignments: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'S', analyst: 'SIUD', admin: 'SIUD' },
    select: `select 1 from public.theme_assignments where theme_id = '${ids.draftTheme}'`,
    insert: () =>
      `insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score) values ('${ids.draftTheme}', '${ids.publicItem}', '${ids.openConsultation}', 'manual', false, 0.5)`,
    update: `update public.theme_assignments set score = 0.3 where theme_id = '${ids.draftTheme}'`,
    delete: `delete from public.theme_assignments where theme_id = '${ids.draftTheme}'`,
  },
  theme_snapshots: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: 'SI', admin: 'SID' },
    select: `select 1 from public.theme_snapshots where id = '${ids.snapshot}'`,
    insert: () =>
      `insert into public.theme_snapshots (consultation_id, label, themes, assignments) values ('${ids.openConsultation}', 'Versie 2', '[]', '[]')`,
    update: `update public.theme_snapshots set label = 'Anders' where id = '${ids.snapshot}'`,
    delete: `delete from public.theme_snapshots where id = '${ids.snapshot}'`,
  },
  theme_jobs: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: 'SIU', admin: 'SIUD' },
    select: `select 1 from public.theme_jobs where id = '${ids.themeJob}'`,
    insert: (p) =>
      `insert into public.theme_jobs (consultation_id, kind, created_by) values ('${ids.openConsultation}', 'propose', ${uid(p)})`,
    update: `update public.theme_jobs set progress = 0.5 where id = '${ids.themeJob}'`,
    delete: `delete from public.theme_jobs where id = '${ids.themeJob}'`,
  },
  theme_suggestions: {
    // Written by re-runs as the analyst; the analyst accepts or rejects; only open ones are cleared.
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: 'SIUD', admin: 'SIUD' },
    select: `select 1 from public.theme_suggestions where id = '${ids.suggestion}'`,
    insert: () =>
      `insert into public.theme_suggestions (consultation_id, kind, from_theme_id, to_theme_id, score) values ('${ids.openConsultation}', 'merge', '${ids.publishedTheme}', '${ids.draftTheme}', 0.7)`,
    update: `update public.theme_suggestions set score = 0.5 where id = '${ids.suggestion}'`,
    delete: `delete from public.theme_suggestions where id = '${ids.suggestion}'`,
  },
  theme_merges: {
    // What a merge changed, for "Ongedaan maken"; never deleted by hand.
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: 'SIU', admin: 'SIU' },
    select: `select 1 from public.theme_merges where id = '${ids.merge}'`,
    insert: () =>
      `insert into public.theme_merges (consultation_id, source_id, target_id, source_before, assignments_before, assignments_after) values ('${ids.openConsultation}', '${ids.draftTheme}', '${ids.publishedTheme}', '{}', '[]', '[]')`,
    update: `update public.theme_merges set undone_at = now(), undone_by = auth.uid() where id = '${ids.merge}'`,
    delete: `delete from public.theme_merges where id = '${ids.merge}'`,
  },
  results_publications: {
    // Only through the publishing functions (publish, withdraw): nobody writes the table directly.
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: 'S', admin: 'S' },
    select: `select 1 from public.results_publications where id = '${ids.withdrawnPublication}'`,
    insert: () =>
      `insert into public.results_publications (consultation_id, snapshot_id, title, page) values ('${ids.openConsultation}', '${ids.citedSnapshot}', 'Eigen titel', '{}')`,
    update: `update public.results_publications set title = 'Andere titel' where id = '${ids.withdrawnPublication}'`,
    delete: `delete from public.results_publications where id = '${ids.withdrawnPublication}'`,
  },
  input_item_embeddings: {
    // Analysts store vectors only of approved input (the run's cache); admins may clear them.
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: 'SIU', admin: 'SIUD' },
    select: `select 1 from public.input_item_embeddings where input_item_id = '${ids.approvedItem}'`,
    insert: () =>
      `insert into public.input_item_embeddings (input_item_id, model, text_sha256, dimensions, vector) values ('${ids.publicItem}', 'test-model', repeat('b', 64), 1, '\\x0000803f'::bytea)`,
    update: `update public.input_item_embeddings set model = 'ander-model' where input_item_id = '${ids.approvedItem}'`,
    delete: `delete from public.input_item_embeddings where input_item_id = '${ids.approvedItem}'`,
  },
  // Spreadsheet import (issue 19, part 3): moderators, analysts and admins keep sources (with their
  // mapping); imports and their rows are written only by private.import_spreadsheet_rows.
  import_sources: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'SIU', analyst: 'SIU', admin: 'SIU' },
    select: `select 1 from public.import_sources where id = '${ids.importSource}'`,
    insert: () =>
      `insert into public.import_sources (consultation_id, name) values ('${ids.openConsultation}', 'Nieuwe bron')`,
    update: `update public.import_sources set mapping = '{"Wijk": "wijk"}' where id = '${ids.importSource}'`,
    delete: `delete from public.import_sources where id = '${ids.importSource}'`,
  },
  import_batches: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'S', analyst: 'S', admin: 'S' },
    select: `select 1 from public.import_batches where id = '${ids.importBatch}'`,
    insert: () =>
      `insert into public.import_batches (consultation_id, source_id, file_name, file_sha256, via, rows_total, rows_imported, rows_already_imported, rows_invalid, items_created) values ('${ids.openConsultation}', '${ids.importSource}', 'x.csv', repeat('d', 64), 'web', 0, 0, 0, 0, 0)`,
    update: `update public.import_batches set rows_imported = 9 where id = '${ids.importBatch}'`,
    delete: `delete from public.import_batches where id = '${ids.importBatch}'`,
  },
  import_rows: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'S', analyst: 'S', admin: 'S' },
    select: `select 1 from public.import_rows where batch_id = '${ids.importBatch}'`,
    insert: () =>
      `insert into public.import_rows (source_id, row_hash, batch_id, point) values ('${ids.importSource}', repeat('e', 64), '${ids.importBatch}', 3)`,
    update: `update public.import_rows set point = 9 where batch_id = '${ids.importBatch}'`,
    delete: `delete from public.import_rows where batch_id = '${ids.importBatch}'`,
  },
  // An upload holds unredacted answers: its uploader (here the analyst) alone reads, changes and
  // deletes it; anyone who may import can upload.
  import_uploads: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'I', analyst: 'SIUD', admin: 'I' },
    select: `select 1 from public.import_uploads where id = '${ids.importUpload}'`,
    insert: () =>
      `insert into public.import_uploads (consultation_id, source_id, file_name, file_type, content) values ('${ids.openConsultation}', '${ids.importSource}', 'a.csv', 'csv', '\\x41'::bytea)`,
    update: `update public.import_uploads set audience = 'inwoner' where id = '${ids.importUpload}'`,
    delete: `delete from public.import_uploads where id = '${ids.importUpload}'`,
  },
  audit_log: {
    // Written by triggers and security-definer functions only (exports: private.record_export):
    // no staff member inserts rows of their own (issue 16, item 8).
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: 'S' },
    select: `select 1 from public.audit_log`,
    insert: (p) =>
      `insert into public.audit_log (actor_id, action, entity, entity_id) values (${uid(p)}, 'export.download', 'consultations', '${ids.openConsultation}')`,
    update: `update public.audit_log set action = 'export.changed'`,
    delete: `delete from public.audit_log`,
  },
  mail_outbox: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: 'S' },
    select: `select 1 from public.mail_outbox where id = '${ids.mailOutbox}'`,
    insert: () =>
      `insert into public.mail_outbox (consultation_id, to_email, subject, body_text, body_html, kind) values ('${ids.closedConsultation}', 'nieuw@example.test', 'Onderwerp', 'Tekst', '<p>Tekst</p>', 'results_published')`,
    update: `update public.mail_outbox set sent_at = now(), attempts = 1 where id = '${ids.mailOutbox}'`,
    delete: `delete from public.mail_outbox where id = '${ids.mailOutbox}'`,
  },
  abuse_counters: {
    // Owner only: requests count through private.abuse_hit (security definer), never directly.
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: '' },
    select: `select 1 from public.abuse_counters where bucket = 'rate:submit'`,
    insert: () =>
      `insert into public.abuse_counters (bucket, key, window_start, window_end) values ('rate:submit', 'nieuwe-sleutel', now(), now() + interval '1 minute')`,
    update: `update public.abuse_counters set hits = 0 where bucket = 'rate:submit'`,
    delete: `delete from public.abuse_counters where bucket = 'rate:submit'`,
  },
  signin_throttle: {
    // Owner only: sign-in attempts are claimed through private.signin_claim (security definer).
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: '' },
    select: 'select 1 from public.signin_throttle',
    insert: () =>
      `insert into public.signin_throttle (kind, key, last_attempt_at, next_attempt_at) values ('account', 'nieuwe-sleutel', now(), now())`,
    update: 'update public.signin_throttle set failures = 0, next_attempt_at = now()',
    delete: 'delete from public.signin_throttle',
  },
  staff_sessions: {
    // Owner only: the server starts, checks and ends sessions through private.staff_session_*
    // (security definer, service role only), so no API role can read, forge or revive one.
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: '' },
    select: 'select 1 from public.staff_sessions',
    insert: () =>
      `insert into public.staff_sessions (user_id, role, expires_at) select user_id, 'admin', now() + interval '8 hours' from public.staff_members limit 1`,
    update: `update public.staff_sessions set expires_at = now() + interval '1 year'`,
    delete: 'delete from public.staff_sessions',
  },
  // Issue 19: letters and advices, their points and the college's responses.
  written_inputs: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'SIU', analyst: 'SIU', admin: 'SIUD' },
    select: `select 1 from public.written_inputs where id = '${written.saved}'`,
    insert: () =>
      `insert into public.written_inputs (consultation_id, kind, sender, audience, received_on, draft_points) values ('${ids.openConsultation}', 'brief', 'Ouderenbond', 'ouderenbond', current_date, '[]')`,
    update: `update public.written_inputs set sender = 'Andere afzender' where id = '${written.saved}'`,
    delete: `delete from public.written_inputs where id = '${written.saved}'`,
  },
  written_input_originals: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'I', analyst: 'I', admin: 'SID' },
    select: `select 1 from public.written_input_originals where written_input_id = '${written.saved}'`,
    insert: () =>
      `insert into public.written_input_originals (written_input_id, media_type, body, purge_after) values ('${written.draft}', 'text/plain', 'tekst', current_date)`,
    update: `update public.written_input_originals set purge_after = current_date + 999 where written_input_id = '${written.saved}'`,
    delete: `delete from public.written_input_originals where written_input_id = '${written.saved}'`,
  },
  written_points: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'SI', analyst: 'SIU', admin: 'SIUD' },
    select: `select 1 from public.written_points where input_item_id = '${written.point}'`,
    insert: () =>
      `insert into public.written_points (input_item_id, written_input_id, consultation_id, position) values ('${written.loosePoint}', '${written.saved}', '${ids.openConsultation}', 2)`,
    update: `update public.written_points set response_md = 'Reactie', response_status = 'overgenomen' where input_item_id = '${written.point}'`,
    delete: `delete from public.written_points where input_item_id = '${written.point}'`,
  },
  written_point_themes: {
    allowed: { anon: '', outsider: '', facilitator: '', moderator: 'S', analyst: 'SID', admin: 'SID' },
    select: `select 1 from public.written_point_themes where input_item_id = '${written.point}'`,
    insert: () =>
      `insert into public.written_point_themes (input_item_id, theme_id, consultation_id) values ('${written.point}', '${ids.publishedTheme}', '${ids.openConsultation}')`,
    update: `update public.written_point_themes set theme_id = '${ids.publishedTheme}' where input_item_id = '${written.point}'`,
    delete: `delete from public.written_point_themes where input_item_id = '${written.point}'`,
  },
  staff_password_links: {
    // The server's own: "wachtwoord vergeten" and invitations write and use them; no staff member
    // (not even an admin) reads a link or makes one for someone else.
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: '' },
    select: 'select 1 from public.staff_password_links',
    insert: () =>
      `insert into public.staff_password_links (token_hash, user_id, purpose, expires_at) select repeat('a', 64), user_id, 'recovery', now() + interval '1 hour' from public.staff_members limit 1`,
    update: `update public.staff_password_links set expires_at = now() + interval '1 year'`,
    delete: 'delete from public.staff_password_links',
  },
  staff_mail_settings: {
    // The server's own: a moderator turns their daily e-mail on or off through
    // private.set_moderation_digest (security definer, their own row only); the mail job reads it.
    allowed: { anon: '', outsider: '', facilitator: '', moderator: '', analyst: '', admin: '' },
    select: 'select 1 from public.staff_mail_settings',
    insert: (p) =>
      `insert into public.staff_mail_settings (user_id, moderation_digest) values (${uid(p)}, true)`,
    update: 'update public.staff_mail_settings set moderation_digest = true',
    delete: 'delete from public.staff_mail_settings',
  },
};

async function succeeds(tx: Tx, op: Op, table: TableCase, persona: Persona): Promise<boolean> {
  if (op === 'select') return (await tx.query(table.select)).length > 0;
  if (op === 'insert') return (await tx.execute(table.insert(persona))) === 1;
  return (await tx.execute(op === 'update' ? table.update : table.delete)) > 0;
}

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
  await buildWorld(db);
  await db.asOwner((tx) => tx.exec(writtenWorld));
});
afterAll(() => db?.dispose());

const cases = Object.entries(matrix).flatMap(([name, table]) =>
  personas.flatMap((persona) => ops.map((op) => ({ name, table, persona, op }))),
);

describe('row level security matrix', () => {
  test('covers every table in the public schema, each with RLS enabled', async () => {
    const tables = await db.asOwner((tx) =>
      tx.query<{ name: string; rls: boolean }>(
        `select c.relname as name, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r' order by 1`,
      ),
    );
    expect(tables.map((t) => t.name).sort()).toEqual(Object.keys(matrix).sort());
    expect(tables.filter((t) => !t.rls)).toEqual([]);
  });

  test.each(cases)('$persona: $op on $name', async ({ table, persona, op }) => {
    const expected = table.allowed[persona].includes(op[0]?.toUpperCase() ?? '?');
    const arrange = op === 'delete' ? table.arrangeDelete : undefined;
    if (arrange) await db.asOwner((tx) => tx.execute(arrange.before));
    const outcome = await attempt(db, callerFor(persona), (tx) => succeeds(tx, op, table, persona))
      .catch((error: unknown) => error as Error)
      .finally(() => arrange && db.asOwner((tx) => tx.execute(arrange.after)));
    if (expected) {
      expect(outcome, `${persona} should be able to ${op} ${table.select}`).toBe(true);
    } else if (outcome !== true) {
      // Refused: by an error (no grant, policy violation, append-only trigger) or by touching nothing.
      if (outcome instanceof Error)
        expect(outcome.message).toMatch(/permission denied|row-level security|append-only|violates/);
      else expect(outcome).toBe(false);
    } else {
      expect.fail(`${persona} must not be able to ${op} on this table`);
    }
  });
});

/**
 * Issue 16, item 8: grants no wider than the app needs. Each statement here is one the app never
 * runs; every persona must be refused (an error, or nothing touched).
 */
const noteWith = (column: string, value: string) =>
  `insert into public.input_items (consultation_id, channel, audience, stop_id, topic_id, kind, body, ${column})
   values ('${ids.openConsultation}', 'roadtour', 'inwoner', '${ids.stop}', '${ids.topic}', 'idea', 'Een idee uit de groep.', ${value})`;
const refusals: { what: string; personas: readonly Persona[]; sql: string }[] = [
  {
    what: 'read the reference codes of submissions',
    personas,
    sql: 'select reference_code from public.submissions',
  },
  {
    what: 'test reference codes in a filter',
    personas,
    sql: `select 1 from public.submissions where reference_code = 'ABCD-EFGH'`,
  },
  {
    what: 'insert an audit-log row',
    personas,
    sql: `insert into public.audit_log (actor_id, action, entity) values (auth.uid(), 'export.create', 'export')`,
  },
  {
    what: 'insert a note that looks moderated (moderated_by)',
    personas: ['facilitator', 'admin'],
    sql: noteWith('moderated_by', 'auth.uid()'),
  },
  {
    what: 'insert a note that looks moderated (moderated_at)',
    personas: ['facilitator', 'admin'],
    sql: noteWith('moderated_at', 'now()'),
  },
  {
    what: 'insert a note with a made-up time (created_at)',
    personas: ['facilitator', 'admin'],
    sql: noteWith('created_at', `'2026-01-01T12:00:00Z'`),
  },
  {
    what: 'insert a note that changed since (updated_at, version)',
    personas: ['facilitator', 'admin'],
    sql: noteWith('version', '7'),
  },
  // Issue 18: admins change a member's name, role and active flag; the last sign-in is the
  // server's (private.staff_session_start) and the address is the account's.
  {
    what: 'set a staff member’s last sign-in',
    personas,
    sql: `update public.staff_members set last_signed_in_at = now() where user_id = '${ids.staff.otherFacilitator}'`,
  },
  {
    what: 'change a staff member’s e-mail address',
    personas,
    sql: `update public.staff_members set email = 'ander@example.test' where user_id = '${ids.staff.otherFacilitator}'`,
  },
];

describe('grants no wider than the app needs', () => {
  test.each(
    refusals.flatMap(({ what, personas: who, sql }) => who.map((persona) => ({ what, persona, sql }))),
  )('$persona cannot $what', async ({ persona, sql }) => {
    // Rows read, or rows written.
    const outcome = await attempt(db, callerFor(persona), async (tx) =>
      sql.startsWith('select') ? (await tx.query(sql)).length : await tx.execute(sql),
    ).catch((error: unknown) => error as Error);
    if (outcome instanceof Error) expect(outcome.message).toMatch(/permission denied|row-level security/);
    else expect(outcome).toBe(0);
  });

  test('a facilitator can still add a note, timed by the server', async () => {
    const [note] = await attempt(db, callerFor('facilitator'), (tx) =>
      tx.query<{ moderated_by: string | null; recent: boolean }>(
        `${noteWith('client_created_at', `'2026-01-01T12:00:00Z'`)}
         returning moderated_by, created_at > now() - interval '1 minute' as recent`,
      ),
    );
    expect(note).toEqual({ moderated_by: null, recent: true });
  });

  test('an admin finds a submission by its reference code, nobody else does', async () => {
    const lookup = (persona: Persona) =>
      attempt(db, callerFor(persona), (tx) =>
        tx.query<{ id: string | null }>(`select private.submission_by_reference('ABCD-EFGH') as id`),
      ).catch((error: unknown) => [{ id: (error as Error).message }]);
    expect(await lookup('admin')).toEqual([{ id: ids.submission }]);
    for (const persona of ['moderator', 'analyst', 'facilitator', 'outsider'] as const)
      expect(await lookup(persona)).toEqual([{ id: null }]);
    expect((await lookup('anon'))[0]?.id).toMatch(/permission denied/);
  });

  test('analysts and admins still record exports, through private.record_export', async () => {
    for (const persona of ['analyst', 'admin'] as const) {
      const [row] = await attempt(db, callerFor(persona), (tx) =>
        tx.query<{ id: string }>(
          `select private.record_export('csv', 'test', '{}'::jsonb, '{}'::jsonb) as id`,
        ),
      );
      expect(row?.id).toBeDefined();
    }
  });
});
