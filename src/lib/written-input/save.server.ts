/**
 * Written input in two steps: a draft (the document kept, its text split into points for
 * checking) and saving (each point kept becomes an input item). Everything runs as the caller,
 * so RLS decides who may (moderators, analysts and admins).
 */
import { randomUUID } from 'node:crypto';
import { isRefusal, sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import { detectPersonalData } from '../privacy';
import {
  type DraftPoint,
  DraftPointSchema,
  MAX_POINT_CHARS,
  MAX_POINTS,
  MAX_TEXT_CHARS,
  type WrittenError,
  type WrittenInputMeta,
  WrittenInputMetaSchema,
} from './schema';
import { splitDocument } from './split';

export interface DraftDocument {
  /** The file as received; null when the text was pasted. */
  readonly fileName: string | null;
  readonly mediaType: string;
  readonly content: Uint8Array | null;
  /** Its text (read from the file, or pasted). */
  readonly text: string;
}

export type CreateDraftResult =
  | { ok: true; id: string; points: DraftPoint[] }
  | { ok: false; code: WrittenError };

const metaError = (path: readonly PropertyKey[]): WrittenError => {
  switch (path[0]) {
    case 'sender':
      return 'written.sender';
    case 'audience':
      return 'written.audience';
    case 'receivedOn':
      return 'written.receivedOn';
    case 'consultationId':
      return 'written.consultation';
    default:
      return 'written.invalid';
  }
};

/** Checks what the form says about a document; the first problem's code. */
export function parseMeta(
  raw: unknown,
): { ok: true; meta: WrittenInputMeta } | { ok: false; code: WrittenError } {
  const parsed = WrittenInputMetaSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: metaError(parsed.error.issues[0]?.path ?? []) };
  return { ok: true, meta: parsed.data };
}

/** The split of a text as draft points: points kept, the text around them left out. */
export function draftPointsOf(text: string): DraftPoint[] {
  return splitDocument(text).map((block) => ({
    text: block.text.slice(0, MAX_POINT_CHARS),
    keep: block.kind === 'point',
    label: block.label,
    response: block.response?.slice(0, MAX_POINT_CHARS) ?? null,
  }));
}

/**
 * Keeps the document (for admins, until the retention date) and its text split into points, as a
 * draft the staff member checks before anything becomes input.
 */
