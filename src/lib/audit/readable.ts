/**
 * One audit entry as a register line: who, when (Europe/Amsterdam), what in Dutch, about which
 * thing (by name), and what changed in readable values. Pure: the names come from one lookup
 * per page (names.server.ts). The page and the CSV download both use this, so they say the same.
 */
import {
  actionLabels,
  audienceNames,
  callerRoleNames,
  detailFields,
  entityLabels,
  entityRef,
  type FieldSpec,
  fieldSpec,
  moderationStatusNames,
  nestedNames,
  nestedValues,
  type RefKind,
  roleNames,
  tableFields,
} from './labels.nl';

/** The entry as the log stores it (log.server.ts). */
export interface RawEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  extra: Record<string, unknown>;
}

/** Names by `${kind}:${id}`; a looked-up id whose row is gone maps to null. */
export type NameMap = ReadonlyMap<string, string | null>;

export const GONE = '(verwijderd)';
const EMPTY = 'leeg';
const SHORT = 80;

/** A value as shown: short text, the full text when it was shortened, or a list of parts. */
export interface Shown {
  text: string;
  full?: string;
  parts?: { label: string; value: string }[];
}

export interface Change {
  field: string;
  /** Absent for a value that was only recorded (a new row, a download's filters). */
  before?: Shown;
  after: Shown;
}

export interface ReadableEntry {
  id: number;
  /** UTC, for <time datetime>. */
  at: string;
  when: string;
  who: string;
  action: string;
  subject: string;
  /** The id of the row the entry is about (null for downloads, sign-ins): lists everything that happened to it. */
  entityId: string | null;
  changes: Change[];
}

const TIME_ZONE = 'Europe/Amsterdam';
const dayFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const clockFormat = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });

/** "6 december 2026, 09:39" in Zoetermeer's time. */
export function formatWhen(at: string | Date): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  return `${dayFormat.format(date)}, ${clockFormat.format(date)}`;
}

/** "6 december 2026". A bare day (2027-12-31) stays that day. */
export function formatDay(value: string | Date): string {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dayFormat.format(date);
}

const shortDay = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: TIME_ZONE,
});

/** A short, readable reference to an item: never its text (the log holds no resident's words). */
export function itemReference(id: string, info: Record<string, unknown>): string {
  const at = typeof info.at === 'string' ? new Date(info.at) : null;
  const when = at && !Number.isNaN(at.getTime()) ? shortDay.format(at).replace(/\.$/, '') : '';
  const audience = typeof info.audience === 'string' ? (audienceNames[info.audience] ?? info.audience) : '';
  const details = [info.channel, audience, when].filter(Boolean).join(', ');
  // The last characters: random in real ids, and still unique in the demo data's counted ids.
  const short = id.replaceAll('-', '').slice(-8);
  return details ? `bericht ${short} (${details})` : `bericht ${short}`;
}

/** Long text cut at a word, with the full text kept. */
export function shorten(text: string, max = SHORT): Shown {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return { text: flat };
  const cut = flat.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ') > max / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return { text: `${atWord}…`, full: text };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The name of a referenced row; an id nobody looked up shows short, a gone row as "(verwijderd)". */
export function nameOf(names: NameMap, kind: RefKind, id: unknown, recorded?: string): string {
  if (id === null || id === undefined || id === '') return EMPTY;
  const key = `${kind}:${String(id)}`;
  const found = names.get(key);
  if (found) return found;
  if (found === null) return recorded ? `${recorded} ${GONE}` : GONE;
  return recorded ?? String(id).slice(0, 8);
}

function scalar(value: unknown, enumNames?: Readonly<Record<string, string>>): string {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'number') return numberFormat.format(value);
  const text = String(value);
  if (enumNames?.[text]) return enumNames[text] as string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDay(text);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return formatWhen(text);
  return text;
}

/** A JSON object as "label: value" parts, nested objects flattened one level ("inwoner 3"). */
/** Ids inside JSON values (export and job filters) and what they refer to. */
const nestedRefs: Readonly<Record<string, RefKind>> = {
  source: 'snapshot',
  actorId: 'staff',
  questionId: 'question',
};
const nestedOrder = Object.keys(nestedNames);
const nestedRank = (key: string) =>
  nestedOrder.includes(key) ? nestedOrder.indexOf(key) : nestedOrder.length;

