import type { ZodIssue } from 'zod';
import { type Audience, audiences, type Consultation, ConsultationSchema } from '../content/schema';
import type { CallerDb, Tx } from '../db/types';
import { consultationsChanged } from '../inputs/questionnaire.server';
import {
  questionRef,
  readStoredConsultation,
  type StoredConsultation,
  writeDefinition,
} from './definition.server';
import { type FormRows, field } from './form';
import type { EditorError } from './messages.nl';

/**
 * Consultations managed in the browser by admins (issue 18, part 3). Every function runs as the
 * caller, so the database decides who may change what (RLS: admins only); the audit triggers log
 * every change with who made it. Rules that protect what was collected:
 * - a question with answers is never deleted and keeps its key (the database refuses both too);
 *   it can be hidden or reworded, and its earlier wording is kept (trigger);
 * - a closing date in the past needs a confirmation;
 * - reversed or overlapping dates (closing before opening; keeping the data until a day before
 *   closing), a question without a prompt, a duplicate key: refused, with the message at the field;
 * - every save names the version it started from: a change in between (another tab) is refused
 *   as stale, never overwritten (optimistic concurrency on consultations.version).
 */

/** Errors by form field name (the field's id); `form` for what belongs to no field. */
export type EditorErrors = Record<string, EditorError>;

export type SaveResult =
  | { ok: true; slug: string; changed: boolean }
  | { ok: false; status: 400 | 403 | 404 | 409; errors: EditorErrors };

export interface ConsultationListItem {
  readonly slug: string;
  readonly title: string;
  readonly status: Consultation['status'];
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly submissions: number;
  readonly editedAt: Date | null;
}

class StaleEdit extends Error {}
class Unchanged extends Error {}

/** An admin, or the server's own work (the command line, src/cli/consultation.ts). */
async function isAdmin(tx: Tx): Promise<boolean> {
  const [row] = await tx.sql<{ admin: boolean }>`
    select private.has_role('admin') or current_user = 'doemee_service' as admin`;
  return row?.admin === true;
}

/** Every consultation, newest first, with its number of submissions. Null when the caller is no admin. */
export async function listForEditor(db: CallerDb): Promise<ConsultationListItem[] | null> {
  return db.run(async (tx) => {
    if (!(await isAdmin(tx))) return null;
    const rows = await tx.sql<{
      slug: string;
      title: string;
      status: Consultation['status'];
      opens_at: Date;
      closes_at: Date;
      edited_at: Date | null;
      submissions: number;
    }>`
      select c.slug, c.title, c.status, c.opens_at, c.closes_at, c.edited_at,
             (select count(*)::int from public.submissions s where s.consultation_id = c.id) as submissions
      from public.consultations c order by c.opens_at desc, c.slug`;
    return rows.map((r) => ({
      slug: r.slug,
      title: r.title,
      status: r.status,
      opensAt: new Date(r.opens_at),
      closesAt: new Date(r.closes_at),
      editedAt: r.edited_at ? new Date(r.edited_at) : null,
      submissions: r.submissions,
    }));
  });
}

/** One consultation as the editor shows it; null when it does not exist or the caller is no admin. */
export async function loadForEditor(db: CallerDb, slug: string): Promise<StoredConsultation | null> {
  return db.run(async (tx) => ((await isAdmin(tx)) ? readStoredConsultation(tx, slug) : null));
}

/** Rows of a definition that did not come from the form (an import): row n is item n. */
export function identityRows(raw: unknown): FormRows {
  const r = (raw ?? {}) as {
    topics?: unknown[];
    themes?: unknown[];
    audiences?: Record<string, { questions?: unknown[] }>;
  };
  const count = (n: number) => Array.from({ length: n }, (_, i) => i);
  const questions: Partial<Record<Audience, number[]>> = {};
  const originalKeys: Partial<Record<Audience, Record<number, string>>> = {};
  for (const [a, def] of Object.entries(r.audiences ?? {}))
    if ((audiences as readonly string[]).includes(a)) {
      questions[a as Audience] = count(Array.isArray(def?.questions) ? def.questions.length : 0);
      originalKeys[a as Audience] = {};
    }
  return {
    topics: count(Array.isArray(r.topics) ? r.topics.length : 0),
    themes: count(Array.isArray(r.themes) ? r.themes.length : 0),
    questions,
    removed: {},
    originalKeys,
  };
}

