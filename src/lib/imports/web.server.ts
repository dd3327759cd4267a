import type { StaffRole } from '../auth/roles';
import { type Audience, audiences } from '../content/schema';
import { sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import { type AutoMapping, mappingFor, parseTarget } from './mapping';
import { FileProblem, readSheet } from './read.server';
import { checkRows } from './rows';
import { readContext, storeRows } from './store.server';
import type { Checked, FileError, ImportContext, Mapping, Sheet, Target } from './types';

/** Who may import: the roles that handle input (the facilitators' notes have their own app). */
export const importRoles: readonly StaffRole[] = ['moderator', 'analyst', 'admin'];
export const mayImport = (role: StaffRole | undefined) => !!role && importRoles.includes(role);

/** Problems the import screens answer with a message (Dutch texts in screens.nl.ts). */
export type ScreenError =
  | FileError
  | 'consultation.missing'
  | 'source.missing'
  | 'source.name'
  | 'upload.gone'
  | 'confirm.required'
  | 'nothing.valid'
  | 'header.broken'
  | 'import.conflict';

export interface Overview {
  readonly consultations: readonly { id: string; title: string; status: string }[];
  readonly sources: readonly { id: string; consultationId: string; name: string }[];
  readonly recent: readonly BatchSummary[];
}

export interface BatchSummary {
  readonly id: string;
  readonly consultationTitle: string;
  readonly sourceName: string;
  readonly fileName: string;
  readonly via: 'web' | 'cli';
  readonly createdAt: Date;
  /** Who imported, where the caller may see staff names (their own import; admins: everyone's). */
  readonly createdBy: string | null;
  readonly rowsTotal: number;
  readonly rowsImported: number;
  readonly rowsAlreadyImported: number;
  readonly rowsInvalid: number;
  readonly itemsCreated: number;
}

const batchColumns = `b.id, c.title as consultation_title, s.name as source_name, b.file_name, b.via, b.created_at,
  m.display_name as created_by, b.rows_total, b.rows_imported, b.rows_already_imported, b.rows_invalid, b.items_created`;
const batchFrom = `from public.import_batches b
  join public.consultations c on c.id = b.consultation_id
  join public.import_sources s on s.id = b.source_id
  left join public.staff_members m on m.user_id = b.created_by`;

interface BatchRow {
  id: string;
  consultation_title: string;
  source_name: string;
  file_name: string;
  via: 'web' | 'cli';
  created_at: Date | string;
  created_by: string | null;
  rows_total: number;
  rows_imported: number;
  rows_already_imported: number;
  rows_invalid: number;
  items_created: number;
}
const batchOf = (r: BatchRow): BatchSummary => ({
  id: r.id,
  consultationTitle: r.consultation_title,
  sourceName: r.source_name,
  fileName: r.file_name,
  via: r.via,
  createdAt: new Date(r.created_at),
  createdBy: r.created_by,
  rowsTotal: r.rows_total,
  rowsImported: r.rows_imported,
  rowsAlreadyImported: r.rows_already_imported,
  rowsInvalid: r.rows_invalid,
  itemsCreated: r.items_created,
});

/** What the upload screen offers: consultations, their sources, the latest imports. */
export async function importOverview(db: CallerDb): Promise<Overview> {
  return db.run(async (tx) => {
    const consultations = await tx.query<{ id: string; title: string; status: string }>(
      `select id, title, status from public.consultations order by status = 'archived', opens_at desc, title`,
    );
    const sources = await tx.query<{ id: string; consultation_id: string; name: string }>(
      `select id, consultation_id, name from public.import_sources order by lower(name)`,
    );
    const recent = await tx.query<BatchRow>(
      `select ${batchColumns} ${batchFrom} order by b.created_at desc limit 10`,
    );
    return {
      consultations,
      sources: sources.map((s) => ({ id: s.id, consultationId: s.consultation_id, name: s.name })),
      recent: recent.map(batchOf),
    };
  });
}

const isAudience = (value: unknown): value is Audience =>
  typeof value === 'string' && (audiences as readonly string[]).includes(value);

/**
 * Step 1: takes the file, checks its size and type before anything parses it, reads it once (so a
 * file that cannot be read is refused now, not after the mapping), and keeps it for the next
 * steps, for the uploader only. Finds or makes the source.
 */
export async function uploadSpreadsheet(
  db: CallerDb,
  input: { consultationId: unknown; sourceId: unknown; newSource: unknown; audience: unknown; file: unknown },
): Promise<{ ok: true; uploadId: string } | { ok: false; error: ScreenError; line?: number }> {
  const consultationId = typeof input.consultationId === 'string' ? input.consultationId : '';
  if (!/^[0-9a-f-]{36}$/i.test(consultationId)) return { ok: false, error: 'consultation.missing' };
  const newSource = typeof input.newSource === 'string' ? input.newSource.trim().replace(/\s+/g, ' ') : '';
  const sourceId =
    typeof input.sourceId === 'string' && /^[0-9a-f-]{36}$/i.test(input.sourceId) ? input.sourceId : '';
  if (!sourceId && newSource === '') return { ok: false, error: 'source.missing' };
  if (!sourceId && (newSource.length < 2 || newSource.length > 120))
    return { ok: false, error: 'source.name' };
  const file = input.file;
  if (!(file instanceof File) || file.size === 0 || file.name === '')
    return { ok: false, error: file instanceof File && file.name !== '' ? 'file.empty' : 'file.missing' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let sheet: Sheet;
  try {
    sheet = await readSheet(file.name, bytes);
  } catch (error) {
    if (error instanceof FileProblem)
      return { ok: false, error: error.code, ...(error.line ? { line: error.line } : {}) };
    throw error;
  }
  return db.run(async (tx) => {
    const [consultation] = await tx.query<{ id: string }>(
      `select id from public.consultations where id = $1`,
      [consultationId],
    );
    if (!consultation) return { ok: false as const, error: 'consultation.missing' as const };
    // Uploads nobody finished: gone after a day (they hold unredacted answers).
    await tx.execute(`delete from public.import_uploads where expires_at < now()`);
    let source: string;
    if (sourceId) {
      const [found] = await tx.query<{ id: string }>(
        `select id from public.import_sources where id = $1 and consultation_id = $2`,
        [sourceId, consultationId],
      );
      if (!found) return { ok: false as const, error: 'source.missing' as const };
      source = found.id;
    } else {
      const [found] = await tx.query<{ id: string }>(
        `select id from public.import_sources where consultation_id = $1 and lower(name) = lower($2)`,
        [consultationId, newSource],
      );
      const made = found
        ? [found]
        : await tx.query<{ id: string }>(
            `insert into public.import_sources (consultation_id, name) values ($1, $2) returning id`,
            [consultationId, newSource],
          );
      source = made[0]?.id as string;
    }
    const [upload] = await tx.query<{ id: string }>(
      `insert into public.import_uploads (consultation_id, source_id, file_name, file_type, content, audience)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        consultationId,
        source,
        file.name.slice(0, 255),
        sheet.fileType,
        Buffer.from(bytes),
        isAudience(input.audience) ? input.audience : null,
      ],
    );
    return { ok: true as const, uploadId: upload?.id as string };
  });
}

/** Everything the mapping and preview screens show about one upload. */
export interface UploadView {
  readonly id: string;
  readonly fileName: string;
  readonly sourceId: string;
  readonly sourceName: string;
  readonly audience: Audience | null;
  readonly context: ImportContext;
  readonly sheet: Sheet;
  readonly mapping: Mapping;
  readonly ambiguous: AutoMapping['ambiguous'];
  /** True once the person saved a mapping for this upload (or the source had one). */
  readonly mappingChosen: boolean;
  readonly checked: Checked;
  /** Valid rows this source imported before (they will be skipped). */
  readonly alreadyImported: number;
  readonly bytes: Uint8Array;
}

interface UploadRow {
  id: string;
  consultation_id: string;
  source_id: string;
  source_name: string;
  source_mapping: Record<string, unknown>;
  file_name: string;
  content: Uint8Array;
  mapping: Record<string, unknown> | null;
  audience: Audience | null;
}

async function viewOf(tx: Tx, id: string): Promise<UploadView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await tx.query<UploadRow>(
    `select u.id, u.consultation_id, u.source_id, s.name as source_name, s.mapping as source_mapping,
            u.file_name, u.content, u.mapping, u.audience
     from public.import_uploads u join public.import_sources s on s.id = u.source_id
     where u.id = $1 and u.expires_at > now()`,
    [id],
  );
  if (!row) return null;
  const context = await readContext(tx, { id: row.consultation_id });
  if (!context) return null;
  const bytes = new Uint8Array(row.content);
  const sheet = await readSheet(row.file_name, bytes);
  const audience = row.audience ?? undefined;
  const remembered = row.mapping ?? row.source_mapping;
  const { mapping, ambiguous } = mappingFor(sheet, context.questions, remembered, audience);
  const checked = checkRows(sheet, context, mapping, {
    sourceId: row.source_id,
    ambiguous,
    ...(audience ? { audience } : {}),
  });
  const hashes = checked.valid.map((r) => r.hash);
  const [seen] = hashes.length
    ? await tx.query<{ n: number }>(
        `select count(*)::int as n from public.import_rows where source_id = $1 and row_hash = any($2::text[])`,
        [row.source_id, hashes],
      )
    : [{ n: 0 }];
  return {
    id: row.id,
    fileName: row.file_name,
    sourceId: row.source_id,
    sourceName: row.source_name,
    audience: row.audience,
    context,
    sheet,
    mapping,
    ambiguous,
    mappingChosen: row.mapping !== null || Object.keys(row.source_mapping ?? {}).length > 0,
    checked,
    alreadyImported: seen?.n ?? 0,
    bytes,
  };
}

/** One upload as its uploader sees it, checked under its mapping; null when gone or someone else's. */
export async function loadUpload(db: CallerDb, id: string): Promise<UploadView | null> {
  return db.run((tx) => viewOf(tx, id));
}

/** The form field of the column at this index on the mapping screen. */
export const columnField = (index: number) => `kolom-${index}`;

/**
 * Step 2: the mapping as chosen on the screen (one field per column), and the audience for rows
 * without one. Kept on the upload and remembered for the source, so its next file starts from it.
 */
export async function saveMapping(
  db: CallerDb,
  id: string,
  form: FormData,
): Promise<{ ok: true } | { ok: false; error: ScreenError }> {
  return db.run(async (tx) => {
    const view = await viewOf(tx, id);
    if (!view) return { ok: false as const, error: 'upload.gone' as const };
    const mapping: Record<string, Target | ''> = {};
    view.sheet.headers.forEach((header, index) => {
      mapping[header] = parseTarget(form.get(columnField(index)), view.context.questions);
    });
    const audience = form.get('doelgroep');
    await tx.query(`update public.import_uploads set mapping = $2::jsonb, audience = $3 where id = $1`, [
      id,
      JSON.stringify(mapping),
      isAudience(audience) ? audience : null,
    ]);
    // Remember only what was chosen: a column left open is asked again next time.
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, target]) => target !== ''));
    await tx.query(`update public.import_sources set mapping = mapping || $2::jsonb where id = $1`, [
      view.sourceId,
      JSON.stringify(chosen),
    ]);
    return { ok: true as const };
  });
}

/**
 * Step 4: stores the upload's valid rows in one transaction (all of them, or nothing when
 * anything fails) and deletes the upload. A sheet with rows in error needs `confirmed`: the person
 * saw the errors and chose to import only the valid rows. The file is read and checked again here,
 * never taken from an earlier screen.
 */
export async function importUpload(
  db: CallerDb,
  id: string,
  confirmed: boolean,
): Promise<{ ok: true; batchId: string } | { ok: false; error: ScreenError }> {
  try {
    return await db.run(async (tx) => {
      const view = await viewOf(tx, id);
      if (!view) return { ok: false as const, error: 'upload.gone' as const };
      const { checked } = view;
      if (checked.headerBroken) return { ok: false as const, error: 'header.broken' as const };
      if (checked.valid.length === 0) return { ok: false as const, error: 'nothing.valid' as const };
      if (checked.errors.length > 0 && !confirmed)
        return { ok: false as const, error: 'confirm.required' as const };
      const stored = await storeRows(tx, {
        context: view.context,
        sourceId: view.sourceId,
        fileName: view.fileName,
        bytes: view.bytes,
        via: 'web',
        checked,
        uploadId: view.id,
      });
      return { ok: true as const, batchId: stored.batchId };
    });
  } catch (error) {
    // Two people importing the same upload at once: the second finds it gone or the rows taken.
    if (sqlState(error) === '23505') return { ok: false, error: 'import.conflict' };
    throw error;
  }
}

/** Removes an upload without importing it. */
export async function discardUpload(db: CallerDb, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  await db.run((tx) => tx.execute(`delete from public.import_uploads where id = $1`, [id]));
}

/** One import's result, for the result screen. */
export async function readBatch(db: CallerDb, id: string): Promise<BatchSummary | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.run((tx) =>
    tx.query<BatchRow>(`select ${batchColumns} ${batchFrom} where b.id = $1`, [id]),
  );
  return row ? batchOf(row) : null;
}
