import type { CallerDb } from '../db/types';
import { type DuplicateGroup, groupDuplicates } from './duplicates';
import { ItemVersionSchema } from './schema';

/** At most this many new items are compared, the oldest first (the front of the queue). */
export const MAX_DUPLICATE_CANDIDATES = 2000;

export interface DuplicateGroupView extends DuplicateGroup {
  /** The first item's text, shortened, to recognise the group by. */
  preview: string;
  /** Each item's current version, so the group can be moderated at once (moderateMany). */
  versions: Record<string, number>;
}

export type DuplicatesResult =
  | { ok: true; groups: DuplicateGroupView[]; compared: number; truncated: boolean }
  | { ok: false; code: 'duplicates.invalid' };

const consultationId = ItemVersionSchema.shape.itemId;

/**
 * Groups of new (not yet moderated) items of one consultation that say the same thing: identical
 * after normalising, or nearly identical (see duplicates.ts). Runs as the caller: it only sees
 * what RLS lets it see.
 */
export async function findDuplicateGroups(db: CallerDb, id: string): Promise<DuplicatesResult> {
  if (!consultationId.safeParse(id).success) return { ok: false, code: 'duplicates.invalid' };
  const rows = await db.run(
    (tx) => tx.sql<{ id: string; body: string; version: number }>`
      select id, body, version from public.input_items
      where consultation_id = ${id} and status = 'new'
      order by created_at, id
      limit ${MAX_DUPLICATE_CANDIDATES + 1}`,
  );
  const truncated = rows.length > MAX_DUPLICATE_CANDIDATES;
  const candidates = rows.slice(0, MAX_DUPLICATE_CANDIDATES);
  const byId = new Map(candidates.map((r) => [r.id, r]));
  const groups = groupDuplicates(candidates).map((g) => {
    const first = byId.get(g.itemIds[0] ?? '');
    const text = first?.body ?? '';
    return {
      ...g,
      preview: text.length > 200 ? `${text.slice(0, 199)}…` : text,
      versions: Object.fromEntries(g.itemIds.map((itemId) => [itemId, byId.get(itemId)?.version ?? 0])),
    };
  });
  return { ok: true, groups, compared: candidates.length, truncated };
}
