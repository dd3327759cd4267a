import type { Tx } from '../db/types';
import type { ModerationStatus, RejectReason } from './schema';

/** An item's moderation state as it is now, shown when someone else was first. */
export interface CurrentState {
  status: ModerationStatus;
  version: number;
  rejectReason: RejectReason | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
  piiOpen: boolean;
}

interface StateRow {
  id: string;
  status: ModerationStatus;
  version: number;
  reject_reason: RejectReason | null;
  moderated_by: string | null;
  moderated_at: Date | string | null;
  pii_open: boolean;
}

/** The current state of the items the caller can see (RLS applies); absent ids are not visible. */
export async function currentStates(tx: Tx, ids: readonly string[]): Promise<Map<string, CurrentState>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.sql<StateRow>`
    select i.id, i.status, i.version, i.reject_reason, i.moderated_by, i.moderated_at,
           i.pii_spans <> '[]'::jsonb as pii_open
    from public.input_items i
    where i.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        status: r.status,
        version: r.version,
        rejectReason: r.reject_reason,
        moderatedBy: r.moderated_by,
        moderatedAt:
          r.moderated_at === null
            ? null
            : r.moderated_at instanceof Date
              ? r.moderated_at.toISOString()
              : new Date(r.moderated_at).toISOString(),
        piiOpen: r.pii_open,
      },
    ]),
  );
}

/** Thrown inside a transaction to roll it back and hand a result out. */
export class RollbackWith<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back on purpose');
  }
}

export async function rollbackOnPurpose<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RollbackWith) return error.result as T;
    throw error;
  }
}
