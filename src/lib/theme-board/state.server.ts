import type { Tx } from '../db/types';
import type { BoardErrorCode } from './schema';

export type ThemeStatus = 'candidate' | 'active' | 'dismissed' | 'merged';

/** A theme's state as it is now, read with a row lock so checks and the update see the same row. */
export interface ThemeState {
  id: string;
  consultationId: string;
  status: ThemeStatus;
  locked: boolean;
  published: boolean;
  version: number;
}

interface Row {
  id: string;
  consultation_id: string;
  status: ThemeStatus;
  locked: boolean;
  published: boolean;
  version: number;
}

export async function lockThemes(tx: Tx, ids: readonly string[]): Promise<Map<string, ThemeState>> {
  // Sorted, so two merges of the same pair never wait for each other in opposite orders.
  const rows = await tx.sql<Row>`
    select id, consultation_id, status::text as status, locked, published_at is not null as published, version
    from public.themes
    where id in (select jsonb_array_elements_text(${JSON.stringify([...ids].sort())}::text::jsonb)::uuid)
    order by id
    for update`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        consultationId: r.consultation_id,
        status: r.status,
        locked: r.locked,
        published: r.published,
        version: r.version,
      },
    ]),
  );
}

/** Why a change to this theme cannot go ahead, or null when it can. */
export function refusal(
  state: ThemeState | undefined,
  expectedVersion: number | null,
  options: { allowLocked?: boolean } = {},
): BoardErrorCode | null {
  if (!state) return 'board.notFound';
  if (state.status === 'merged' || state.status === 'dismissed') return 'board.notActive';
  if (expectedVersion !== null && state.version !== expectedVersion) return 'board.conflict';
  if (state.locked && !options.allowLocked) return 'board.locked';
  return null;
}

/** Analysts and admins work on themes; RLS lets moderators read them, so check before writing. */
export async function mayEditThemes(tx: Tx): Promise<boolean> {
  const [row] = await tx.sql<{ ok: boolean }>`select private.has_role('analyst', 'admin') as ok`;
  return row?.ok === true;
}