const questionPart: Record<string, Parameters<typeof field.question>[2]> = {
  key: 'code',
  topic: 'onderwerp',
  prompt: 'vraag',
  help: 'uitleg',
  maxLength: 'lengte',
  required: 'verplicht',
  hidden: 'verbergen',
};
const rowPart: Record<string, 'code' | 'naam' | 'beschrijving'> = {
  key: 'code',
  label: 'naam',
  description: 'beschrijving',
};

/** One schema issue as a field and a code. */
function issueField(issue: ZodIssue, rows: FormRows): [string, EditorError] {
  const [head, a, b, c, d] = issue.path;
  const at = <T>(list: readonly T[] | undefined, i: unknown): T | undefined =>
    typeof i === 'number' ? list?.[i] : undefined;
  switch (head) {
    case 'title':
      return [field.title, 'title.invalid'];
    case 'slug':
      return [field.slug, 'slug.invalid'];
    case 'summary':
      return [field.summary, 'summary.invalid'];
    case 'status':
      return [field.status, 'status.invalid'];
    case 'opensAt':
      return [field.opensAt, 'date.invalid'];
    case 'closesAt':
      return [field.closesAt, issue.code === 'custom' ? 'dates.reversed' : 'date.invalid'];
    case 'retentionUntil':
      return [field.retentionUntil, 'retention.invalid'];
    case 'wijken':
      return [field.wijken, 'wijk.invalid'];
    case 'topics': {
      const row = at(rows.topics, a);
      if (row === undefined) return ['onderwerpen', 'topics.none'];
      const part = rowPart[String(b)] ?? 'code';
      return [
        field.topic(row, part),
        part === 'naam' ? 'topic.label' : part === 'beschrijving' ? 'topic.description' : 'topic.key',
      ];
    }
    case 'themes': {
      const row = at(rows.themes, a);
      if (row === undefined) return ['themas', 'theme.key'];
      const part = rowPart[String(b)] ?? 'code';
      return [
        field.theme(row, part),
        part === 'naam' ? 'theme.label' : part === 'beschrijving' ? 'theme.description' : 'theme.key',
      ];
    }
    case 'audiences': {
      const audience = a as Audience;
      if (!(audiences as readonly unknown[]).includes(audience)) return ['doelgroepen', 'audiences.none'];
      if (b === 'intro') return [field.audience(audience, 'inleiding'), 'audience.intro'];
      if (b !== 'questions') return [field.audience(audience, 'mee'), 'audience.noQuestions'];
      const row = at(rows.questions[audience], c);
      if (row === undefined) return [field.audience(audience, 'mee'), 'audience.noQuestions'];
      const part = questionPart[String(d)] ?? 'code';
      const code: EditorError =
        part === 'code'
          ? issue.message.startsWith('dubbele')
            ? 'question.duplicate'
            : 'question.key'
          : part === 'onderwerp'
            ? 'question.topic'
            : part === 'uitleg'
              ? 'question.help'
              : part === 'lengte'
                ? 'question.maxLength'
                : 'question.prompt';
      return [field.question(audience, row, part), code];
    }
  }
  return ['form', 'import.invalid'];
}

