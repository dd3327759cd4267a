import { createHash } from 'node:crypto';
/** Reading written input as the caller (RLS: moderators, analysts, admins). */
import type { Audience } from '../content/schema';
import type { CallerDb, Tx } from '../db/types';
import type { ModerationStatus } from '../moderation/schema';
import type { DraftPoint, WrittenKind } from './schema';

export interface WrittenInputSummary {
  readonly id: string;
  readonly consultationId: string;
  readonly consultationTitle: string;
  readonly kind: WrittenKind;
  readonly sender: string;
  readonly audience: Audience;
  /** yyyy-mm-dd */
  readonly receivedOn: string;
  readonly title: string;
  readonly fileName: string | null;
  readonly saved: boolean;
  readonly points: number;
  /** Points with both a response and a status. */
  readonly answered: number;
  /** yyyy-mm-dd: when the college adopted its response to this advice, if it did. */
  readonly responseAdoptedOn: string | null;
  readonly createdAt: string;
}

export interface WrittenPoint {
  readonly id: string;
  readonly position: number;
  /** The point's text as moderation left it (redacted where personal data was removed). */
  readonly text: string;
  readonly status: ModerationStatus;
  /**
   * A short hash of the point's text: a change or redaction of the text since a response form
   * was opened shows, while moderation deciding on it (its status) does not.
   */
  readonly textHash: string;
  readonly responseMd: string;
  readonly responseStatus: string | null;
  readonly respondedAt: string | null;
  readonly respondedBy: string | null;
  /** The written point's version (the response's). */
  readonly version: number;
  readonly themeIds: string[];
}

export interface WrittenInputDetail extends WrittenInputSummary {
  readonly version: number;
  readonly draftPoints: DraftPoint[] | null;
  readonly pointList: WrittenPoint[];
}

interface SummaryRow {
  id: string;
  consultation_id: string;
  consultation_title: string;
  kind: WrittenKind;
  sender: string;
  audience: Audience;
  received_on: string;
  title: string;
  file_name: string | null;
  saved: boolean;
  points: number;
  answered: number;
  response_adopted_on: string | null;
  created_at: Date | string;
}

/** A short hash of a point's text, for the response form's stale-edit check. */
export const textHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 16);

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

const summaryColumns = `
  w.id, w.consultation_id, c.title as consultation_title, w.kind, w.sender, w.audience,
  to_char(w.received_on, 'YYYY-MM-DD') as received_on, w.title, w.file_name, w.saved_at is not null as saved,
  (select count(*)::int from public.written_points p where p.written_input_id = w.id) as points,
  (select count(*)::int from public.written_points p
    where p.written_input_id = w.id and p.response_status is not null and btrim(p.response_md) <> '') as answered,
  to_char(w.response_adopted_on, 'YYYY-MM-DD') as response_adopted_on, w.created_at`;

const toSummary = (r: SummaryRow): WrittenInputSummary => ({
  id: r.id,
  consultationId: r.consultation_id,
  consultationTitle: r.consultation_title,
  kind: r.kind,
  sender: r.sender,
  audience: r.audience,
  receivedOn: r.received_on,
  title: r.title,
  fileName: r.file_name,
  saved: r.saved,
  points: r.points,
  answered: r.answered,
  responseAdoptedOn: r.response_adopted_on,
  createdAt: iso(r.created_at),
});

/** Every written input the caller may see, newest received first; `kind` narrows to advices or letters. */
export async function listWrittenInputs(
  db: CallerDb,
  filter: { kind?: WrittenKind; consultationId?: string } = {},
): Promise<WrittenInputSummary[]> {
  return db.run(async (tx) => {
    const rows = await tx.query<SummaryRow>(
      `select ${summaryColumns}
       from public.written_inputs w join public.consultations c on c.id = w.consultation_id
       where ($1::text is null or w.kind = $1) and ($2::uuid is null or w.consultation_id = $2)
       order by w.received_on desc, w.created_at desc
       limit 500`,
      [filter.kind ?? null, filter.consultationId ?? null],
    );
    return rows.map(toSummary);
  });
}

interface PointRow {
  id: string;
  position: number;
  body: string;
  status: ModerationStatus;
  item_version: number;
  response_md: string;
  response_status: string | null;
  responded_at: Date | string | null;
  responded_by: string | null;
  version: number;
  theme_ids: string[];
}

/** The points of a written input in document order, with their responses and themes. */
export async function readPoints(tx: Tx, writtenInputId: string): Promise<WrittenPoint[]> {
  const rows = await tx.sql<PointRow>`
    select p.input_item_id as id, p.position, i.body, i.status, i.version as item_version,
           p.response_md, p.response_status, p.responded_at,
           coalesce(s.display_name, s.email) as responded_by, p.version,
           array(select t.theme_id::text from public.written_point_themes t
                 where t.input_item_id = p.input_item_id order by t.theme_id) as theme_ids
    from public.written_points p
    join public.input_items i on i.id = p.input_item_id
    left join public.staff_members s on s.user_id = p.responded_by
    where p.written_input_id = ${writtenInputId}
    order by p.position`;
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    text: r.body,
    status: r.status,
    textHash: textHash(r.body),
    responseMd: r.response_md,
    responseStatus: r.response_status,
    respondedAt: r.responded_at === null ? null : iso(r.responded_at),
    respondedBy: r.responded_by,
    version: r.version,
    themeIds: r.theme_ids ?? [],
  }));
}

/** One written input with its points (or, while a draft, the points being checked). */
export async function readWrittenInput(db: CallerDb, id: string): Promise<WrittenInputDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db.run(async (tx) => {
    const [row] = await tx.query<SummaryRow & { version: number; draft_points: DraftPoint[] | null }>(
      `select ${summaryColumns}, w.version, w.draft_points
       from public.written_inputs w join public.consultations c on c.id = w.consultation_id
       where w.id = $1`,
      [id],
    );
    if (!row) return null;
    return {
      ...toSummary(row),
      version: row.version,
      draftPoints: row.draft_points,
      pointList: row.saved ? await readPoints(tx, id) : [],
    };
  });
}

/** The original document, for admins (RLS returns nothing to anyone else). */
export async function readOriginal(
  db: CallerDb,
  id: string,
): Promise<{ fileName: string | null; mediaType: string; content: Uint8Array | null; body: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db.run(async (tx) => {
    const [row] = await tx.sql<{
      file_name: string | null;
      media_type: string;
      content: Uint8Array | null;
      body: string;
    }>`
      select w.file_name, o.media_type, o.content, o.body
      from public.written_input_originals o join public.written_inputs w on w.id = o.written_input_id
      where o.written_input_id = ${id}`;
    return row
      ? { fileName: row.file_name, mediaType: row.media_type, content: row.content, body: row.body }
      : null;
  });
}
