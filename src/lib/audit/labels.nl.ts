/**
 * The audit log in Dutch (issue 18, part 4): a word for every action the database writes, a
 * label and a way of showing the value for every field the audit trigger copies, and the kinds
 * of ids that are shown as names. tests/integration/audit/labels-complete.test.ts reads the
 * database's audit triggers and fails when a table, action or column has no entry here.
 */
import { ageBandNames, receivesHelpNames, stopStatusNames } from '../exports/labels.nl';
import { audienceText } from '../inputs/audiences.nl';
import { kindLabels as noteKindLabels } from '../roadtour/labels';

/** Kinds of ids the log shows as names (looked up in one query per page). */
export type RefKind =
  | 'staff'
  | 'theme'
  | 'item'
  | 'stop'
  | 'consultation'
  | 'publication'
  | 'snapshot'
  | 'question'
  | 'topic'
  | 'submission'
  | 'job'
  | 'source'
  | 'import'
  | 'written';

type Enum = Readonly<Record<string, string>>;

/** How a field's value is shown. */
export type Shape =
  | 'text'
  | 'long'
  | 'bool'
  | 'time'
  | 'day'
  | 'number'
  | 'share'
  | 'spans'
  | 'list'
  | 'object'
  /** Recorded, but not for the screen (a resident's personal code to find their submission). */
  | 'withheld'
  | { enum: Enum }
  | { ref: RefKind };

export interface FieldSpec {
  readonly label: string;
  readonly shape: Shape;
}

const f = (label: string, shape: Shape = 'text'): FieldSpec => ({ label, shape });

export const moderationStatusNames: Enum = {
  new: 'nieuw',
  approved: 'goedgekeurd',
  rejected: 'afgewezen',
  hidden: 'verborgen',
};
export const rejectReasonNames: Enum = {
  off_topic: 'gaat niet over het onderwerp',
  abusive: 'beledigend of kwetsend',
  duplicate: 'staat er al (dubbel)',
  spam: 'reclame of spam',
  other: 'andere reden',
};
export const roleNames: Enum = {
  admin: 'beheerder',
  moderator: 'moderator',
  analyst: 'analist',
  facilitator: 'gespreksleider',
};
/** Who acted when no staff member did (actor_role of the log). */
export const callerRoleNames: Enum = {
  ...roleNames,
  anon: 'bezoeker',
  authenticated: 'ingelogde gebruiker',
  service_role: 'systeem',
};
export const audienceNames: Enum = Object.fromEntries(
  Object.entries(audienceText).map(([code, text]) => [code, text.label.toLowerCase()]),
);
/** The form's labels of profile answers (src/lib/inputs/profile.nl.ts), in running text. */
const lowerCased = (names: Enum): Enum =>
  Object.fromEntries(Object.entries(names).map(([code, label]) => [code, label.toLowerCase()]));
const channelNames: Enum = {
  online: 'online',
  roadtour: 'roadtour',
  import: 'import (spreadsheet)',
  schriftelijk: 'schriftelijk',
};
const writtenKindNames: Enum = { advies: 'formeel advies', brief: 'brief of document' };
const responseStatusNames: Enum = {
  overgenomen: 'overgenomen',
  deels_overgenomen: 'deels overgenomen',
  niet_overgenomen: 'niet overgenomen',
  al_geregeld: 'al geregeld',
  wordt_onderzocht: 'wordt onderzocht',
};
const inputKindNames: Enum = {
  answer: 'antwoord',
  ...Object.fromEntries(Object.entries(noteKindLabels).map(([k, v]) => [k, v.toLowerCase()])),
};
const themeStatusNames: Enum = {
  candidate: 'voorstel',
  active: 'aangenomen',
  dismissed: 'afgewezen',
  merged: 'samengevoegd',
};
const themeOriginNames: Enum = {
  guided: 'verwacht thema',
  discovered: 'door de computer gevonden',
  manual: 'door een medewerker gemaakt',
};
const consultationStatusNames: Enum = {
  draft: 'concept',
  published: 'gepubliceerd',
  archived: 'gearchiveerd',
};
const assignmentSourceNames: Enum = { auto: 'door de computer', manual: 'door een medewerker' };
const jobKindNames: Enum = { propose: "thema's voorstellen", split: 'thema splitsen' };
const jobStatusNames: Enum = {
  queued: 'wacht',
  running: 'bezig',
  done: 'klaar',
  failed: 'mislukt',
};
const suggestionKindNames: Enum = { move: 'bericht verplaatsen', merge: "thema's samenvoegen" };
const suggestionStatusNames: Enum = { open: 'open', accepted: 'overgenomen', rejected: 'afgewezen' };

