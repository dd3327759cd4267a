import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Audience } from '../content/schema';
import type { Tx } from '../db/types';
import { detectPersonalData } from '../privacy';
import type { Checked, ImportContext, ImportQuestion } from './types';

/** A consultation's questions and wijken, as the caller may read them; null when it does not exist. */
export async function readContext(
  tx: Tx,
  consultation: { slug: string } | { id: string },
): Promise<ImportContext | null> {
  const where = 'slug' in consultation ? 'c.slug = $1' : 'c.id = $1';
  const value = 'slug' in consultation ? consultation.slug : consultation.id;
  const rows = await tx.query<{
    consultation_id: string;
    slug: string;
    title: string;
    wijken: string[];
    id: string | null;
    audience: Audience | null;
    key: string | null;
    prompt: string | null;
    max_length: number | null;
  }>(
    `select c.id as consultation_id, c.slug, c.title,
            array(select w.name from public.wijken w where w.consultation_id = c.id and w.offered order by w.position, w.name) as wijken,
            q.id, q.audience, q.key, q.prompt, q.max_length
     from public.consultations c
     left join public.questions q on q.consultation_id = c.id
     where ${where}
     order by q.audience, q.position, q.key`,
    [value],
  );
  const first = rows[0];
  if (!first) return null;
  const questions: ImportQuestion[] = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      id: r.id as string,
      audience: r.audience as Audience,
      key: r.key as string,
      prompt: r.prompt as string,
      maxLength: r.max_length as number,
    }));
  return {
    consultationId: first.consultation_id,
    slug: first.slug,
    title: first.title,
    questions,
    wijken: first.wijken ?? [],
  };
}

// The reference code's alphabet (src/lib/inputs/reference.ts): nobody is shown the code of an
// imported row, but the column requires one.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const randomCode = () => {
  let code = '';
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
};

export interface Stored {
  readonly batchId: string;
  /** The input items of the rows stored now (rows imported before are left out). */
  readonly items: { id: string; point: number; text: string }[];
  readonly imported: number;
  readonly alreadyImported: number;
}

/**
 * Stores the valid rows of a checked sheet in the caller's transaction, through
 * private.import_spreadsheet_rows: every new row (a submission on channel 'import' and one input
 * item per answer, status 'new', with the personal-data detector's proposals) or, on any error,
 * none. Rows this source imported before are skipped.
 */
export async function storeRows(
  tx: Tx,
  input: {
    context: ImportContext;
    sourceId: string;
    fileName: string;
    bytes: Uint8Array;
    via: 'web' | 'cli';
    checked: Checked;
    uploadId?: string;
  },
): Promise<Stored> {
  const prepared = input.checked.valid.map((row) => ({
    row,
    submissionId: randomUUID(),
    items: row.answers.map((answer) => ({ id: randomUUID(), answer })),
  }));
  const payload = prepared.map(({ row, submissionId, items }) => ({
    hash: row.hash,
    point: row.point,
    submission_id: submissionId,
    reference_code: randomCode(),
    audience: row.audience,
    organisation_name: row.organisationName,
    age_band: row.ageBand,
    wijk: row.wijk,
    receives_help: row.receivesHelp,
    written_at: row.writtenAt?.toISOString() ?? null,
    items: items.map(({ id, answer }) => ({
      id,
      question_id: answer.question.id,
      body: answer.text,
      pii_spans: detectPersonalData(answer.text),
    })),
  }));
  const [result] = await tx.query<{ result: { batch: string; fresh: string[] } }>(
    `select private.import_spreadsheet_rows($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) as result`,
    [
      input.context.consultationId,
      input.sourceId,
      input.fileName.slice(0, 255),
      createHash('sha256').update(input.bytes).digest('hex'),
      input.via,
      input.checked.total,
      input.checked.invalidRows,
      JSON.stringify(payload),
      input.uploadId ?? null,
    ],
  );
  if (!result) throw new Error('import_spreadsheet_rows returned nothing');
  const fresh = new Set(result.result.fresh);
  const items = prepared
    .filter(({ row }) => fresh.has(row.hash))
    .flatMap(({ row, items: list }) =>
      list.map(({ id, answer }) => ({ id, point: row.point, text: answer.text })),
    );
  return {
    batchId: result.result.batch,
    items,
    imported: fresh.size,
    alreadyImported: prepared.length - fresh.size,
  };
}

/** Finds a source of the consultation by name (ignoring case), or makes it. */
export async function sourceNamed(
  tx: Tx,
  consultationId: string,
  name: string,
): Promise<{ id: string; name: string; mapping: Record<string, unknown>; created: boolean }> {
  const [found] = await tx.query<{ id: string; name: string; mapping: Record<string, unknown> }>(
    `select id, name, mapping from public.import_sources where consultation_id = $1 and lower(name) = lower($2)`,
    [consultationId, name],
  );
  if (found) return { ...found, created: false };
  const [made] = await tx.query<{ id: string; name: string; mapping: Record<string, unknown> }>(
    `insert into public.import_sources (consultation_id, name) values ($1, $2) returning id, name, mapping`,
    [consultationId, name],
  );
  if (!made) throw new Error('import source was not created');
  return { ...made, created: true };
}