function parts(value: Record<string, unknown>, names: NameMap) {
  return Object.entries(value)
    .sort(([a], [b]) => nestedRank(a) - nestedRank(b))
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([key, v]) => {
      let shown: string;
      if (key === 'entity' && typeof v === 'string') shown = entityLabels[v] ?? v;
      else if (isUuid(v)) shown = nameOf(names, nestedRefs[key] ?? 'snapshot', v);
      else if (Array.isArray(v))
        shown = v.length === 0 ? 'geen' : v.map((x) => scalar(x, nestedValues)).join(', ');
      else if (typeof v === 'object')
        shown = Object.entries(v as Record<string, unknown>)
          .map(([k, x]) => `${nestedValues[k] ?? nestedNames[k] ?? k} ${scalar(x, nestedValues)}`)
          .join(', ');
      else shown = scalar(v, nestedValues);
      return { label: nestedNames[key] ?? key.replaceAll('_', ' '), value: shown };
    });
}

/** A field's value by its shape; never raw JSON. */
export function show(spec: FieldSpec | undefined, value: unknown, names: NameMap): Shown {
  if (value === null || value === undefined || value === '') return { text: EMPTY };
  const shape = spec?.shape ?? 'text';
  if (typeof shape === 'object' && 'ref' in shape) return { text: nameOf(names, shape.ref, value) };
  if (typeof shape === 'object' && 'enum' in shape) return { text: scalar(value, shape.enum) };
  switch (shape) {
    case 'bool':
      return { text: value ? 'ja' : 'nee' };
    case 'time':
      return { text: formatWhen(String(value)) };
    case 'day':
      return { text: formatDay(String(value)) };
    case 'number':
      return { text: typeof value === 'number' ? numberFormat.format(value) : String(value) };
    case 'share':
      return { text: typeof value === 'number' ? percentFormat.format(value) : String(value) };
    case 'spans': {
      const n = Array.isArray(value) ? value.length : 0;
      return { text: n === 0 ? 'geen' : n === 1 ? '1 stukje' : `${n} stukjes` };
    }
    case 'list': {
      const list = Array.isArray(value) ? value : [value];
      return list.length === 0
        ? { text: 'geen' }
        : shorten(list.map((x) => scalar(x, nestedValues)).join(', '));
    }
    case 'long':
      return shorten(String(value), 60);
    case 'withheld':
      return { text: 'niet getoond' };
  }
  if (typeof value === 'object') {
    const list = Array.isArray(value)
      ? [{ label: 'aantal', value: String(value.length) }]
      : parts(value as Record<string, unknown>, names);
    return {
      text: list.length === 0 ? 'geen' : list.map((p) => `${p.label}: ${p.value}`).join('; '),
      parts: list,
    };
  }
  return shorten(scalar(value, nestedValues));
}

/** Field name when the label list lacks it (the completeness test keeps this from happening). */
const fallbackLabel = (key: string) => key.replaceAll('_', ' ');

/** The field that names the entry's own row: not repeated in the list of changes. */
const selfField: Record<string, string> = {
  input_items: 'id',
  submissions: 'id',
  themes: 'id',
  theme_snapshots: 'id',
  results_publications: 'id',
  consultations: 'id',
  theme_jobs: 'id',
  theme_suggestions: 'id',
  theme_merges: 'id',
  staff_members: 'user_id',
  stop_facilitators: 'user_id',
  theme_assignments: 'input_item_id',
};

function changesOf(entry: RawEntry, names: NameMap): Change[] {
  const { before, after, extra, entity } = entry;
  const skip = selfField[entity];
  const label = (key: string) => fieldSpec(entity, key)?.label ?? fallbackLabel(key);
  const out: Change[] = [];
  // In the order the label list gives (status before who and when), unknown fields last.
  const order = Object.keys({ ...tableFields[entity], ...detailFields[entity] });
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const byRank = (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b);
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])]
    .filter((k) => k !== skip)
    .sort(byRank);
  const isUpdate = entry.action.endsWith('.update');
  for (const key of keys) {
    const spec = fieldSpec(entity, key);
    if (isUpdate) {
      out.push({
        field: label(key),
        before: show(spec, before[key], names),
        after: show(spec, after[key], names),
      });
    } else {
      out.push({ field: label(key), after: show(spec, key in after ? after[key] : before[key], names) });
    }
  }
  for (const [key, value] of Object.entries(extra).sort(([a], [b]) => byRank(a, b))) {
    out.push({ field: label(key), after: show(fieldSpec(entity, key), value, names) });
  }
  return out;
}

/** A name the entry itself recorded for its row (a deleted theme keeps its label in `before`). */
function recordedName(entry: RawEntry): string | undefined {
  const row = { ...entry.before, ...entry.after };
  for (const key of ['label', 'title', 'display_name', 'email'])
    if (typeof row[key] === 'string' && row[key]) return row[key] as string;
  return undefined;
}