/**
 * Every column the audit trigger copies, per table (hidden columns such as texts are never in
 * the log and need no label). Values are shown by their shape; ids as names.
 */
export const tableFields: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>> = {
  input_items: {
    id: f('bericht', { ref: 'item' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    channel: f('kanaal', { enum: channelNames }),
    audience: f('doelgroep', { enum: audienceNames }),
    submission_id: f('inzending', { ref: 'submission' }),
    stop_id: f('roadtourstop', { ref: 'stop' }),
    question_id: f('vraag', { ref: 'question' }),
    topic_id: f('onderwerp', { ref: 'topic' }),
    kind: f('soort bericht', { enum: inputKindNames }),
    redacted: f('persoonsgegevens weggehaald', 'bool'),
    pii_spans: f('gemarkeerde persoonsgegevens', 'spans'),
    status: f('status', { enum: moderationStatusNames }),
    reject_reason: f('reden van afwijzen', { enum: rejectReasonNames }),
    moderated_by: f('beoordeeld door', { ref: 'staff' }),
    moderated_at: f('beoordeeld op', 'time'),
    client_created_at: f('geschreven op (apparaat)', 'time'),
    created_at: f('ontvangen op', 'time'),
  },
  submissions: {
    id: f('inzending', { ref: 'submission' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    audience: f('doelgroep', { enum: audienceNames }),
    channel: f('kanaal', { enum: channelNames }),
    stop_id: f('roadtourstop', { ref: 'stop' }),
    consent_at: f('toestemming gegeven op', 'time'),
    reference_code: f('persoonlijke code van de inzender', 'withheld'),
    created_at: f('ontvangen op', 'time'),
  },
  themes: {
    id: f('thema', { ref: 'theme' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    key: f('code'),
    label: f('naam'),
    description_md: f('beschrijving', 'long'),
    reaction_md: f('wat doen we ermee', 'long'),
    origin: f('herkomst', { enum: themeOriginNames }),
    status: f('status', { enum: themeStatusNames }),
    merged_into: f('samengevoegd met', { ref: 'theme' }),
    locked: f('vastgezet', 'bool'),
    top_terms: f('belangrijkste woorden', 'list'),
    position: f('volgorde', 'number'),
    published_at: f('gepubliceerd op', 'time'),
    created_at: f('gemaakt op', 'time'),
    coherence: f('samenhang', 'number'),
  },
  theme_assignments: {
    theme_id: f('thema', { ref: 'theme' }),
    input_item_id: f('bericht', { ref: 'item' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    source: f('ingedeeld', { enum: assignmentSourceNames }),
    is_primary: f('hoofdthema', 'bool'),
    score: f('zekerheid', 'share'),
    assigned_by: f('ingedeeld door', { ref: 'staff' }),
    created_at: f('ingedeeld op', 'time'),
  },
  theme_snapshots: {
    id: f('versie', { ref: 'snapshot' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    label: f('naam'),
    created_by: f('vastgelegd door', { ref: 'staff' }),
    created_at: f('vastgelegd op', 'time'),
  },
  staff_members: {
    user_id: f('medewerker', { ref: 'staff' }),
    email: f('e-mailadres'),
    display_name: f('naam'),
    role: f('rol', { enum: roleNames }),
    active: f('actief', 'bool'),
    created_at: f('toegevoegd op', 'time'),
  },
  consultations: {
    id: f('raadpleging', { ref: 'consultation' }),
    slug: f('adres op de website'),
    title: f('titel'),
    summary: f('samenvatting', 'long'),
    status: f('status', { enum: consultationStatusNames }),
    opens_at: f('open vanaf', 'time'),
    closes_at: f('sluit op', 'time'),
    results_published_at: f('uitkomsten gepubliceerd op', 'time'),
    retention_until: f('bewaren tot', 'day'),
    created_at: f('gemaakt op', 'time'),
    results_mail_queued_at: f('mail over uitkomsten klaargezet op', 'time'),
  },
  topics: {
    id: f('onderwerp', { ref: 'topic' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    key: f('code'),
    label: f('naam'),
    description: f('beschrijving', 'long'),
    position: f('volgorde', 'number'),
  },
  questions: {
    id: f('vraag', { ref: 'question' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    topic_id: f('onderwerp', { ref: 'topic' }),
    audience: f('doelgroep', { enum: audienceNames }),
    key: f('code'),
    position: f('volgorde', 'number'),
    prompt: f('vraag', 'long'),
    help: f('uitleg', 'long'),
    required: f('verplicht', 'bool'),
    max_length: f('hoogstens tekens', 'number'),
    hidden: f('verborgen', 'bool'),
  },
  consultation_audiences: {
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    audience: f('doelgroep', { enum: audienceNames }),
    position: f('volgorde', 'number'),
    intro: f('inleiding', 'long'),
    profile_questions: f('vragen over de persoon', 'list'),
  },
  expected_themes: {
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    key: f('code'),
    label: f('naam'),
    description: f('beschrijving', 'long'),
    position: f('volgorde', 'number'),
  },
  stop_facilitators: {
    stop_id: f('roadtourstop', { ref: 'stop' }),
    user_id: f('gespreksleider', { ref: 'staff' }),
  },
  theme_jobs: {
    id: f('opdracht', { ref: 'job' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    kind: f('soort opdracht', { enum: jobKindNames }),
    theme_id: f('thema', { ref: 'theme' }),
    filters: f('filters', 'object'),
    status: f('status', { enum: jobStatusNames }),
    progress: f('voortgang', 'share'),
    summary: f('uitkomst', 'object'),
    error: f('foutmelding', 'long'),
    created_by: f('gevraagd door', { ref: 'staff' }),
    created_at: f('gevraagd op', 'time'),
    updated_at: f('bijgewerkt op', 'time'),
    finished_at: f('klaar op', 'time'),
  },
  results_publications: {
    id: f('gepubliceerde versie', { ref: 'publication' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    snapshot_id: f('vastgelegde versie', { ref: 'snapshot' }),
    title: f('titel'),
    published_at: f('gepubliceerd op', 'time'),
    published_by: f('gepubliceerd door', { ref: 'staff' }),
    withdrawn_at: f('van de website gehaald op', 'time'),
    withdrawn_by: f('van de website gehaald door', { ref: 'staff' }),
  },
  theme_suggestions: {
    id: f('voorstel'),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    job_id: f('opdracht', { ref: 'job' }),
    kind: f('soort voorstel', { enum: suggestionKindNames }),
    input_item_id: f('bericht', { ref: 'item' }),
    from_theme_id: f('van thema', { ref: 'theme' }),
    to_theme_id: f('naar thema', { ref: 'theme' }),
    score: f('zekerheid', 'share'),
    status: f('status', { enum: suggestionStatusNames }),
    resolved_by: f('beslist door', { ref: 'staff' }),
    resolved_at: f('beslist op', 'time'),
    created_at: f('voorgesteld op', 'time'),
  },
  import_sources: {
    id: f('importbron', { ref: 'source' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    name: f('naam'),
    mapping: f('koppeling van kolommen', 'object'),
    created_by: f('gemaakt door', { ref: 'staff' }),
    created_at: f('gemaakt op', 'time'),
  },
  import_batches: {
    id: f('import', { ref: 'import' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    source_id: f('importbron', { ref: 'source' }),
    file_sha256: f('controlegetal van het bestand'),
    via: f('gedaan via', { enum: { web: 'de werkplek', cli: 'de opdrachtregel' } }),
    rows_total: f('rijen in het bestand', 'number'),
    rows_imported: f('rijen opgeslagen', 'number'),
    rows_already_imported: f('rijen al eerder geïmporteerd', 'number'),
    rows_invalid: f('rijen met fouten (niet opgeslagen)', 'number'),
    items_created: f('berichten gemaakt', 'number'),
    created_by: f('geïmporteerd door', { ref: 'staff' }),
    created_at: f('geïmporteerd op', 'time'),
  },
  written_inputs: {
    id: f('brief of advies', { ref: 'written' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    kind: f('soort', { enum: writtenKindNames }),
    sender: f('afzender'),
    audience: f('doelgroep', { enum: audienceNames }),
    received_on: f('ontvangen op', 'day'),
    title: f('onderwerp'),
    file_name: f('bestandsnaam'),
    saved_at: f('punten opgeslagen op', 'time'),
    response_adopted_on: f('reactie vastgesteld door het college op', 'day'),
    created_by: f('toegevoegd door', { ref: 'staff' }),
    created_at: f('toegevoegd op', 'time'),
  },
  written_input_originals: {
    written_input_id: f('brief of advies', { ref: 'written' }),
    media_type: f('soort bestand'),
    purge_after: f('bewaren tot', 'day'),
    created_at: f('bewaard op', 'time'),
  },
  written_points: {
    input_item_id: f('punt', { ref: 'item' }),
    written_input_id: f('brief of advies', { ref: 'written' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    position: f('nummer', 'number'),
    response_md: f('reactie college', 'long'),
    response_status: f('wat het college ermee doet', { enum: responseStatusNames }),
    responded_by: f('reactie geschreven door', { ref: 'staff' }),
    responded_at: f('reactie geschreven op', 'time'),
  },
  written_point_themes: {
    input_item_id: f('punt', { ref: 'item' }),
    theme_id: f('thema', { ref: 'theme' }),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
  },
  theme_merges: {
    id: f('samenvoeging'),
    consultation_id: f('raadpleging', { ref: 'consultation' }),
    source_id: f('samengevoegd thema', { ref: 'theme' }),
    target_id: f('samengevoegd in', { ref: 'theme' }),
    source_before: f('samengevoegd thema vooraf', 'object'),
    merged_by: f('samengevoegd door', { ref: 'staff' }),
    merged_at: f('samengevoegd op', 'time'),
    undone_at: f('ongedaan gemaakt op', 'time'),
    undone_by: f('ongedaan gemaakt door', { ref: 'staff' }),
  },
};

/** Fields of the entries that database functions and jobs write (not the audit trigger). */
export const detailFields: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>> = {
  export: {
    format: f('bestandsformaat', {
      enum: {
        docx: 'Word',
        xlsx: 'Excel',
        'csv-nl': 'CSV (Nederlandse Excel)',
        csv: 'CSV',
        md: 'Markdown',
        json: 'JSON',
      },
    }),
    via: f('gemaakt via', { enum: { web: 'de werkplek', cli: 'de opdrachtregel' } }),
    filters: f('filters', 'object'),
    counts: f('aantallen', 'object'),
  },
  staff_sign_in: { client: f('apparaat (versleuteld)') },
  consultations: {
    consultations: f('raadplegingen', 'number'),
    contactEmails: f('e-mailadressen', 'number'),
    outboxMessages: f('e-mails in de wachtrij', 'number'),
    originals: f('oorspronkelijke teksten', 'number'),
    uploads: f('niet geïmporteerde spreadsheets', 'number'),
    documents: f('ontvangen brieven en documenten', 'number'),
    expiredConsultations: f('verlopen raadplegingen', 'list'),
  },
};

/** Keys inside JSON values (export filters and counts, job filters and summaries). */
export const nestedNames: Enum = {
  consultation: 'raadpleging',
  source: 'bron',
  audience: 'doelgroep',
  channel: 'kanaal',
  from: 'vanaf',
  to: 'tot en met',
  items: 'berichten',
  submissions: 'inzendingen',
  themes: "thema's",
  stops: 'stops',
  byAudience: 'per doelgroep',
  entity: 'soort',
  actorId: 'wie',
  entityId: 'onderdeel',
  entries: 'regels',
  label: 'naam',
  status: 'status',
  proposed: 'voorgesteld',
  assigned: 'ingedeeld',
  ageBand: 'leeftijd',
  receivesHelp: 'krijgt hulp',
  wijk: 'wijk',
  current: 'huidige stand',
  questionId: 'vraag',
  mode: 'uitgevoerd',
  embeddings: 'betekenis van woorden',
};
/** Codes that may appear as values inside JSON (audiences, channels, age bands). */
export const nestedValues: Enum = {
  ...audienceNames,
  ...channelNames,
  ...lowerCased(ageBandNames),
  ...lowerCased(receivesHelpNames),
  ...stopStatusNames,
  current: 'huidige stand',
  age_band: 'leeftijd',
  receives_help: 'hulp van de gemeente (Wmo)',
  worker: 'in een apart proces',
  'in-process': 'in de server',
};

/**
 * The word for each action the log can hold, without names. `table.op` for every audited table
 * and operation, and the actions database functions and jobs write.
 */
export const actionLabels: Readonly<Record<string, string>> = {
  'input_items.update': 'Bericht gewijzigd',
  'input_items.delete': 'Bericht verwijderd',
  'submissions.delete': 'Inzending verwijderd',
  'themes.insert': 'Thema gemaakt',
  'themes.update': 'Thema gewijzigd',
  'themes.delete': 'Thema verwijderd',
  'theme_assignments.insert': 'Bericht bij thema ingedeeld',
  'theme_assignments.update': 'Indeling van bericht gewijzigd',
  'theme_assignments.delete': 'Bericht uit thema gehaald',
  'theme_snapshots.insert': 'Versie vastgelegd',
  'theme_snapshots.delete': 'Vastgelegde versie verwijderd',
  'staff_members.insert': 'Medewerker toegevoegd',
  'staff_members.update': 'Medewerker gewijzigd',
  'staff_members.delete': 'Medewerker verwijderd',
  'staff_members.invite': 'Uitnodiging per e-mail gestuurd',
  'consultations.insert': 'Raadpleging gemaakt',
  'consultations.update': 'Raadpleging gewijzigd',
  'consultations.delete': 'Raadpleging verwijderd',
  'topics.insert': 'Onderwerp toegevoegd',
  'topics.update': 'Onderwerp gewijzigd',
  'topics.delete': 'Onderwerp verwijderd',
  'questions.insert': 'Vraag toegevoegd',
  'questions.update': 'Vraag gewijzigd',
  'questions.delete': 'Vraag verwijderd',
  'consultation_audiences.insert': 'Doelgroep aan raadpleging toegevoegd',
  'consultation_audiences.update': 'Doelgroep van raadpleging gewijzigd',
  'consultation_audiences.delete': 'Doelgroep uit raadpleging gehaald',
  'expected_themes.insert': 'Verwacht thema toegevoegd',
  'expected_themes.update': 'Verwacht thema gewijzigd',
  'expected_themes.delete': 'Verwacht thema verwijderd',
  'stop_facilitators.insert': 'Gespreksleider aan roadtourstop toegevoegd',
  'stop_facilitators.delete': 'Gespreksleider van roadtourstop gehaald',
  'theme_jobs.insert': "Computer gevraagd thema's voor te stellen",
  'results_publications.insert': 'Versie gepubliceerd op de website',
  'results_publications.update': 'Gepubliceerde versie gewijzigd',
  'theme_suggestions.update': 'Voorstel van de computer beoordeeld',
  'theme_merges.insert': "Thema's samengevoegd",
  'theme_merges.update': 'Samenvoegen van thema’s gewijzigd',
  'import_sources.insert': 'Importbron toegevoegd',
  'import_sources.update': 'Importbron gewijzigd',
  'import_batches.insert': 'Spreadsheet geïmporteerd',
  'written_inputs.insert': 'Brief of advies toegevoegd',
  'written_inputs.update': 'Brief of advies gewijzigd',
  'written_inputs.delete': 'Brief of advies verwijderd',
  'written_input_originals.insert': 'Ontvangen document bewaard',
  'written_input_originals.delete': 'Ontvangen document verwijderd',
  'written_points.insert': 'Punt van brief of advies opgeslagen',
  'written_points.update': 'Reactie college op advies gewijzigd',
  'written_points.delete': 'Punt van brief of advies verwijderd',
  'written_point_themes.insert': 'Adviespunt aan thema gekoppeld',
  'written_point_themes.delete': 'Adviespunt van thema losgemaakt',
  'export.create': 'Export gemaakt',
  'sign_in.failed': 'Inloggen mislukt',
  'sign_in.locked': 'Inloggen tijdelijk geblokkeerd',
  'retention.purge': 'Bewaartermijn verlopen: gegevens verwijderd',
  'original.view': 'Oorspronkelijke tekst bekeken',
};

/** Entities the "Soort" filter offers, by the value the log stores. */
export const entityLabels: Readonly<Record<string, string>> = {
  input_items: 'Berichten',
  submissions: 'Inzendingen',
  themes: "Thema's",
  theme_assignments: "Indeling bij thema's",
  theme_snapshots: 'Vastgelegde versies',
  results_publications: 'Versies op de website',
  theme_suggestions: 'Voorstellen van de computer',
  theme_merges: "Samengevoegde thema's",
  theme_jobs: 'Opdrachten aan de computer',
  staff_members: 'Medewerkers',
  stop_facilitators: 'Gespreksleiders van roadtourstops',
  consultations: 'Raadplegingen en bewaartermijn',
  import_sources: 'Importbronnen',
  import_batches: 'Imports van spreadsheets',
  topics: 'Onderwerpen van raadplegingen',
  questions: 'Vragen van raadplegingen',
  consultation_audiences: 'Doelgroepen van raadplegingen',
  expected_themes: "Verwachte thema's",
  written_inputs: 'Brieven en adviezen',
  written_input_originals: 'Ontvangen documenten',
  written_points: 'Punten van brieven en reacties op adviezen',
  written_point_themes: "Adviespunten bij thema's",
  export: 'Exports en downloads',
  staff_sign_in: 'Inloggen',
};

/** The entity id of the log refers to a row of this kind. */
export const entityRef: Readonly<Record<string, RefKind>> = {
  input_items: 'item',
  theme_assignments: 'item',
  submissions: 'submission',
  themes: 'theme',
  theme_snapshots: 'snapshot',
  results_publications: 'publication',
  staff_members: 'staff',
  stop_facilitators: 'staff',
  consultations: 'consultation',
  theme_jobs: 'job',
  import_sources: 'source',
  import_batches: 'import',
  topics: 'topic',
  questions: 'question',
  written_inputs: 'written',
  written_points: 'item',
  written_point_themes: 'item',
};

export const fieldSpec = (entity: string, key: string): FieldSpec | undefined =>
  tableFields[entity]?.[key] ?? detailFields[entity]?.[key];
