import type { CallerDb, Tx } from '../db/types';
import { type Board, readBoard } from './board.server';
import {
  type AssignmentRow,
  assignmentRows,
  change,
  mergeWithin,
  placeItems,
  Refused,
  type SeenItem,
} from './edit.server';
import { estimateCoherence, scoringState } from './scoring.server';
import { lockThemes, refusal } from './state.server';

/** "Accepteren": a candidate becomes an accepted theme (status active); re-runs then only suggest. */
export function acceptTheme(db: CallerDb, input: { themeId: string; expectedVersion: number }) {
  return change(db, async (tx) => {
    const state = (await lockThemes(tx, [input.themeId])).get(input.themeId);
    const code = refusal(state, input.expectedVersion, { allowLocked: true });
    if (code) throw new Refused(code);
    const [row] = await tx.sql<{ version: number }>`
      update public.themes set status = 'active' where id = ${input.themeId} returning version`;
    return { version: row?.version ?? 0 };
  });
}

/**
 * "Bevestigen": the item stays in the theme the analyst saw it in, now as the analyst's own
 * placement (manual), so no run moves it again. Refused when it is no longer there.
 */
export function confirmItem(db: CallerDb, input: { itemId: string; themeId: string }) {
  return change(db, async (tx) => {
    const [row] = await tx.sql<{ theme_id: string; source: string }>`
      select a.theme_id, a.source::text as source
      from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
      where a.input_item_id = ${input.itemId} and a.is_primary and i.status = 'approved'
      for update of a`;
    if (!row || row.theme_id !== input.themeId) throw new Refused('board.conflict');
    const state = (await lockThemes(tx, [input.themeId])).get(input.themeId);
    const code = refusal(state, null, { allowLocked: true });
    if (code) throw new Refused(code);
    if (row.source !== 'manual')
      await tx.sql`
        update public.theme_assignments set source = 'manual', score = 1, assigned_by = private.uid()
        where input_item_id = ${input.itemId} and theme_id = ${input.themeId}`;
    return {};
  });
}

/** "Verplaats geselecteerde naar …" / "Voeg toe aan thema …": all items or none. */
export function moveItems(db: CallerDb, input: { items: SeenItem[]; toThemeId: string }) {
  return change(db, async (tx) => {
    await placeItems(tx, input.items, input.toThemeId);
    return { moved: input.items.length };
  });
}

/**
 * "Maak een thema van deze berichten": a new accepted theme made by the analyst, holding the
 * items as the analyst's placements. Refused as a whole like a move.
 */
export function createThemeFromItems(
  db: CallerDb,
  consultationId: string,
  input: { label: string; items: SeenItem[] },
) {
  return change(db, async (tx) => {
    const [theme] = await tx.sql<{ id: string }>`
      insert into public.themes (consultation_id, label, origin, status, position)
      select id, ${input.label}, 'manual', 'active',
             (select coalesce(max(position) + 1, 0) from public.themes where consultation_id = ${consultationId})
      from public.consultations where id = ${consultationId}
      returning id`;
    if (!theme) throw new Refused('board.notFound');
    await placeItems(tx, input.items, theme.id);
    return { themeId: theme.id };
  });
}

export { mergeWithin };

export interface MergeRecord {
  id: string;
  sourceId: string;
  sourceLabel: string;
  targetId: string;
  targetLabel: string;
  mergedAt: string;
}

/** Merges of this consultation that can still be undone (newest first, at most 5). */
export async function undoableMerges(db: CallerDb, consultationId: string): Promise<MergeRecord[]> {
  return db.run(async (tx) => {
    const rows = await tx.sql<{
      id: string;
      source_id: string;
      source_label: string;
      target_id: string;
      target_label: string;
      merged_at: Date | string;
    }>`
      select m.id, m.source_id, s.label as source_label, m.target_id, t.label as target_label, m.merged_at
      from public.theme_merges m
      join public.themes s on s.id = m.source_id
      join public.themes t on t.id = m.target_id
      where m.consultation_id = ${consultationId} and m.undone_at is null
        and s.status = 'merged' and s.merged_into = m.target_id and t.status in ('candidate', 'active')
      order by m.merged_at desc, m.id desc
      limit 5`;
    return rows.map((r) => ({
      id: r.id,
      sourceId: r.source_id,
      sourceLabel: r.source_label,
      targetId: r.target_id,
      targetLabel: r.target_label,
      mergedAt: new Date(r.merged_at).toISOString(),
    }));
  });
}

const fingerprint = (rows: readonly Pick<AssignmentRow, 'input_item_id' | 'is_primary' | 'source'>[]) =>
  rows
    .map((r) => `${r.input_item_id}:${r.is_primary ? 1 : 0}:${r.source}`)
    .sort()
    .join(',');

