/** Dutch names for what the audit log records; unknown names are shown as they are. */

export const entityLabels: Record<string, string> = {
  input_items: 'Bericht',
  submissions: 'Inzending',
  themes: 'Thema',
  theme_assignments: 'Indeling bij thema',
  theme_snapshots: 'Vastgelegde versie',
  staff_members: 'Medewerker',
  consultations: 'Raadpleging',
  roadtour_stops: 'Roadtourstop',
  stop_facilitators: 'Gespreksleider van een roadtourstop',
  exports: 'Export',
  sign_in: 'Inloggen',
  retention: 'Bewaartermijn',
};

const operationLabels: Record<string, string> = {
  insert: 'toegevoegd',
  update: 'gewijzigd',
  delete: 'verwijderd',
};

/** "input_items.update" → "Bericht gewijzigd"; an action without a known name stays readable. */
export function describeAction(action: string, entity: string): string {
  const operation = action.split('.')[1] ?? action;
  const what = entityLabels[entity] ?? entity;
  return `${what} ${operationLabels[operation] ?? operation.replaceAll('_', ' ')}`;
}

export const fieldLabels: Record<string, string> = {
  status: 'status',
  reject_reason: 'reden',
  redacted: 'persoonsgegevens weggehaald',
  pii_spans: 'voorgestelde persoonsgegevens',
  moderated_by: 'beoordeeld door',
  moderated_at: 'beoordeeld op',
  label: 'naam',
  description_md: 'beschrijving',
  reaction_md: 'reactie gemeente',
  locked: 'vastgezet',
  published_at: 'gepubliceerd op',
  merged_into: 'samengevoegd met',
  role: 'rol',
  active: 'actief',
  theme_id: 'thema',
  input_item_id: 'bericht',
  is_primary: 'hoofdthema',
  stop_id: 'roadtourstop',
  user_id: 'medewerker',
};

/** A value as one short line: long lists and objects are summarised, never dumped. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (Array.isArray(value)) return value.length === 0 ? 'geen' : `${value.length} stuks`;
  if (typeof value === 'object') return `${Object.keys(value).length} velden`;
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The changed fields of an entry, in a stable order: before → after. */
export function changes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { field: string; before: string; after: string }[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.map((key) => ({
    field: fieldLabels[key] ?? key,
    before: key in before ? formatValue(before[key]) : '—',
    after: key in after ? formatValue(after[key]) : '—',
  }));
}
