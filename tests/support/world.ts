import type { StaffRole } from '../../src/lib/auth/roles';
import type { Caller, Database } from '../../src/lib/db/types';

/** Fixed ids so tests can name every row of the fixture world. */
export const ids = {
  openConsultation: '10000000-0000-4000-8000-000000000001',
  closedConsultation: '10000000-0000-4000-8000-000000000002',
  draftConsultation: '10000000-0000-4000-8000-000000000003',
  topic: '20000000-0000-4000-8000-000000000001',
  spareTopic: '20000000-0000-4000-8000-000000000002',
  question: '30000000-0000-4000-8000-000000000001',
  aanbiederQuestion: '30000000-0000-4000-8000-000000000002',
  closedQuestion: '30000000-0000-4000-8000-000000000003',
  staff: {
    admin: '40000000-0000-4000-8000-000000000001',
    moderator: '40000000-0000-4000-8000-000000000002',
    analyst: '40000000-0000-4000-8000-000000000003',
    facilitator: '40000000-0000-4000-8000-000000000004',
    otherFacilitator: '40000000-0000-4000-8000-000000000005',
  },
  outsider: '40000000-0000-4000-8000-000000000009',
  stop: '50000000-0000-4000-8000-000000000001',
  otherStop: '50000000-0000-4000-8000-000000000002',
  emptyStop: '50000000-0000-4000-8000-000000000003',
  submission: '60000000-0000-4000-8000-000000000001',
  newItem: '70000000-0000-4000-8000-000000000001',
  approvedItem: '70000000-0000-4000-8000-000000000002',
  publicItem: '70000000-0000-4000-8000-000000000003',
  stopNote: '70000000-0000-4000-8000-000000000004',
  otherStopNote: '70000000-0000-4000-8000-000000000005',
  redactedItem: '70000000-0000-4000-8000-000000000006',
  draftTheme: '80000000-0000-4000-8000-000000000001',
  publishedTheme: '80000000-0000-4000-8000-000000000002',
  snapshot: '90000000-0000-4000-8000-000000000001',
  /** The version the withdrawn publication cites (a published version cannot be deleted). */
  citedSnapshot: '90000000-0000-4000-8000-000000000002',
  themeJob: '91000000-0000-4000-8000-000000000001',
  suggestion: '92000000-0000-4000-8000-000000000001',
  merge: '93000000-0000-4000-8000-000000000001',
  /** A publication taken off the public page again (withdrawn): residents see nothing of it. */
  withdrawnPublication: '94000000-0000-4000-8000-000000000001',
  contactEmail: 'a0000000-0000-4000-8000-000000000001',
  expectedTheme: 'c0000000-0000-4000-8000-000000000001',
  spareExpectedTheme: 'c0000000-0000-4000-8000-000000000002',
  questionWording: 'c1000000-0000-4000-8000-000000000001',
  mailOutbox: 'b0000000-0000-4000-8000-000000000001',
  /** Spreadsheet import (issue 19): a source, one import of one row, and an upload the analyst left. */
  importSource: 'c0000000-0000-4000-8000-000000000001',
  importBatch: 'c1000000-0000-4000-8000-000000000001',
  importUpload: 'c2000000-0000-4000-8000-000000000001',
} as const;

export type Persona = 'anon' | 'outsider' | StaffRole;
export const personas: readonly Persona[] = [
  'anon',
  'outsider',
  'facilitator',
  'moderator',
  'analyst',
  'admin',
];

export function callerFor(persona: Persona): Caller {
  if (persona === 'anon') return { kind: 'anon' };
  if (persona === 'outsider')
    // Signed in (say through Supabase Auth) but not a staff member: gets nothing.
    return { kind: 'staff', userId: ids.outsider, email: 'outsider@example.test', staffRole: 'facilitator' };
  return { kind: 'staff', userId: ids.staff[persona], email: `${persona}@doemee.test`, staffRole: persona };
}

