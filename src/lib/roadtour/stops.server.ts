import { isRefusal, sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import { audienceOfGroup, type StopGroup } from './audience';
import {
  AddFacilitatorSchema,
  CompleteStopSchema,
  ListStopsSchema,
  NewStopSchema,
  RemoveFacilitatorSchema,
  type StopChanges,
  StopChangesSchema,
  type StopError,
} from './schema';

export type StopStatus = 'planned' | 'completed' | 'cancelled';

/** A stop as the app sees it. */
export interface Stop {
  readonly id: string;
  readonly consultationId: string;
  readonly name: string;
  readonly location: string;
  readonly startsAt: Date;
  readonly endsAt: Date | null;
  readonly groupType: StopGroup;
  /** Whose voice the notes of this stop are; follows from groupType. */
  readonly audience: string;
  readonly expectedParticipants: number | null;
  readonly actualParticipants: number | null;
  readonly status: StopStatus;
  readonly summaryMd: string;
  readonly completedAt: Date | null;
  readonly createdBy: string | null;
  readonly facilitatorIds: readonly string[];
  /** Whether the caller may change this stop and add notes (a facilitator of it, or an admin). */
  readonly canWrite: boolean;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type FieldErrors = Record<string, string>;

export type StopFailure =
  | { ok: false; code: Exclude<StopError, 'stop.conflict'>; errors?: FieldErrors }
  | { ok: false; code: 'stop.conflict'; current: Stop };
export type StopResult = { ok: true; stop: Stop } | StopFailure;

interface StopRow {
  id: string;
  consultation_id: string;
  name: string;
  location: string;
  starts_at: Date;
  ends_at: Date | null;
  group_type: StopGroup;
  expected_participants: number | null;
  actual_participants: number | null;
  status: StopStatus;
  summary_md: string;
  completed_at: Date | null;
  created_by: string | null;
  facilitator_ids: string[] | null;
  can_write: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const stopColumns = `
  s.id, s.consultation_id, s.name, s.location, s.starts_at, s.ends_at, s.group_type,
  s.expected_participants, s.actual_participants, s.status, s.summary_md, s.completed_at, s.created_by,
  (select coalesce(json_agg(f.user_id order by f.user_id), '[]'::json) from public.stop_facilitators f where f.stop_id = s.id)
    as facilitator_ids,
  private.facilitates(s.id) as can_write,
  s.version, s.created_at, s.updated_at`;

const toDate = (v: Date | string | null): Date | null =>
  v === null ? null : v instanceof Date ? v : new Date(v);

function toStop(row: StopRow): Stop {
  return {
    id: row.id,
    consultationId: row.consultation_id,
    name: row.name,
    location: row.location,
    startsAt: toDate(row.starts_at) as Date,
    endsAt: toDate(row.ends_at),
    groupType: row.group_type,
    audience: audienceOfGroup[row.group_type],
    expectedParticipants: row.expected_participants,
    actualParticipants: row.actual_participants,
    status: row.status,
    summaryMd: row.summary_md,
    completedAt: toDate(row.completed_at),
    createdBy: row.created_by,
    facilitatorIds: row.facilitator_ids ?? [],
    canWrite: row.can_write,
    version: row.version,
    createdAt: toDate(row.created_at) as Date,
    updatedAt: toDate(row.updated_at) as Date,
  };
}

/** Reads one stop inside a transaction (every staff member can read the schedule). */
export async function readStop(tx: Tx, stopId: string): Promise<Stop | null> {
  const [row] = await tx.query<StopRow>(
    `select ${stopColumns} from public.roadtour_stops s where s.id = $1`,
    [stopId],
  );
  return row ? toStop(row) : null;
}

function fieldErrors(issues: readonly { path: (string | number)[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.join('.') || 'form';
    if (!errors[field])
      errors[field] = issue.message === 'stop.endsBeforeStart' ? issue.message : 'stop.invalid';
  }
  return errors;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One stop, or null when it does not exist (or the caller is not staff). */
export async function getStop(db: CallerDb, stopId: string): Promise<Stop | null> {
  if (!uuidPattern.test(stopId) || db.caller.kind !== 'staff') return null;
  return db.run((tx) => readStop(tx, stopId));
}

/** The schedule: upcoming stops soonest first, past stops latest first, or all by start. */
export async function listStops(
  db: CallerDb,
  input: { consultationId: string; when?: 'upcoming' | 'past' | 'all' },
): Promise<Stop[]> {
  const { consultationId, when } = ListStopsSchema.parse(input);
  // Only signed-in staff have the schedule (anonymous callers have no grant on it at all).
  if (db.caller.kind !== 'staff') return [];
  const filter = {
    upcoming: 'and coalesce(s.ends_at, s.starts_at) >= now() order by s.starts_at, s.id',
    past: 'and coalesce(s.ends_at, s.starts_at) < now() order by s.starts_at desc, s.id',
    all: 'order by s.starts_at, s.id',
  }[when];
  const rows = await db.run((tx) =>
    tx.query<StopRow>(
      `select ${stopColumns} from public.roadtour_stops s where s.consultation_id = $1 ${filter}`,
      [consultationId],
    ),
  );
  return rows.map(toStop);
}

/** Runs a change to a stop as the caller; what the database refuses becomes a code, not an error. */
async function changeStop(db: CallerDb, change: (tx: Tx) => Promise<StopResult>): Promise<StopResult> {
  try {
    return await db.run(change);
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'stop.forbidden' };
    if (isRefusal(error)) return { ok: false, code: 'stop.invalid' };
    throw error;
  }
}

/**
 * The outcome of an update guarded by the stop's version: the new stop, or, when someone else's
 * change landed between our read and our write, a conflict carrying the server's stop.
 */
async function afterVersionedUpdate(tx: Tx, stopId: string, updatedRows: number): Promise<StopResult> {
  const current = await readStop(tx, stopId);
  if (!current) return { ok: false, code: 'stop.notFound' };
  if (updatedRows === 0) return { ok: false, code: 'stop.conflict', current };
  return { ok: true, stop: current };
}

/** Plans a stop; the creator becomes its facilitator (a database trigger sees to that). */
export async function createStop(db: CallerDb, input: unknown): Promise<StopResult> {
  const parsed = NewStopSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'stop.invalid', errors: fieldErrors(parsed.error.issues) };
  const s = parsed.data;
  return changeStop(db, async (tx): Promise<StopResult> => {
    const [consultation] = await tx.sql`select id from public.consultations where id = ${s.consultationId}`;
    if (!consultation) return { ok: false, code: 'consultation.notFound' };
    const [row] = await tx.sql<{ id: string }>`
      insert into public.roadtour_stops
        (consultation_id, name, location, starts_at, ends_at, group_type, expected_participants)
      values (${s.consultationId}, ${s.name}, ${s.location}, ${s.startsAt.toISOString()}, ${s.endsAt?.toISOString() ?? null},
              ${s.groupType}, ${s.expectedParticipants ?? null})
      returning id`;
    const stop = row && (await readStop(tx, row.id));
    if (!stop) throw new Error('the new stop cannot be read back');
    return { ok: true, stop };
  });
}

/** Why a write to a stop the caller can see may not go ahead, or null when it may. */
export function refusal(stop: Stop | null): 'stop.notFound' | 'stop.forbidden' | null {
  if (!stop) return 'stop.notFound';
  if (!stop.canWrite) return 'stop.forbidden';
  return null;
}

function merge(stop: Stop, changes: StopChanges) {
  return {
    name: changes.name ?? stop.name,
    location: changes.location ?? stop.location,
    startsAt: changes.startsAt ?? stop.startsAt,
    endsAt: changes.endsAt === undefined ? stop.endsAt : changes.endsAt,
    groupType: changes.groupType ?? stop.groupType,
    expectedParticipants:
      changes.expectedParticipants === undefined ? stop.expectedParticipants : changes.expectedParticipants,
  };
}

/**
 * Changes a stop's details, optimistically: when someone else changed it since `expectedVersion`,
 * nothing is written and the server's stop comes back, so the app can show both and let the
 * facilitator choose. Never a silent overwrite.
 */
export async function updateStop(db: CallerDb, input: unknown): Promise<StopResult> {
  const parsed = StopChangesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'stop.invalid', errors: fieldErrors(parsed.error.issues) };
  const changes = parsed.data;
  return changeStop(db, async (tx): Promise<StopResult> => {
    const stop = await readStop(tx, changes.stopId);
    const refused = refusal(stop);
    if (refused || !stop) return { ok: false, code: refused ?? 'stop.notFound' };
    if (stop.version !== changes.expectedVersion) return { ok: false, code: 'stop.conflict', current: stop };
    const next = merge(stop, changes);
    if (next.endsAt && next.endsAt <= next.startsAt)
      return { ok: false, code: 'stop.invalid', errors: { endsAt: 'stop.endsBeforeStart' } };
    if (next.groupType !== stop.groupType) {
      // The notes already stored carry the old group's audience.
      const [notes] = await tx.sql<{ n: number }>`
        select count(*)::int as n from public.input_items where stop_id = ${stop.id}`;
      if ((notes?.n ?? 0) > 0) return { ok: false, code: 'stop.groupLocked' };
    }
    const updated = await tx.sql<{ id: string }>`
      update public.roadtour_stops
      set name = ${next.name}, location = ${next.location}, starts_at = ${next.startsAt.toISOString()},
          ends_at = ${next.endsAt?.toISOString() ?? null},
          group_type = ${next.groupType}, expected_participants = ${next.expectedParticipants}
      where id = ${stop.id} and version = ${changes.expectedVersion}
      returning id`;
    return afterVersionedUpdate(tx, stop.id, updated.length);
  });
}

/** Closes a stop after the session: how many people came and a short summary. */
export async function completeStop(db: CallerDb, input: unknown): Promise<StopResult> {
  const parsed = CompleteStopSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'stop.invalid', errors: fieldErrors(parsed.error.issues) };
  const c = parsed.data;
  return changeStop(db, async (tx): Promise<StopResult> => {
    const stop = await readStop(tx, c.stopId);
    const refused = refusal(stop);
    if (refused || !stop) return { ok: false, code: refused ?? 'stop.notFound' };
    if (stop.status === 'cancelled') return { ok: false, code: 'stop.cancelled' };
    if (stop.version !== c.expectedVersion) return { ok: false, code: 'stop.conflict', current: stop };
    const updated = await tx.sql`
      update public.roadtour_stops
      set status = 'completed', completed_at = coalesce(completed_at, now()),
          actual_participants = ${c.actualParticipants}, summary_md = ${c.summaryMd}
      where id = ${stop.id} and version = ${c.expectedVersion}
      returning id`;
    return afterVersionedUpdate(tx, stop.id, updated.length);
  });
}

/** Adds a co-facilitator to a stop the caller leads (or any stop, for an admin). */
export async function addFacilitator(db: CallerDb, input: unknown): Promise<StopResult> {
  const parsed = AddFacilitatorSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'stop.invalid', errors: fieldErrors(parsed.error.issues) };
  const { stopId, userId } = parsed.data;
  try {
    return await db.run(async (tx): Promise<StopResult> => {
      const refused = refusal(await readStop(tx, stopId));
      if (refused) return { ok: false, code: refused };
      await tx.sql`
        insert into public.stop_facilitators (stop_id, user_id) values (${stopId}, ${userId})
        on conflict do nothing`;
      const stop = await readStop(tx, stopId);
      if (!stop) return { ok: false, code: 'stop.notFound' };
      return { ok: true, stop };
    });
  } catch (error) {
    const state = sqlState(error);
    if (state === '23503') return { ok: false, code: 'facilitator.unknown' };
    if (state === '42501') return { ok: false, code: 'stop.forbidden' };
    throw error;
  }
}

