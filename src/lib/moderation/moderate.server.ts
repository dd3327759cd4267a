import { isRefusal, sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import {
  type ModerateInput,
  ModerateManySchema,
  ModerateSchema,
  type ModerationAction,
  type ModerationStatus,
  type RejectReason,
  statusAfter,
} from './schema';
import { type CurrentState, currentStates, RollbackWith, rollbackOnPurpose } from './state.server';

export type ItemFailureCode =
  | 'moderation.notFound'
  | 'moderation.notAllowed'
  | 'moderation.conflict'
  | 'moderation.piiOpen';

export interface ItemFailure {
  id: string;
  code: ItemFailureCode;
  /** Present when the item is visible: its state now (for a conflict: what the other person did). */
  current?: CurrentState;
}

export interface ModeratedItem {
  id: string;
  status: ModerationStatus;
  version: number;
}

export type ModerateResult =
  | { ok: true; item: ModeratedItem }
  | { ok: false; code: 'moderation.invalid' | 'moderation.reasonRequired'; fields?: string[] }
  | ({ ok: false } & Omit<ItemFailure, 'id'>);

export type ModerateManyResult =
  | { ok: true; items: ModeratedItem[] }
  | {
      ok: false;
      code: 'moderation.invalid' | 'moderation.reasonRequired' | 'moderation.notAllowed';
      fields?: string[];
    }
  | { ok: false; code: 'moderation.bulkFailed'; failures: ItemFailure[] };

/** A bulk action done item by item: what changed, and for every other item why not. */
export type ModerateEachResult =
  | { ok: true; items: ModeratedItem[]; failures: ItemFailure[] }
  | {
      ok: false;
      code: 'moderation.invalid' | 'moderation.reasonRequired' | 'moderation.notAllowed';
      fields?: string[];
    };

interface Target {
  id: string;
  expectedVersion: number;
}

/**
 * Sets the status of the targets that still have their expected version, as the caller. Only
 * moderators and admins moderate (checked by the database, besides the update policy), and
 * approving needs the personal-data proposals resolved first. Returns the updated items and,
 * for every target not updated, why.
 */
async function apply(
  tx: Tx,
  targets: readonly Target[],
  action: ModerationAction,
  reason: RejectReason | undefined,
): Promise<{ updated: ModeratedItem[]; failures: ItemFailure[] }> {
  const status = statusAfter[action];
  const updated = await tx.sql<ModeratedItem>`
    update public.input_items i
    set status = ${status}::public.moderation_status,
        reject_reason = ${action === 'reject' ? (reason ?? null) : null}::public.reject_reason,
        moderated_by = private.uid(),
        moderated_at = now()
    from jsonb_to_recordset(${JSON.stringify(targets.map((t) => ({ id: t.id, version: t.expectedVersion })))}::jsonb)
      as v(id uuid, version integer)
    where i.id = v.id and i.version = v.version
      and (not ${action === 'approve'}::boolean or i.pii_spans = '[]'::jsonb)
      and (select private.has_role('moderator', 'admin'))
    returning i.id, i.status, i.version`;
  const done = new Set(updated.map((u) => u.id));
  const missing = targets.filter((t) => !done.has(t.id));
  const states = await currentStates(
    tx,
    missing.map((t) => t.id),
  );
  const failures = missing.map((t): ItemFailure => {
    const current = states.get(t.id);
    if (!current) return { id: t.id, code: 'moderation.notFound' };
    if (current.version !== t.expectedVersion) return { id: t.id, code: 'moderation.conflict', current };
    if (action === 'approve' && current.piiOpen) return { id: t.id, code: 'moderation.piiOpen', current };
    return { id: t.id, code: 'moderation.notAllowed', current };
  });
  const order = new Map(targets.map((t, i) => [t.id, i]));
  updated.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { updated, failures };
}

/**
 * Two bulk actions over overlapping items may lock rows in opposite orders; Postgres then aborts
 * one of them. Nothing was changed by it, so it is simply tried again (the version checks still hold).
 */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= attempts || (state !== '40P01' && state !== '40001')) throw error;
    }
  }
}

