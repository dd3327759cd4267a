import { sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import { Where } from '../db/where';
import type { PiiSpan } from '../privacy';
import { decodeCursor, encodeCursor } from './cursor';
import {
  type Channel,
  type ModerationStatus,
  moderationStatuses,
  type QueueFilter,
  QueueFilterSchema,
  type QueuePage,
  QueuePageSchema,
  type QueueScope,
  QueueScopeSchema,
  type RejectReason,
} from './schema';

/** One input item as the moderation queue shows it. */
export interface QueueItem {
  id: string;
  createdAt: string;
  channel: Channel;
  audience: string;
  kind: string;
  questionPrompt: string | null;
  topicLabel: string | null;
  stopName: string | null;
  /** Where an imported answer came from (its import source), for channel 'import'. */
  sourceName: string | null;
  /** For a point of a letter or advice (channel 'schriftelijk'): who sent it and its number. */
  writtenSource: { sender: string; kind: 'advies' | 'brief'; position: number } | null;
  body: string;
  piiSpans: PiiSpan[];
  status: ModerationStatus;
  rejectReason: RejectReason | null;
  version: number;
  redacted: boolean;
}

export type QueueResult =
  | { ok: true; items: QueueItem[]; nextCursor: string | null }
  | { ok: false; code: 'queue.invalidFilter' | 'queue.invalidCursor'; fields?: string[] }
  | { ok: false; code: 'queue.notAllowed' };

export type CountResult =
  | { ok: true; counts: Record<ModerationStatus, number> }
  | { ok: false; code: 'queue.invalidFilter'; fields?: string[] }
  | { ok: false; code: 'queue.notAllowed' };

type Scope = ReturnType<typeof QueueScopeSchema.parse>;

function scopeWhere(scope: Scope, status?: ModerationStatus): Where {
  const w = new Where();
  if (scope.consultationId) w.add(`i.consultation_id = ${w.bind(scope.consultationId)}::uuid`);
  if (status) w.add(`i.status = ${w.bind(status)}::public.moderation_status`);
  if (scope.questionId) w.add(`i.question_id = ${w.bind(scope.questionId)}::uuid`);
  // A question belongs to a topic: an online answer counts for the topic of its question.
  if (scope.topicId) {
    const topic = w.bind(scope.topicId);
    w.add(
      `(i.topic_id = ${topic}::uuid or exists (select 1 from public.questions qt where qt.id = i.question_id and qt.topic_id = ${topic}::uuid))`,
    );
  }
  if (scope.audience) w.add(`i.audience = ${w.bind(scope.audience)}::public.audience`);
  if (scope.channel) w.add(`i.channel = ${w.bind(scope.channel)}::public.channel`);
  if (scope.stopId) w.add(`i.stop_id = ${w.bind(scope.stopId)}::uuid`);
  if (scope.from) w.add(`i.created_at >= ${w.bind(scope.from.toISOString())}::timestamptz`);
  if (scope.to) w.add(`i.created_at < ${w.bind(scope.to.toISOString())}::timestamptz`);
  if (scope.hasPii === true) w.add(`i.pii_spans <> '[]'::jsonb`);
  if (scope.hasPii === false) w.add(`i.pii_spans = '[]'::jsonb`);
  if (scope.themeId)
    w.add(
      `exists (select 1 from public.theme_assignments a where a.input_item_id = i.id and a.theme_id = ${w.bind(scope.themeId)}::uuid)`,
    );
  if (scope.search) w.add(`i.search @@ websearch_to_tsquery('dutch', ${w.bind(scope.search)})`);
  return w;
}

/** The columns and joins of a queue item (a `where` follows). */
const selectItems = `select i.id, i.created_at,
              to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
              i.channel, i.audience, i.kind, q.prompt as question_prompt,
              coalesce(t.label, qt.label) as topic_label, s.name as stop_name, src.name as source_name,
              wi.sender as written_sender, wi.kind as written_kind, wp.position as written_position,
              i.body, i.pii_spans, i.status, i.reject_reason, i.version, i.redacted
       from public.input_items i
       left join public.questions q on q.id = i.question_id
       left join public.topics t on t.id = i.topic_id
       left join public.topics qt on qt.id = q.topic_id
       left join public.roadtour_stops s on s.id = i.stop_id
       left join public.import_rows ir on i.channel = 'import' and ir.submission_id = i.submission_id
       left join public.import_sources src on src.id = ir.source_id
       left join public.written_points wp on wp.input_item_id = i.id
       left join public.written_inputs wi on wi.id = wp.written_input_id`;

const refused = Symbol('refused');

/** Runs the query as the caller; a caller without the grants (anonymous visitors) is refused, not an error. */
async function asCaller<T>(db: CallerDb, fn: (tx: Tx) => Promise<T>): Promise<T | typeof refused> {
  try {
    return await db.run(fn);
  } catch (error) {
    if (sqlState(error) === '42501') return refused;
    throw error;
  }
}

const fieldsOf = (issues: readonly { path: (string | number)[] }[]) => [
  ...new Set(issues.map((i) => i.path.join('.') || 'filter')),
];

interface QueueRow {
  id: string;
  created_at: Date | string;
  cursor_at: string;
  channel: Channel;
  audience: string;
  kind: string;
  question_prompt: string | null;
  topic_label: string | null;
  stop_name: string | null;
  source_name: string | null;
  written_sender: string | null;
  written_kind: 'advies' | 'brief' | null;
  written_position: number | null;
  body: string;
  pii_spans: PiiSpan[];
  status: ModerationStatus;
  reject_reason: RejectReason | null;
  version: number;
  redacted: boolean;
}

/**
 * One page of the moderation queue, newest first, as the caller (RLS decides which items exist
 * for them). Keyset pagination on (created_at desc, id desc): every page costs the same, and
 * items added or moderated meanwhile never make a page repeat or skip an item.
 */
export async function listQueue(
  db: CallerDb,
  filter: QueueFilter,
  page: QueuePage = {},
): Promise<QueueResult> {
  const parsedFilter = QueueFilterSchema.safeParse(filter);
  if (!parsedFilter.success)
    return { ok: false, code: 'queue.invalidFilter', fields: fieldsOf(parsedFilter.error.issues) };
  const parsedPage = QueuePageSchema.safeParse(page);
  if (!parsedPage.success)
    return { ok: false, code: 'queue.invalidFilter', fields: fieldsOf(parsedPage.error.issues) };
  const { status, ...scope } = parsedFilter.data;
  const { size, cursor: rawCursor } = parsedPage.data;
  const cursor = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
  if (rawCursor !== undefined && !cursor) return { ok: false, code: 'queue.invalidCursor' };

  const w = scopeWhere(scope, status);
  // Bound as text: a driver may turn a timestamptz parameter into a JS Date and drop the microseconds.
  if (cursor)
    w.add(`(i.created_at, i.id) < (${w.bind(cursor.at)}::text::timestamptz, ${w.bind(cursor.id)}::uuid)`);
  const limit = w.bind(size + 1);
  const rows = await asCaller(db, (tx: Tx) =>
    tx.query<QueueRow>(
      `${selectItems}
       ${w.sql}
       order by i.created_at desc, i.id desc
       limit ${limit}`,
      w.params,
    ),
  );
  if (rows === refused) return { ok: false, code: 'queue.notAllowed' };
  const pageRows = rows.slice(0, size);
  const last = pageRows.at(-1);
  return {
    ok: true,
    items: pageRows.map(toItem),
    nextCursor: rows.length > size && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}

function toItem(row: QueueRow): QueueItem {
  return {
    id: row.id,
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : row.cursor_at,
    channel: row.channel,
    audience: row.audience,
    kind: row.kind,
    questionPrompt: row.question_prompt,
    topicLabel: row.topic_label,
    stopName: row.stop_name,
    sourceName: row.source_name,
    writtenSource:
      row.written_sender && row.written_kind && row.written_position !== null
        ? { sender: row.written_sender, kind: row.written_kind, position: row.written_position }
        : null,
    body: row.body,
    piiSpans: row.pii_spans,
    status: row.status,
    rejectReason: row.reject_reason,
    version: row.version,
    redacted: row.redacted,
  };
}

/** How many items each status tab holds under the same filters (without the status). */
export async function countByStatus(db: CallerDb, scope: QueueScope): Promise<CountResult> {
  const parsed = QueueScopeSchema.safeParse(scope);
  if (!parsed.success)
    return { ok: false, code: 'queue.invalidFilter', fields: fieldsOf(parsed.error.issues) };
  const w = scopeWhere(parsed.data);
  const rows = await asCaller(db, (tx) =>
    tx.query<{ status: ModerationStatus; n: number }>(
      `select i.status, count(*)::int as n from public.input_items i ${w.sql} group by i.status`,
      w.params,
    ),
  );
  if (rows === refused) return { ok: false, code: 'queue.notAllowed' };
  const counts = Object.fromEntries(moderationStatuses.map((s) => [s, 0])) as Record<
    ModerationStatus,
    number
  >;
  for (const row of rows) counts[row.status] = row.n;
  return { ok: true, counts };
}

/**
 * One item as the queue shows it, whatever the filters (RLS still decides): the item a moderator
 * just redacted from a search stays on screen, marked, until they move on (issue 20, item 13).
 */
export async function readQueueItem(db: CallerDb, id: string): Promise<QueueItem | null> {
  const rows = await asCaller(db, (tx) => tx.query<QueueRow>(`${selectItems} where i.id = $1::uuid`, [id]));
  if (rows === refused) return null;
  const row = rows[0];
  return row ? toItem(row) : null;
}

/** Puts an item into a page in the queue's order (created_at desc, id desc), unless it is there. */
export function withItem(items: readonly QueueItem[], item: QueueItem): QueueItem[] {
  if (items.some((i) => i.id === item.id)) return [...items];
  const after = (a: QueueItem, b: QueueItem) =>
    a.createdAt === b.createdAt ? a.id < b.id : a.createdAt < b.createdAt;
  const at = items.findIndex((i) => after(i, item));
  return at === -1 ? [...items, item] : [...items.slice(0, at), item, ...items.slice(at)];
}