/** The definition checked against the schema and the editor's own rules, or the errors by field. */
export function checkDefinition(
  raw: unknown,
  rows: FormRows,
): { ok: true; definition: Consultation } | { ok: false; errors: EditorErrors } {
  const errors: EditorErrors = {};
  const add = (name: string, code: EditorError) => {
    errors[name] ??= code;
  };
  const parsed = ConsultationSchema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) add(...issueField(issue, rows));
  const r = (raw ?? {}) as Partial<Record<'topics' | 'themes', { key?: unknown }[]>> & {
    audiences?: Record<string, unknown>;
  };
  // Duplicate keys of topics and expected themes (questions: the schema checks per audience).
  for (const [list, rowsOf, make, code] of [
    [r.topics, rows.topics, field.topic, 'topic.duplicate'],
    [r.themes, rows.themes, field.theme, 'theme.duplicate'],
  ] as const) {
    const seen = new Set<unknown>();
    (Array.isArray(list) ? list : []).forEach((item, i) => {
      const row = rowsOf[i];
      if (seen.has(item?.key) && row !== undefined) add(make(row, 'code'), code);
      seen.add(item?.key);
    });
  }
  if (!r.audiences || Object.keys(r.audiences).length === 0) add('doelgroepen', 'audiences.none');
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const definition = parsed.data;
  if (definition.retentionUntil && new Date(`${definition.retentionUntil}T23:59:59Z`) < definition.closesAt)
    add(field.retentionUntil, 'retention.beforeClose');
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, definition };
}

/**
 * Questions with answers that the new definition would delete or re-key: errors at the row
 * that did it (or at the form, for an import).
 */
function protectionErrors(stored: StoredConsultation, next: Consultation, rows: FormRows): EditorErrors {
  const errors: EditorErrors = {};
  for (const [ref, count] of stored.answers) {
    if (count === 0) continue;
    const [audience, key] = ref.split('/') as [Audience, string];
    if (next.audiences[audience]?.questions.some((q) => q.key === key)) continue;
    const originalRows = Object.entries(rows.originalKeys[audience] ?? {});
    const row = originalRows.find(([, k]) => k === key)?.[0];
    if (rows.removed[audience]?.includes(key) && row !== undefined)
      errors[field.question(audience, Number(row), 'weg')] = 'question.answeredDelete';
    else if (!next.audiences[audience]) errors[field.audience(audience, 'mee')] = 'question.answeredDelete';
    else if (row !== undefined)
      errors[field.question(audience, Number(row), 'code')] = 'question.answeredKey';
    else errors[`vraag-${audience}-${key}`] = 'question.answeredDelete';
  }
  return errors;
}

/**
 * Another published consultation whose period overlaps this one's, if any. Not refused (a
 * municipality may run two at once; the public pages show the one that opened last), but said.
 */
export async function overlappingConsultation(db: CallerDb, slug: string): Promise<string | null> {
  return db.run(async (tx) => {
    const [row] = await tx.sql<{ title: string }>`
      select o.title from public.consultations c join public.consultations o
        on o.id <> c.id and o.status = 'published' and o.opens_at < c.closes_at and o.closes_at > c.opens_at
      where c.slug = ${slug} and c.status = 'published' order by o.opens_at desc limit 1`;
    return row?.title ?? null;
  });
}

export interface SaveRequest {
  /** The consultation being edited; null for a new one. */
  readonly slug: string | null;
  readonly raw: unknown;
  readonly rows: FormRows;
  /** The version the page was shown with; required when editing. */
  readonly version: number | null;
  readonly confirmPastClose: boolean;
  /** An import may create or update, found by the slug in the file. */
  readonly upsert?: boolean;
}