export async function createDraft(
  db: CallerDb,
  meta: WrittenInputMeta,
  doc: DraftDocument,
): Promise<CreateDraftResult> {
  if (doc.text.length > MAX_TEXT_CHARS) return { ok: false, code: 'written.textTooLong' };
  if (doc.text.trim() === '') return { ok: false, code: 'written.noInput' };
  const points = draftPointsOf(doc.text).slice(0, MAX_POINTS * 2);
  try {
    return await db.run(async (tx) => {
      const [consultation] = await tx.sql<{ id: string }>`
        select id from public.consultations where id = ${meta.consultationId}`;
      if (!consultation) return { ok: false, code: 'written.consultation' } as const;
      const [row] = await tx.sql<{ id: string }>`
        insert into public.written_inputs
          (consultation_id, kind, sender, audience, received_on, title, file_name, draft_points)
        values (${meta.consultationId}, ${meta.kind}, ${meta.sender}, ${meta.audience}, ${meta.receivedOn},
                ${meta.title}, ${doc.fileName}, ${JSON.stringify(points)}::jsonb)
        returning id`;
      const id = row?.id as string;
      await tx.sql`
        insert into public.written_input_originals (written_input_id, media_type, content, body, purge_after)
        select ${id}, ${doc.mediaType}, ${doc.content ? Buffer.from(doc.content) : null}::bytea, ${doc.text},
               coalesce(c.retention_until, current_date + 180)
        from public.consultations c where c.id = ${meta.consultationId}`;
      return { ok: true, id, points } as const;
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'written.forbidden' };
    if (isRefusal(error)) return { ok: false, code: 'written.invalid' };
    throw error;
  }
}

/** A point as stored. */
export interface SavedPoint {
  readonly id: string;
  /** 1, 2, … in document order. */
  readonly point: number;
  readonly text: string;
}

export type SaveResult = { ok: true; id: string; points: SavedPoint[] } | { ok: false; code: WrittenError };

/** The points to save, checked: trimmed, none empty, not too many, none too long. */
export function checkPoints(
  raw: readonly { text: string; response?: string | null }[],
): { ok: true; points: { text: string; response: string | null }[] } | { ok: false; code: WrittenError } {
  const points = raw
    .map((p) => ({ text: p.text.replace(/\r\n?/g, '\n').trim(), response: p.response?.trim() || null }))
    .filter((p) => p.text !== '');
  if (points.length === 0) return { ok: false, code: 'written.noPoints' };
  if (points.length > MAX_POINTS) return { ok: false, code: 'written.tooManyPoints' };
  if (points.some((p) => p.text.length > MAX_POINT_CHARS || (p.response?.length ?? 0) > MAX_POINT_CHARS))
    return { ok: false, code: 'written.pointTooLong' };
  return { ok: true, points };
}

async function lockDraft(tx: Tx, id: string) {
  const [row] = await tx.sql<{
    id: string;
    consultation_id: string;
    audience: string;
    kind: string;
    saved_at: Date | null;
  }>`
    select id, consultation_id, audience, kind, saved_at from public.written_inputs where id = ${id} for update`;
  return row ?? null;
}

/**
 * Saves the checked points of a draft, in this order, each as an input item (channel
 * 'schriftelijk', kind 'point') with the personal-data detector's proposals, awaiting moderation.
 * For an advice, a response the document already gave is kept as the point's response when the
 * caller may answer (analysts, admins). Once: a second save answers 'written.alreadySaved'.
 */
export async function saveDraft(
  db: CallerDb,
  id: string,
  raw: readonly { text: string; response?: string | null }[],
): Promise<SaveResult> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return { ok: false, code: 'written.notFound' };
  const checked = checkPoints(raw);
  if (!checked.ok) return checked;
  const mayAnswer =
    db.caller.kind === 'service' ||
    (db.caller.kind === 'staff' && ['admin', 'analyst'].includes(db.caller.staffRole));
  try {
    return await db.run(async (tx): Promise<SaveResult> => {
      const draft = await lockDraft(tx, id);
      if (!draft) return { ok: false, code: 'written.notFound' };
      if (draft.saved_at) return { ok: false, code: 'written.alreadySaved' };
      const saved: SavedPoint[] = [];
      for (const [i, point] of checked.points.entries()) {
        const itemId = randomUUID();
        await tx.sql`
          insert into public.input_items (id, consultation_id, channel, audience, kind, body, pii_spans)
          values (${itemId}, ${draft.consultation_id}, 'schriftelijk', ${draft.audience}, 'point', ${point.text},
                  ${JSON.stringify(detectPersonalData(point.text))}::jsonb)`;
        await tx.sql`
          insert into public.written_points (input_item_id, written_input_id, consultation_id, position)
          values (${itemId}, ${draft.id}, ${draft.consultation_id}, ${i + 1})`;
        if (draft.kind === 'advies' && point.response && mayAnswer)
          await tx.sql`
            update public.written_points set response_md = ${point.response} where input_item_id = ${itemId}`;
        saved.push({ id: itemId, point: i + 1, text: point.text });
      }
      await tx.sql`
        update public.written_inputs set draft_points = null, saved_at = now() where id = ${draft.id}`;
      return { ok: true, id: draft.id, points: saved };
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'written.forbidden' };
    if (isRefusal(error)) return { ok: false, code: 'written.invalid' };
    throw error;
  }
}

/** Throws away a draft that was never saved (its document goes with it). */
export async function discardDraft(db: CallerDb, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  return db.run(
    async (tx) =>
      (await tx.execute('delete from public.written_inputs where id = $1 and saved_at is null', [id])) === 1,
  );
}

/** The draft's points as the check screen sends them back (one form field per block). */
export function parseDraftPoints(raw: unknown): DraftPoint[] | null {
  const parsed = DraftPointSchema.array()
    .max(MAX_POINTS * 2)
    .safeParse(raw);
  return parsed.success ? parsed.data : null;
}