function subjectOf(entry: RawEntry, names: NameMap): string {
  const { entity, entityId, before, after } = entry;
  const row = { ...before, ...after };
  if (entity === 'export') {
    if (entityId === 'logboek') return 'het logboek';
    if (entityId?.startsWith('snapshot:')) return `versie ${nameOf(names, 'snapshot', entityId.slice(9))}`;
    return 'huidige stand';
  }
  if (entity === 'staff_sign_in') return 'een e-mailadres (versleuteld opgeslagen)';
  if (entity === 'consultations' && !entityId) return 'verlopen raadplegingen';
  if (entity === 'theme_merges')
    return `${nameOf(names, 'theme', row.source_id)} → ${nameOf(names, 'theme', row.target_id)}`;
  if (entity === 'theme_suggestions')
    return row.kind === 'move'
      ? `${nameOf(names, 'item', row.input_item_id)} (${nameOf(names, 'theme', row.from_theme_id)} → ${nameOf(names, 'theme', row.to_theme_id)})`
      : `${nameOf(names, 'theme', row.from_theme_id)} → ${nameOf(names, 'theme', row.to_theme_id)}`;
  if (entity === 'stop_facilitators')
    return `${nameOf(names, 'staff', row.user_id)} bij ${nameOf(names, 'stop', row.stop_id)}`;
  if (entity === 'theme_assignments')
    return `${nameOf(names, 'item', row.input_item_id)} bij ${nameOf(names, 'theme', row.theme_id)}`;
  // The consultation editor's rows without a name of their own: named with their consultation.
  if (entity === 'consultation_audiences')
    return `${audienceNames[String(row.audience)] ?? row.audience} bij ${nameOf(names, 'consultation', row.consultation_id)}`;
  if (entity === 'expected_themes')
    return `"${row.label}" bij ${nameOf(names, 'consultation', row.consultation_id)}`;
  const kind = entityRef[entity];
  // A removed item or submission is still named by what the log kept (channel, audience, day).
  if (
    (entity === 'input_items' || entity === 'submissions') &&
    entityId &&
    names.get(`${kind}:${entityId}`) === null
  ) {
    const ref = itemReference(entityId, { at: row.created_at, channel: row.channel, audience: row.audience });
    return `${entity === 'submissions' ? ref.replace(/^bericht/, 'inzending') : ref} ${GONE}`;
  }
  if (kind && entityId) return nameOf(names, kind, entityId, recordedName(entry));
  return entityId ?? '—';
}

const changed = (entry: RawEntry, key: string) => key in entry.after;