/**
 * Takes a facilitator off a stop the caller leads (or any stop, for an admin). The one who planned
 * the stop stays (a policy enforces that too), and a stop without an owner keeps at least one
 * facilitator, so someone can always take notes. Facilitators may take themselves off: they then
 * lose write access to the stop, which the app tells them before they confirm. Removing someone
 * who is not (or no longer) on the stop is not an error: two devices may do it at once.
 */
export async function removeFacilitator(db: CallerDb, input: unknown): Promise<StopResult> {
  const parsed = RemoveFacilitatorSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'stop.invalid', errors: fieldErrors(parsed.error.issues) };
  const { stopId, userId } = parsed.data;
  return changeStop(db, async (tx): Promise<StopResult> => {
    // Serialises removals from one stop, so two at once cannot both leave it without anyone.
    // Only a caller who may change the stop gets the row (RLS); the others are refused below.
    await tx.sql`select id from public.roadtour_stops where id = ${stopId} for no key update`;
    const stop = await readStop(tx, stopId);
    const refused = refusal(stop);
    if (refused || !stop) return { ok: false, code: refused ?? 'stop.notFound' };
    if (!stop.facilitatorIds.includes(userId)) return { ok: true, stop };
    if (stop.createdBy === userId) return { ok: false, code: 'facilitator.owner' };
    if (stop.facilitatorIds.length === 1) return { ok: false, code: 'facilitator.last' };
    const removed = await tx.sql`
      delete from public.stop_facilitators where stop_id = ${stopId} and user_id = ${userId}
      returning user_id`;
    if (removed.length === 0) return { ok: false, code: 'stop.forbidden' };
    const after = await readStop(tx, stopId);
    if (!after) return { ok: false, code: 'stop.notFound' };
    return { ok: true, stop: after };
  });
}