/** Creates or updates a whole consultation, under every rule above; one transaction. */
export async function saveConsultation(
  db: CallerDb,
  request: SaveRequest,
  now = new Date(),
): Promise<SaveResult> {
  const checked = checkDefinition(request.raw, request.rows);
  const result = await db
    .run(async (tx): Promise<SaveResult> => {
      if (!(await isAdmin(tx))) return { ok: false, status: 403, errors: { form: 'notAllowed' } };
      const slug = request.slug ?? (checked.ok ? checked.definition.slug : null);
      const stored = slug ? await readStoredConsultation(tx, slug) : null;
      if (request.slug && !stored) return { ok: false, status: 404, errors: { form: 'notFound' } };
      if (stored && !request.slug && !request.upsert)
        return { ok: false, status: 400, errors: { [field.slug]: 'slug.taken' } };
      // Stale before anything else: errors about a version nobody sees any more help no one.
      if (stored && request.version !== stored.version)
        return { ok: false, status: 409, errors: { form: 'stale' } };
      if (!checked.ok) return { ok: false, status: 400, errors: checked.errors };
      // The address stays what it was (links and drafts in browsers use it).
      const definition: Consultation = {
        ...checked.definition,
        slug: stored?.definition.slug ?? checked.definition.slug,
      };
      const errors: EditorErrors = stored ? protectionErrors(stored, definition, request.rows) : {};
      const closingMoved = !stored || stored.definition.closesAt.getTime() !== definition.closesAt.getTime();
      if (closingMoved && definition.closesAt <= now && !request.confirmPastClose)
        errors[field.closesAt] ??= 'dates.pastNeedsConfirm';
      if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };

      if (stored) {
        // Claim the version this save started from (every update of the row counts one up, trigger
        // private.touch): a save that slipped in between (another tab, the same moment) has
        // changed it, so this one is stale. The row stays locked until this transaction ends.
        const claimed = await tx.sql`
        update public.consultations set edited_at = now()
        where id = ${stored.id} and version = ${request.version} returning id`;
        if (claimed.length === 0) throw new StaleEdit();
      }
      const id = await writeDefinition(tx, definition);
      if (stored) {
        const after = await readStoredConsultation(tx, definition.slug);
        // Nothing changed: roll back, so neither the version nor the log moves.
        if (JSON.stringify(after?.definition) === JSON.stringify(stored.definition)) throw new Unchanged();
      } else await tx.sql`update public.consultations set edited_at = now() where id = ${id}`;
      return { ok: true, slug: definition.slug, changed: true };
    })
    .catch((error: unknown): SaveResult => {
      if (error instanceof StaleEdit) return { ok: false, status: 409, errors: { form: 'stale' } };
      if (error instanceof Unchanged) return { ok: true, slug: request.slug ?? '', changed: false };
      throw error;
    });
  if (result.ok && result.changed) consultationsChanged();
  return result;
}

/** What is missing before a consultation can be published: errors by field, empty when complete. */
export function publishProblems(stored: StoredConsultation, now = new Date()): EditorErrors {
  const c = stored.definition;
  const errors: EditorErrors = {};
  if (c.summary.trim() === '') errors[field.summary] = 'publish.summary';
  if (c.closesAt <= now) errors[field.closesAt] = 'publish.closed';
  const entries = Object.entries(c.audiences);
  if (entries.length === 0) errors.doelgroepen = 'audiences.none';
  for (const [a, def] of entries) {
    if (!def.questions.some((q) => !q.hidden))
      errors[field.audience(a as Audience, 'mee')] = 'audience.noQuestions';
    if (def.intro.trim() === '') errors[field.audience(a as Audience, 'inleiding')] = 'publish.intro';
  }
  if (!c.retentionUntil) errors[field.retentionUntil] = 'publish.retention';
  return errors;
}

/** Sets a draft to published once it is complete; the same stale check as a save. */
export async function publishConsultation(
  db: CallerDb,
  slug: string,
  version: number | null,
  now = new Date(),
): Promise<SaveResult> {
  const result = await db.run(async (tx): Promise<SaveResult> => {
    if (!(await isAdmin(tx))) return { ok: false, status: 403, errors: { form: 'notAllowed' } };
    const stored = await readStoredConsultation(tx, slug);
    if (!stored) return { ok: false, status: 404, errors: { form: 'notFound' } };
    if (version !== stored.version) return { ok: false, status: 409, errors: { form: 'stale' } };
    if (stored.definition.status === 'published') return { ok: true, slug, changed: false };
    const problems = publishProblems(stored, now);
    if (Object.keys(problems).length > 0) return { ok: false, status: 400, errors: problems };
    const published = await tx.sql`
      update public.consultations set status = 'published', edited_at = now()
      where id = ${stored.id} and version = ${version} returning id`;
    if (published.length === 0) return { ok: false, status: 409, errors: { form: 'stale' } };
    return { ok: true, slug, changed: true };
  });
  if (result.ok && result.changed) consultationsChanged();
  return result;
}

export { questionRef };