/** The action in words, with names where a name says more than the table ("Bericht verplaatst naar Vervoer"). */
function actionOf(entry: RawEntry, names: NameMap): string {
  const { action, after, before } = entry;
  const generic = actionLabels[action] ?? action.replaceAll('_', ' ').replace('.', ': ');
  switch (action) {
    case 'input_items.update': {
      if (changed(entry, 'status')) {
        const status = String(after.status);
        if (status === 'new') return 'Bericht teruggezet naar nieuw';
        return `Bericht ${moderationStatusNames[status] ?? status}`;
      }
      if (after.redacted === true) return 'Persoonsgegevens uit bericht weggehaald';
      if (changed(entry, 'pii_spans')) return 'Gemarkeerde persoonsgegevens aangepast';
      return generic;
    }
    case 'themes.update': {
      if (changed(entry, 'published_at'))
        return after.published_at ? 'Thema gepubliceerd' : 'Thema niet meer gepubliceerd';
      if (after.status === 'merged')
        return `Thema samengevoegd met ${nameOf(names, 'theme', after.merged_into)}`;
      if (after.status === 'active') return 'Thema aangenomen';
      if (after.status === 'dismissed') return 'Thema afgewezen';
      if (changed(entry, 'reaction_md')) return '"Wat doen we ermee" bij thema aangepast';
      if (changed(entry, 'label')) return 'Thema hernoemd';
      if (changed(entry, 'locked')) return after.locked ? 'Thema vastgezet' : 'Thema losgemaakt';
      return generic;
    }
    case 'theme_assignments.insert':
      // A manual main theme is the analyst placing the item there (the old placement goes unlogged: it was automatic).
      return after.is_primary
        ? `Bericht verplaatst naar ${nameOf(names, 'theme', after.theme_id)}`
        : `Bericht ook ingedeeld bij ${nameOf(names, 'theme', after.theme_id)}`;
    case 'theme_assignments.update':
      if (changed(entry, 'theme_id'))
        return `Bericht verplaatst naar ${nameOf(names, 'theme', after.theme_id)}`;
      if (changed(entry, 'is_primary'))
        return after.is_primary ? 'Hoofdthema van bericht gekozen' : 'Thema is niet meer het hoofdthema';
      return generic;
    case 'theme_assignments.delete':
      return `Bericht uit ${nameOf(names, 'theme', before.theme_id)} gehaald`;
    case 'staff_members.update':
      if (changed(entry, 'active'))
        return after.active ? 'Medewerker weer actief gemaakt' : 'Medewerker gedeactiveerd';
      if (changed(entry, 'role'))
        return `Rol van medewerker gewijzigd in ${roleNames[String(after.role)] ?? String(after.role)}`;
      return generic;
    case 'consultations.update':
      if (changed(entry, 'results_published_at') && after.results_published_at)
        return 'Uitkomsten van raadpleging gepubliceerd';
      if (changed(entry, 'status'))
        return after.status === 'published'
          ? 'Raadpleging gepubliceerd'
          : after.status === 'archived'
            ? 'Raadpleging gearchiveerd'
            : 'Raadpleging teruggezet naar concept';
      if (changed(entry, 'results_mail_queued_at')) return 'Mail over de uitkomsten klaargezet';
      return generic;
    case 'theme_jobs.insert':
      return after.kind === 'split'
        ? `Computer gevraagd ${nameOf(names, 'theme', after.theme_id)} te splitsen`
        : generic;
    case 'results_publications.update':
      if (changed(entry, 'withdrawn_at'))
        return after.withdrawn_at ? 'Versie van de website gehaald' : 'Versie weer op de website gezet';
      return generic;
    case 'theme_suggestions.update':
      if (after.status === 'accepted' || after.status === 'rejected') {
        const what =
          before.kind === 'merge' || after.kind === 'merge' ? 'om samen te voegen' : 'om te verplaatsen';
        return `Voorstel ${what} ${after.status === 'accepted' ? 'overgenomen' : 'afgewezen'}`;
      }
      return generic;
    case 'theme_merges.update':
      if (changed(entry, 'undone_at') && after.undone_at) return 'Samenvoegen ongedaan gemaakt';
      return generic;
    case 'export.create':
      return entry.entityId === 'logboek' ? 'Logboek gedownload' : generic;
  }
  return generic;
}

function whoOf(entry: RawEntry, names: NameMap): string {
  if (entry.actorId) return nameOf(names, 'staff', entry.actorId);
  // No staff member: a visitor (failed sign-in) or the server itself (demo data, retention, jobs).
  if (entry.actorRole) return callerRoleNames[entry.actorRole] ?? entry.actorRole;
  return 'systeem';
}

export function readable(entry: RawEntry, names: NameMap): ReadableEntry {
  return {
    id: entry.id,
    at: entry.at,
    when: formatWhen(entry.at),
    who: whoOf(entry, names),
    action: actionOf(entry, names),
    subject: subjectOf(entry, names),
    entityId: entityRef[entry.entity] && isUuid(entry.entityId) ? entry.entityId : null,
    changes: changesOf(entry, names),
  };
}

/** "veld: oud → nieuw" as one line (CSV and screen readers). */
export function changeLine(change: Change): string {
  const after = change.after.full ?? change.after.text;
  if (!change.before) return `${change.field}: ${after}`;
  return `${change.field}: ${change.before.full ?? change.before.text} → ${after}`;
}

/** The ids an entry refers to, for the names lookup. */
export function refsOf(entry: RawEntry): [RefKind, string][] {
  const out: [RefKind, string][] = [];
  if (isUuid(entry.actorId)) out.push(['staff', entry.actorId]);
  const kind = entityRef[entry.entity];
  if (kind && isUuid(entry.entityId)) out.push([kind, entry.entityId]);
  if (entry.entity === 'export' && entry.entityId?.startsWith('snapshot:') && isUuid(entry.entityId.slice(9)))
    out.push(['snapshot', entry.entityId.slice(9)]);
  for (const row of [entry.before, entry.after, entry.extra])
    for (const [key, value] of Object.entries(row)) {
      const shape = fieldSpec(entry.entity, key)?.shape;
      if (shape && typeof shape === 'object' && 'ref' in shape && isUuid(value)) out.push([shape.ref, value]);
      if (value && typeof value === 'object' && !Array.isArray(value))
        for (const [nested, kind] of Object.entries(nestedRefs)) {
          const id = (value as Record<string, unknown>)[nested];
          if (isUuid(id)) out.push([kind, id]);
        }
    }
  return out;
}