/**
 * "Ongedaan maken" of a merge: both themes and all their items back exactly as they were before
 * it. Refused (nothing changes) when the merged theme changed since (items moved in or out,
 * merged again, locked).
 */
export function undoMerge(db: CallerDb, input: { mergeId: string }) {
  return change(db, async (tx) => {
    const [merge] = await tx.sql<{
      source_id: string;
      target_id: string;
      source_before: { status: string; published_at: string | null };
      assignments_before: AssignmentRow[];
      assignments_after: AssignmentRow[];
      undone: boolean;
    }>`
      select source_id, target_id, source_before, assignments_before, assignments_after, undone_at is not null as undone
      from public.theme_merges where id = ${input.mergeId}
      for update`;
    if (!merge) throw new Refused('board.notFound');
    if (merge.undone) throw new Refused('board.undone');
    const states = await lockThemes(tx, [merge.source_id, merge.target_id]);
    const source = states.get(merge.source_id);
    const target = states.get(merge.target_id);
    if (!source || !target) throw new Refused('board.notFound');
    if (source.status !== 'merged' || target.status === 'merged' || target.status === 'dismissed')
      throw new Refused('board.undoStale');
    if (target.locked) throw new Refused('board.locked');
    const [pointer] = await tx.sql<{ merged_into: string | null }>`
      select merged_into from public.themes where id = ${merge.source_id}`;
    if (pointer?.merged_into !== merge.target_id) throw new Refused('board.undoStale');
    const now = await assignmentRows(tx, [merge.source_id, merge.target_id]);
    if (fingerprint(now) !== fingerprint(merge.assignments_after)) throw new Refused('board.undoStale');

    await tx.sql`delete from public.theme_assignments where theme_id = ${merge.target_id}`;
    await tx.sql`
      insert into public.theme_assignments
        (theme_id, input_item_id, consultation_id, source, is_primary, score, assigned_by, created_at)
      select r.theme_id, r.input_item_id, ${source.consultationId}::uuid, r.source::public.assignment_source,
             r.is_primary, r.score, r.assigned_by, r.created_at
      from jsonb_to_recordset(${JSON.stringify(merge.assignments_before)}::text::jsonb)
        as r(theme_id uuid, input_item_id uuid, source text, is_primary boolean, score real, assigned_by uuid,
             created_at timestamptz)`;
    await tx.sql`
      update public.themes
      set status = ${merge.source_before.status}::public.theme_status, merged_into = null,
          published_at = ${merge.source_before.published_at}::timestamptz
      where id = ${merge.source_id}`;
    await tx.sql`update public.themes set updated_at = now() where id = ${merge.target_id}`;
    await tx.sql`
      update public.theme_merges set undone_at = now(), undone_by = private.uid() where id = ${input.mergeId}`;
    return { sourceId: merge.source_id, targetId: merge.target_id };
  });
}

/** Whether this transaction's caller can see the consultation (used by routes before acting). */
export async function consultationIdOf(tx: Tx, slug: string): Promise<string | null> {
  const [row] = await tx.sql<{ id: string }>`select id from public.consultations where slug = ${slug}`;
  return row?.id ?? null;
}

export interface Workspace extends Board {
  /** Merges that "Ongedaan maken" can still restore. */
  merges: MergeRecord[];
  /** Open suggestions of re-runs. */
  suggestionCount: number;
  /** "312 van 540 bevestigd". */
  progress: { confirmed: number; total: number };
}

/**
 * The board as the workspace shows it: themes with their counts and coherence (the engine's, or
 * the board's estimate while none is stored), merges that can be undone, open suggestions and
 * how much the analyst has confirmed.
 */
export async function readWorkspace(db: CallerDb, slug: string): Promise<Workspace | null> {
  const board = await readBoard(db, slug);
  if (!board) return null;
  const id = board.consultation.id;
  const merges = await undoableMerges(db, id);
  const [open] = await db.run(
    (tx) => tx.sql<{ n: number }>`
      select count(*)::int as n from public.theme_suggestions where consultation_id = ${id} and status = 'open'`,
  );
  const state = await scoringState(db, id);
  const estimated = estimateCoherence(state);
  return {
    ...board,
    themes: board.themes.map((t) =>
      t.coherence !== null
        ? t
        : { ...t, coherence: estimated.get(t.id) ?? null, coherenceEstimated: estimated.has(t.id) },
    ),
    merges,
    suggestionCount: open?.n ?? 0,
    progress: { confirmed: state.confirmed.size, total: state.approved.length },
  };
}
