import { sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import { Where } from '../db/where';
import { lookUpNames } from './names.server';
import type { NameMap } from './readable';
import {
  type AuditCursor,
  type AuditFilter,
  AuditFilterSchema,
  decodeAuditCursor,
  encodeAuditCursor,
} from './schema';

/** One audit log entry as the screen shows it. */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Anything else the action recorded (exports: format, filters, counts). */
  extra: Record<string, unknown>;
}

export type AuditPage =
  | { ok: true; entries: AuditEntry[]; nextCursor: string | null; names: NameMap }
  | { ok: false; code: 'audit.invalidFilter' | 'audit.invalidCursor' | 'audit.notAllowed' };

export interface Actor {
  id: string;
  email: string;
}

const TIME_ZONE = 'Europe/Amsterdam';

/**
 * One page of the audit log, newest first, keyset-paginated on (at, id) like the moderation
 * queue. Only admins can read the log: RLS returns nothing to anyone else, so the page checks
 * the role first to tell "not allowed" from "empty".
 */
export async function listAuditLog(
  db: CallerDb,
  filter: AuditFilter,
  page: { cursor?: string; size?: number } = {},
): Promise<AuditPage> {
  const parsed = AuditFilterSchema.safeParse(filter);
  if (!parsed.success) return { ok: false, code: 'audit.invalidFilter' };
  const cursor = page.cursor === undefined ? undefined : decodeAuditCursor(page.cursor);
  if (page.cursor !== undefined && !cursor) return { ok: false, code: 'audit.invalidCursor' };
  const size = Math.min(Math.max(page.size ?? 50, 1), 200);

  try {
    return await db.run(async (tx) => {
      if (!(await isAdmin(tx))) return { ok: false, code: 'audit.notAllowed' } as const;
      return { ok: true, ...(await readPage(tx, parsed.data, cursor, size)) } as const;
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'audit.notAllowed' };
    throw error;
  }
}

/** RLS returns nothing to anyone but admins; this tells "not allowed" from "empty". */
export async function isAdmin(tx: Tx): Promise<boolean> {
  const [role] = await tx.sql<{ admin: boolean }>`select private.has_role('admin') as admin`;
  return role?.admin === true;
}

/** One keyset page and the names of every id on it (one query for the names, whatever the size). */
export async function readPage(
  tx: Tx,
  filter: AuditFilter,
  cursor: AuditCursor | undefined,
  size: number,
): Promise<{ entries: AuditEntry[]; nextCursor: string | null; names: NameMap }> {
  const w = whereOf(filter, cursor);
  const limit = w.bind(size + 1);
  const rows = await tx.query<AuditRow>(
    `select l.id, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
            l.actor_id, m.email as actor_email, l.actor_role, l.action, l.entity, l.entity_id, l.detail
     from public.audit_log l
     left join public.staff_members m on m.user_id = l.actor_id
     ${w.sql}
     order by l.at desc, l.id desc
     limit ${limit}`,
    w.params,
  );
  const entries = rows.slice(0, size).map(toEntry);
  const last = entries.at(-1);
  return {
    entries,
    nextCursor: rows.length > size && last ? encodeAuditCursor({ at: last.at, id: last.id }) : null,
    names: await lookUpNames(tx, entries),
  };
}

/** Staff who appear in the log, for the "who" filter. */
export async function listActors(db: CallerDb): Promise<Actor[]> {
  try {
    return await db.run(
      (tx) => tx.sql<Actor>`select user_id as id, email from public.staff_members order by email`,
    );
  } catch (error) {
    if (sqlState(error) === '42501') return [];
    throw error;
  }
}

interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: Record<string, unknown>;
}

function whereOf(filter: AuditFilter, cursor: AuditCursor | undefined): Where {
  const w = new Where();
  if (filter.entity) w.add(`l.entity = ${w.bind(filter.entity)}`);
  if (filter.entityId) w.add(`l.entity_id = ${w.bind(filter.entityId)}`);
  if (filter.actorId) w.add(`l.actor_id = ${w.bind(filter.actorId)}::uuid`);
  if (filter.from)
    w.add(`l.at >= (${w.bind(filter.from)}::date)::timestamp at time zone ${w.bind(TIME_ZONE)}`);
  if (filter.to)
    w.add(`l.at < (${w.bind(filter.to)}::date + 1)::timestamp at time zone ${w.bind(TIME_ZONE)}`);
  // Bound as text: a driver may turn a timestamptz parameter into a Date and drop microseconds.
  if (cursor) w.add(`(l.at, l.id) < (${w.bind(cursor.at)}::text::timestamptz, ${w.bind(cursor.id)}::bigint)`);
  return w;
}

function toEntry(row: AuditRow): AuditEntry {
  const { before, after, ...extra } = row.detail ?? {};
  return {
    id: Number(row.id),
    at: row.at,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    actorRole: row.actor_role,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: isObject(before) ? before : {},
    after: isObject(after) ? after : {},
    extra,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
