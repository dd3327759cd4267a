import { isRefusal, sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import type { RejectReason } from '../moderation/schema';
import { detectPersonalData } from '../privacy';
import { audienceOfGroup } from './audience';
import {
  type Note,
  NoteBatchSchema,
  type NoteChanges,
  NoteChangesSchema,
  type NoteError,
  type NoteKind,
  NoteSchema,
  noteBodyMax,
  speakerMax,
} from './schema';
import { readStop, refusal } from './stops.server';

/** What happened to one note of a batch. Notes with an error stay in the tablet's outbox. */
export type NoteOutcome =
  | { readonly id: string; readonly result: 'created' | 'already-stored' }
  | { readonly id: string; readonly result: 'error'; readonly code: NoteError };

export type SyncResult =
  | {
      ok: true;
      results: NoteOutcome[];
      /** Ids the app must keep in its outbox (the notes with an error); empty when all are stored. */
      keep: string[];
    }
  | {
      ok: false;
      code: 'stop.notFound' | 'stop.forbidden' | 'stop.cancelled' | 'notes.invalid' | 'notes.rejected';
      /** Nothing of the batch was stored: every note stays in the outbox. */
      keep: string[];
      /** With 'notes.rejected': the note the database refused, so the app can show which one. */
      failedId?: string;
    };

interface TopicRow {
  id: string;
  key: string;
}

function noteError(path: readonly (string | number)[]): NoteError {
  switch (path[0]) {
    case 'kind':
      return 'note.invalidKind';
    case 'topicKey':
      return 'note.unknownTopic';
    case 'clientCreatedAt':
      return 'note.invalidTime';
    case 'body':
      return 'note.empty';
    default:
      return 'note.invalid';
  }
}

/** The checks every note passes, new or edited; null when the note may be stored. */
function checkNote(
  note: Pick<Note, 'kind' | 'body' | 'speaker'>,
): Exclude<NoteError, 'note.conflict'> | null {
  if (note.body === '') return 'note.empty';
  if (note.body.length > noteBodyMax) return 'note.tooLong';
  if (note.speaker !== null) {
    if (note.kind !== 'quote') return 'note.speakerNotAllowed';
    if (note.speaker.length > speakerMax) return 'note.speakerTooLong';
    // "bewoner, 82 jaar" is fine; "mevrouw Jansen" is not.
    const found = detectPersonalData(note.speaker);
    if (found.some((span) => span.type === 'PERSON')) return 'note.speakerIsName';
    if (found.length > 0) return 'note.speakerPersonalData';
  }
  return null;
}

const idsOf = (raw: unknown): string[] => {
  const notes = (raw as { notes?: unknown } | null)?.notes;
  if (!Array.isArray(notes)) return [];
  return notes
    .map((n) => (n as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string');
};

/**
 * Stores a batch of notes from a tablet's outbox, idempotently and in one transaction.
 *
 * - Each note's id is made on the tablet; `on conflict (id) do nothing` makes a repeated or
 *   concurrent upload store each note once ('already-stored' the second time).
 * - A note that fails a check (empty, too long, unknown topic, a name as speaker, …) is reported
 *   with its code and not stored; the valid notes of the batch ARE stored. The app keeps the
 *   refused ones (listed in `keep`) in its outbox for the facilitator to fix.
 * - Anything the database refuses while storing rolls the WHOLE batch back ('notes.rejected'):
 *   a half-stored batch never happens, and every note stays in the outbox for a retry.
 * - A stop that does not exist, or is not the caller's ('stop.forbidden'), refuses the batch.
 * - `created_at` is the server's clock (in batch order); the tablet's clientCreatedAt is kept for
 *   information only, so a tablet clock that is hours off changes no ordering.
 */
export async function syncNotes(db: CallerDb, raw: unknown): Promise<SyncResult> {
  const batch = NoteBatchSchema.safeParse(raw);
  if (!batch.success) return { ok: false, code: 'notes.invalid', keep: idsOf(raw) };
  const { stopId, notes } = batch.data;
  const all = notes.map((n) => n.id);
  let storing: string | undefined;
  try {
    return await db.run(async (tx): Promise<SyncResult> => {
      const stop = await readStop(tx, stopId);
      const refused = refusal(stop);
      if (refused || !stop) return { ok: false, code: refused ?? 'stop.notFound', keep: all };
      if (stop.status === 'cancelled') return { ok: false, code: 'stop.cancelled', keep: all };
      // One sync per stop at a time: concurrent uploads of the same outbox wait for each other
      // instead of racing (or deadlocking on notes sent in a different order).
      await tx.sql`select pg_advisory_xact_lock(hashtext(${`roadtour-sync:${stop.id}`}))`;
      const topics = await tx.sql<TopicRow>`
        select id, key from public.topics where consultation_id = ${stop.consultationId}`;
      const topicIds = new Map(topics.map((t) => [t.key, t.id]));
      const audience = audienceOfGroup[stop.groupType];

      const results: NoteOutcome[] = [];
      for (const raw of notes) {
        const parsed = NoteSchema.safeParse(raw);
        if (!parsed.success) {
          results.push({ id: raw.id, result: 'error', code: noteError(parsed.error.issues[0]?.path ?? []) });
          continue;
        }
        const note = parsed.data;
        const topicId = topicIds.get(note.topicKey);
        const problem = checkNote(note) ?? (topicId ? null : 'note.unknownTopic');
        if (problem) {
          results.push({ id: note.id, result: 'error', code: problem });
          continue;
        }
        storing = note.id;
        const stored = await storeNote(tx, stop.id, stop.consultationId, audience, topicId, note);
        results.push(
          stored === 'created' || stored === 'already-stored'
            ? { id: note.id, result: stored }
            : { id: note.id, result: 'error', code: stored },
        );
      }
      const keep = results.filter((r) => r.result === 'error').map((r) => r.id);
      return { ok: true, results, keep };
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'stop.forbidden', keep: all };
    if (isRefusal(error))
      return { ok: false, code: 'notes.rejected', keep: all, ...(storing ? { failedId: storing } : {}) };
    throw error;
  }
}

async function storeNote(
  tx: Tx,
  stopId: string,
  consultationId: string,
  audience: string,
  topicId: string | undefined,
  note: Note,
): Promise<'created' | 'already-stored' | 'note.idTaken'> {
  const inserted = await tx.sql<{ id: string }>`
    insert into public.input_items
      (id, consultation_id, channel, audience, stop_id, topic_id, kind, speaker, body, pii_spans,
       client_created_at)
    values (${note.id}, ${consultationId}, 'roadtour', ${audience}, ${stopId}, ${topicId}, ${note.kind},
            ${note.speaker}, ${note.body}, ${JSON.stringify(detectPersonalData(note.body))}::jsonb,
            ${note.clientCreatedAt})
    -- created_at is the server's, set by a trigger (private.time_roadtour_note): strictly after the
    -- stop's last note, so arrival order survives two inserts in one clock tick.
    on conflict (id) do nothing
    returning id`;
  if (inserted.length > 0) return 'created';
  // Stored before, by an earlier upload of this outbox; unless the id belongs to another text.
  const [existing] = await tx.sql<{ stop_id: string | null }>`
    select stop_id from public.input_items where id = ${note.id}`;
  return existing?.stop_id === stopId ? 'already-stored' : 'note.idTaken';
}

/** A stored note as the facilitator's app and the summary see it. */
export interface StoredNote {
  readonly id: string;
  readonly stopId: string;
  readonly topicId: string | null;
  readonly topicKey: string | null;
  readonly kind: NoteKind;
  readonly body: string;
  readonly speaker: string | null;
  readonly status: 'new' | 'approved' | 'rejected' | 'hidden';
  /** Why a moderator rejected it (with status 'rejected'). */
  readonly rejectReason: RejectReason | null;
  readonly redacted: boolean;
  readonly clientCreatedAt: Date | null;
  readonly createdAt: Date;
  readonly version: number;
}

interface NoteRow {
  id: string;
  stop_id: string;
  topic_id: string | null;
  topic_key: string | null;
  kind: NoteKind;
  body: string;
  speaker: string | null;
  status: StoredNote['status'];
  reject_reason: RejectReason | null;
  redacted: boolean;
  client_created_at: Date | string | null;
  created_at: Date | string;
  version: number;
}

const noteColumns = `
  i.id, i.stop_id, i.topic_id, t.key as topic_key, i.kind, i.body, i.speaker, i.status, i.reject_reason, i.redacted,
  i.client_created_at, i.created_at, i.version`;

const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

export function toNote(row: NoteRow): StoredNote {
  return {
    id: row.id,
    stopId: row.stop_id,
    topicId: row.topic_id,
    topicKey: row.topic_key,
    kind: row.kind,
    body: row.body,
    speaker: row.speaker,
    status: row.status,
    rejectReason: row.reject_reason,
    redacted: row.redacted,
    clientCreatedAt: row.client_created_at === null ? null : asDate(row.client_created_at),
    createdAt: asDate(row.created_at),
    version: row.version,
  };
}

/** The notes of a stop the caller can see, in the order the server received them. */
export async function readNotes(tx: Tx, stopId: string): Promise<StoredNote[]> {
  const rows = await tx.query<NoteRow>(
    `select ${noteColumns} from public.input_items i left join public.topics t on t.id = i.topic_id
     where i.stop_id = $1 and i.channel = 'roadtour' order by i.created_at, i.id`,
    [stopId],
  );
  return rows.map(toNote);
}

async function readNote(tx: Tx, noteId: string): Promise<StoredNote | null> {
  const [row] = await tx.query<NoteRow>(
    `select ${noteColumns} from public.input_items i left join public.topics t on t.id = i.topic_id
     where i.id = $1 and i.channel = 'roadtour'`,
    [noteId],
  );
  return row ? toNote(row) : null;
}

export type NoteResult =
  | { ok: true; note: StoredNote }
  | { ok: false; code: 'note.conflict'; current: StoredNote }
  | { ok: false; code: Exclude<NoteError, 'note.conflict'> | 'stop.forbidden' | 'stop.invalid' };

/** Where a note may be changed by this caller, or why not. */
async function writableNote(
  tx: Tx,
  noteId: string,
): Promise<StoredNote | { code: 'note.notFound' | 'note.locked' | 'stop.forbidden' }> {
  const note = await readNote(tx, noteId);
  if (!note) return { code: 'note.notFound' };
  const stop = await readStop(tx, note.stopId);
  if (refusal(stop)) return { code: 'stop.forbidden' };
  if (note.status !== 'new') return { code: 'note.locked' };
  return note;
}

/**
 * Changes a note while it awaits moderation, optimistically (`expectedVersion`). Note: a changed
 * body goes through the same database trigger as a redaction, so the earlier text is kept in
 * input_originals (admins only, purged with the consultation) and the item is marked redacted.
 */
export async function editNote(db: CallerDb, input: unknown): Promise<NoteResult> {
  const parsed = NoteChangesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'note.invalid' };
  const changes: NoteChanges = parsed.data;
  try {
    return await db.run(async (tx): Promise<NoteResult> => {
      const note = await writableNote(tx, changes.noteId);
      if ('code' in note) return { ok: false, code: note.code };
      if (note.version !== changes.expectedVersion)
        return { ok: false, code: 'note.conflict', current: note };
      const kind = changes.kind ?? note.kind;
      const body = changes.body ?? note.body;
      const speaker = changes.speaker === undefined ? note.speaker : changes.speaker || null;
      const problem = checkNote({ kind, body, speaker });
      if (problem) return { ok: false, code: problem };
      let topicId = note.topicId;
      if (changes.topicKey !== undefined) {
        const [topic] = await tx.sql<{ id: string }>`
          select t.id from public.topics t join public.input_items i on i.consultation_id = t.consultation_id
          where i.id = ${note.id} and t.key = ${changes.topicKey}`;
        if (!topic) return { ok: false, code: 'note.unknownTopic' };
        topicId = topic.id;
      }
      const spans = body === note.body ? null : JSON.stringify(detectPersonalData(body));
      const updated = await tx.sql`
        update public.input_items
        set kind = ${kind}, speaker = ${speaker}, topic_id = ${topicId},
            body = ${body}, pii_spans = coalesce(${spans}::jsonb, pii_spans)
        where id = ${note.id} and version = ${changes.expectedVersion} and status = 'new'
        returning id`;
      const current = await readNote(tx, note.id);
      if (!current) return { ok: false, code: 'note.notFound' };
      if (updated.length === 0)
        return current.status === 'new'
          ? { ok: false, code: 'note.conflict', current }
          : { ok: false, code: 'note.locked' };
      return { ok: true, note: current };
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'stop.forbidden' };
    if (isRefusal(error)) return { ok: false, code: 'note.invalid' };
    throw error;
  }
}

/** Removes a note while it awaits moderation (a facilitator's own mistake). */
export async function deleteNote(
  db: CallerDb,
  input: { noteId: string },
): Promise<{ ok: true } | { ok: false; code: 'note.notFound' | 'note.locked' | 'stop.forbidden' }> {
  if (!/^[0-9a-f-]{36}$/i.test(input.noteId)) return { ok: false, code: 'note.notFound' };
  return db.run(async (tx) => {
    const note = await writableNote(tx, input.noteId);
    if ('code' in note) return { ok: false, code: note.code };
    const deleted = await tx.execute(
      `delete from public.input_items where id = $1 and status = 'new' and channel = 'roadtour'`,
      [note.id],
    );
    return deleted === 1 ? { ok: true } : { ok: false, code: 'note.locked' };
  });
}