/** The fixture world: every table holds rows for the policies to allow or refuse. */
export async function buildWorld(db: Database): Promise<void> {
  const s = ids.staff;
  await db.asOwner(async (tx) => {
    await tx.exec(`
      insert into auth.users (id, email) values
        ('${s.admin}', 'admin@doemee.test'), ('${s.moderator}', 'moderator@doemee.test'),
        ('${s.analyst}', 'analyst@doemee.test'), ('${s.facilitator}', 'facilitator@doemee.test'),
        ('${s.otherFacilitator}', 'other@doemee.test'), ('${ids.outsider}', 'outsider@example.test');
      insert into public.staff_members (user_id, email, display_name, role) values
        ('${s.admin}', 'admin@doemee.test', 'Admin', 'admin'),
        ('${s.moderator}', 'moderator@doemee.test', 'Moderator', 'moderator'),
        ('${s.analyst}', 'analyst@doemee.test', 'Analist', 'analyst'),
        ('${s.facilitator}', 'facilitator@doemee.test', 'Gespreksleider', 'facilitator'),
        ('${s.otherFacilitator}', 'other@doemee.test', 'Andere gespreksleider', 'facilitator');

      insert into public.consultations (id, slug, title, status, opens_at, closes_at) values
        ('${ids.openConsultation}', 'open', 'Open raadpleging', 'published', now() - interval '7 days', now() + interval '30 days'),
        ('${ids.closedConsultation}', 'dicht', 'Gesloten raadpleging', 'published', now() - interval '60 days', now() - interval '1 day'),
        ('${ids.draftConsultation}', 'concept', 'Concept raadpleging', 'draft', now() - interval '1 day', now() + interval '30 days');
      insert into public.topics (id, consultation_id, key, label) values
        ('${ids.topic}', '${ids.openConsultation}', 'krachtig-oud', 'Krachtig oud worden'),
        ('${ids.spareTopic}', '${ids.closedConsultation}', 'reserve', 'Reserve');
      insert into public.questions (id, consultation_id, topic_id, audience, key, prompt, required) values
        ('${ids.question}', '${ids.openConsultation}', '${ids.topic}', 'inwoner', 'belangrijk', 'Wat is voor u belangrijk?', true),
        ('${ids.aanbiederQuestion}', '${ids.openConsultation}', '${ids.topic}', 'aanbieder', 'haalbaar', 'Hoe blijft hulp haalbaar?', false),
        ('${ids.closedQuestion}', '${ids.closedConsultation}', null, 'inwoner', 'belangrijk', 'Wat is voor u belangrijk?', true);
      insert into public.wijken (consultation_id, name, position, offered) values
        ('${ids.openConsultation}', 'Dorp', 1, true),
        ('${ids.openConsultation}', 'Meerzicht', 2, true),
        ('${ids.openConsultation}', 'Oude Wijk', 3, false),
        ('${ids.closedConsultation}', 'Dorp', 1, true);
      insert into public.consultation_audiences (consultation_id, audience, position, intro, profile_questions) values
        ('${ids.openConsultation}', 'inwoner', 0, 'Voor inwoners.', '{age_band,wijk,receives_help}'),
        ('${ids.openConsultation}', 'aanbieder', 1, 'Voor aanbieders.', '{}'),
        ('${ids.closedConsultation}', 'inwoner', 0, '', '{age_band,wijk,receives_help}'),
        ('${ids.closedConsultation}', 'mantelzorger', 1, '', '{}');
      insert into public.expected_themes (id, consultation_id, key, label, description) values
        ('${ids.expectedTheme}', '${ids.openConsultation}', 'netwerk', 'Netwerk', 'Familie, buren en vrijwilligers.'),
        ('${ids.spareExpectedTheme}', '${ids.closedConsultation}', 'reserve', 'Reserve', 'Een reservethema.');
      insert into public.question_wordings (id, question_id, prompt, help) values
        ('${ids.questionWording}', '${ids.question}', 'Wat vindt u belangrijk?', '');

      insert into public.roadtour_stops (id, consultation_id, name, location, starts_at, group_type, created_by) values
        ('${ids.stop}', '${ids.openConsultation}', 'Wijkcentrum Noord', 'Noordhove', now() + interval '2 days', 'inwoners', '${s.facilitator}'),
        ('${ids.otherStop}', '${ids.openConsultation}', 'Ouderenbond', 'Dorp', now() + interval '3 days', 'ouderenbond', '${s.otherFacilitator}'),
        ('${ids.emptyStop}', '${ids.openConsultation}', 'Aanbieders', 'Centrum', now() + interval '4 days', 'aanbieders', '${s.facilitator}');
      insert into public.stop_facilitators (stop_id, user_id) values
        ('${ids.stop}', '${s.facilitator}'), ('${ids.otherStop}', '${s.otherFacilitator}'), ('${ids.emptyStop}', '${s.facilitator}');

      insert into public.submissions (id, consultation_id, audience, consent_at, reference_code) values
        ('${ids.submission}', '${ids.openConsultation}', 'inwoner', now(), 'ABCD-EFGH');
      insert into public.contact_emails (id, consultation_id, email, unsubscribe_token) values
        ('${ids.contactEmail}', '${ids.openConsultation}', 'iemand@example.test', 'token-aaaaaaaaaaaaaaaaaaaaaaaa');
      insert into public.mail_outbox (id, consultation_id, to_email, subject, body_text, body_html, kind) values
        ('${ids.mailOutbox}', '${ids.closedConsultation}', 'eerder@example.test', 'De resultaten staan online', 'Tekst', '<p>Tekst</p>', 'results_published');

      insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, body, status, reject_reason) values
        ('${ids.newItem}', '${ids.openConsultation}', 'online', 'inwoner', '${ids.submission}', '${ids.question}', 'Een vaste hulp is belangrijk.', 'new', null),
        ('${ids.approvedItem}', '${ids.openConsultation}', 'online', 'inwoner', '${ids.submission}', '${ids.question}', 'Bewegen helpt mij.', 'approved', null),
        ('${ids.publicItem}', '${ids.openConsultation}', 'online', 'inwoner', '${ids.submission}', '${ids.question}', 'De buren helpen mee.', 'approved', null),
        ('${ids.redactedItem}', '${ids.openConsultation}', 'online', 'inwoner', '${ids.submission}', '${ids.question}', 'Bel mij op 06-12345678.', 'new', null);
      insert into public.input_items (id, consultation_id, channel, audience, stop_id, topic_id, kind, body) values
        ('${ids.stopNote}', '${ids.openConsultation}', 'roadtour', 'inwoner', '${ids.stop}', '${ids.topic}', 'point', 'Men wil een vaste hulp.'),
        ('${ids.otherStopNote}', '${ids.openConsultation}', 'roadtour', 'ouderenbond', '${ids.otherStop}', '${ids.topic}', 'worry', 'Zorgen over de kosten.');
      update public.input_items set body = 'Bel mij op [telefoonnummer].' where id = '${ids.redactedItem}';

      insert into public.themes (id, consultation_id, label, origin, status, published_at) values
        ('${ids.draftTheme}', '${ids.openConsultation}', 'Vaste hulp', 'discovered', 'active', null),
        ('${ids.publishedTheme}', '${ids.openConsultation}', 'Buren en familie', 'discovered', 'active', now());
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, score) values
        ('${ids.draftTheme}', '${ids.approvedItem}', '${ids.openConsultation}', 'auto', 0.8),
        ('${ids.publishedTheme}', '${ids.publicItem}', '${ids.openConsultation}', 'auto', 0.9);
      insert into public.theme_snapshots (id, consultation_id, label, themes, assignments) values
        ('${ids.snapshot}', '${ids.openConsultation}', 'Versie 1', '[]', '[]');
      insert into public.abuse_counters (bucket, key, window_start, window_end, hits) values
        ('rate:submit', 'sleutel-van-een-client', now(), now() + interval '1 hour', 3);
      insert into public.theme_jobs (id, consultation_id, kind, status, progress, finished_at, created_by) values
        ('${ids.themeJob}', '${ids.openConsultation}', 'propose', 'done', 1, now(), '${s.analyst}');
      insert into public.theme_suggestions (id, consultation_id, kind, from_theme_id, to_theme_id, score) values
        ('${ids.suggestion}', '${ids.openConsultation}', 'merge', '${ids.draftTheme}', '${ids.publishedTheme}', 0.8);
      insert into public.theme_merges (id, consultation_id, source_id, target_id, source_before, assignments_before, assignments_after) values
        ('${ids.merge}', '${ids.closedConsultation}', '${ids.draftTheme}', '${ids.publishedTheme}', '{}', '[]', '[]');
      insert into public.theme_snapshots (id, consultation_id, label, themes, assignments) values
        ('${ids.citedSnapshot}', '${ids.openConsultation}', 'Eerder gepubliceerd', '[]', '[]');
      insert into public.results_publications (id, consultation_id, snapshot_id, title, page, withdrawn_at, withdrawn_by) values
        ('${ids.withdrawnPublication}', '${ids.openConsultation}', '${ids.citedSnapshot}', 'Ingetrokken versie', '{"themes": []}', now(), '${s.analyst}');
      insert into public.input_item_embeddings (input_item_id, model, text_sha256, dimensions, vector) values
        ('${ids.approvedItem}', 'test-model', repeat('a', 64), 2, '\\x0000803f0000803f'::bytea);
      insert into public.import_sources (id, consultation_id, name, created_by) values
        ('${ids.importSource}', '${ids.openConsultation}', 'Papieren formulieren', '${s.analyst}');
      insert into public.import_batches (id, consultation_id, source_id, file_name, file_sha256, via, rows_total,
          rows_imported, rows_already_imported, rows_invalid, items_created, created_by) values
        ('${ids.importBatch}', '${ids.openConsultation}', '${ids.importSource}', 'formulieren.xlsx', repeat('b', 64), 'web', 1, 1, 0, 0, 1, '${s.analyst}');
      insert into public.import_rows (source_id, row_hash, batch_id, point, submission_id) values
        ('${ids.importSource}', repeat('c', 64), '${ids.importBatch}', 2, '${ids.submission}');
      insert into public.import_uploads (id, consultation_id, source_id, file_name, file_type, content, uploaded_by) values
        ('${ids.importUpload}', '${ids.openConsultation}', '${ids.importSource}', 'nog-niet.csv', 'csv', '\\x41'::bytea, '${s.analyst}');
    `);
  });
}