const fieldsOf = (issues: readonly { path: (string | number)[] }[]) => [
  ...new Set(issues.map((i) => i.path.join('.') || 'input')),
];

/**
 * Approves, rejects, hides or reopens one item, if nobody changed it since the caller saw
 * `expectedVersion`. A reject needs a reason.
 */
export async function moderate(db: CallerDb, input: ModerateInput): Promise<ModerateResult> {
  const parsed = ModerateSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, code: 'moderation.invalid', fields: fieldsOf(parsed.error.issues) };
  const { itemId, expectedVersion, action, reason } = parsed.data;
  if (action === 'reject' && !reason) return { ok: false, code: 'moderation.reasonRequired' };
  try {
    const { updated, failures } = await db.run((tx) =>
      apply(tx, [{ id: itemId, expectedVersion }], action, reason),
    );
    const item = updated[0];
    if (item) return { ok: true, item };
    const failure = failures[0] ?? { id: itemId, code: 'moderation.notFound' as const };
    const { id: _id, ...rest } = failure;
    return { ok: false, ...rest };
  } catch (error) {
    // A policy or grant refused the caller outright (an anonymous caller, say).
    if (sqlState(error) === '42501') return { ok: false, code: 'moderation.notAllowed' };
    if (isRefusal(error)) return { ok: false, code: 'moderation.invalid' };
    throw error;
  }
}

/**
 * The same action on many items in one transaction: all of them, or none. When any item fails
 * (changed by someone else, open personal data, not visible), nothing changes and every failing
 * item is reported with its reason.
 */
export async function moderateMany(
  db: CallerDb,
  items: readonly Target[],
  action: ModerationAction,
  reason?: RejectReason,
): Promise<ModerateManyResult> {
  const parsed = ModerateManySchema.safeParse({ items, action, ...(reason === undefined ? {} : { reason }) });
  if (!parsed.success)
    return { ok: false, code: 'moderation.invalid', fields: fieldsOf(parsed.error.issues) };
  if (parsed.data.action === 'reject' && !parsed.data.reason)
    return { ok: false, code: 'moderation.reasonRequired' };
  const { items: targets, action: act, reason: why } = parsed.data;
  const once = () =>
    rollbackOnPurpose(() =>
      db.run(async (tx): Promise<ModerateManyResult> => {
        const { updated, failures } = await apply(tx, targets, act, why);
        if (failures.length > 0)
          throw new RollbackWith<ModerateManyResult>({ ok: false, code: 'moderation.bulkFailed', failures });
        return { ok: true, items: updated };
      }),
    );
  try {
    return await retryOnDeadlock(once);
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'moderation.notAllowed' };
    if (isRefusal(error)) return { ok: false, code: 'moderation.invalid' };
    throw error;
  }
}

/**
 * The same action on many items, item by item (issue 20, item 12): every item that can be changed
 * is, in one transaction; every other one is reported with its reason (changed by someone else,
 * open personal data, not visible). A moderator then sees which succeeded and fixes the rest.
 */
export async function moderateEach(
  db: CallerDb,
  items: readonly Target[],
  action: ModerationAction,
  reason?: RejectReason,
): Promise<ModerateEachResult> {
  const parsed = ModerateManySchema.safeParse({ items, action, ...(reason === undefined ? {} : { reason }) });
  if (!parsed.success)
    return { ok: false, code: 'moderation.invalid', fields: fieldsOf(parsed.error.issues) };
  if (parsed.data.action === 'reject' && !parsed.data.reason)
    return { ok: false, code: 'moderation.reasonRequired' };
  const { items: targets, action: act, reason: why } = parsed.data;
  try {
    const { updated, failures } = await retryOnDeadlock(() => db.run((tx) => apply(tx, targets, act, why)));
    return { ok: true, items: updated, failures };
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'moderation.notAllowed' };
    if (isRefusal(error)) return { ok: false, code: 'moderation.invalid' };
    throw error;
  }
}
