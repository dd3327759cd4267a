import { isRefusal } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import type { BoardAction, BoardErrorCode, BoardResult } from './schema';
import { lockThemes, mayEditThemes, refusal } from './state.server';

type Action<K extends BoardAction['action']> = Extract<BoardAction, { action: K }>;

export class Refused extends Error {
  constructor(readonly code: BoardErrorCode) {
    super(code);
  }
}

/**
 * Runs one board change in one transaction as the caller. A refusal rolls everything back and
 * comes out as `{ ok: false, code }`; so does a database refusal (constraint or policy).
 */
export async function change<T extends object>(
  db: CallerDb,
  work: (tx: Tx) => Promise<T>,
): Promise<BoardResult<T>> {
  try {
    return await db.run(async (tx) => {
      if (!(await mayEditThemes(tx))) throw new Refused('board.notAllowed');
      return { ok: true as const, ...(await work(tx)) };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, code: error.code };
    if (isRefusal(error)) return { ok: false, code: 'board.notFound' };
    throw error;
  }
}

async function one(tx: Tx, id: string, expectedVersion: number, options: { allowLocked?: boolean } = {}) {
  const state = (await lockThemes(tx, [id])).get(id);
  const code = refusal(state, expectedVersion, options);
  if (code || !state) throw new Refused(code ?? 'board.notFound');
  return state;
}

async function newVersion(tx: Tx, id: string): Promise<number> {
  const [row] = await tx.sql<{
    version: number;
  }>`select version from public.themes where id = ${id}`;
  return row?.version ?? 0;
}

/** Rename, describe (Markdown) and write the municipality's reaction. Allowed on locked themes. */
export function editTheme(db: CallerDb, input: Action<'edit'>) {
  return change(db, async (tx) => {
    await one(tx, input.themeId, input.expectedVersion, { allowLocked: true });
    const [row] = await tx.sql<{ version: number }>`
      update public.themes
      set label = ${input.label}, description_md = ${input.descriptionMd}, reaction_md = ${input.reactionMd}
      where id = ${input.themeId}
      returning version`;
    return { version: row?.version ?? 0 };
  });
}

/**
 * Locks or unlocks a theme. Locking freezes its membership: its automatic primary items become
 * the analyst's (manual), so the engine keeps exactly them and adds nothing.
 */
export function setLocked(db: CallerDb, input: Action<'lock'>) {
  return change(db, async (tx) => {
    await one(tx, input.themeId, input.expectedVersion, { allowLocked: true });
    if (input.locked)
      await tx.sql`
        update public.theme_assignments set source = 'manual', assigned_by = private.uid()
        where theme_id = ${input.themeId} and source = 'auto' and is_primary`;
    const [row] = await tx.sql<{ version: number }>`
      update public.themes set locked = ${input.locked} where id = ${input.themeId} returning version`;
    return { version: row?.version ?? 0 };
  });
}

/** Puts aside a candidate theme the analyst does not want; its items fit no theme until placed. */
export function dismissTheme(db: CallerDb, input: Action<'dismiss'>) {
  return change(db, async (tx) => {
    const state = await one(tx, input.themeId, input.expectedVersion);
    if (state.status !== 'candidate' || state.published) throw new Refused('board.notCandidate');
    await tx.sql`delete from public.theme_assignments where theme_id = ${input.themeId}`;
    await tx.sql`update public.themes set status = 'dismissed' where id = ${input.themeId}`;
    return {};
  });
}

/**
 * Marks a theme for the public page (it becomes accepted, "active") or takes the mark off. Nothing
 * reaches residents until an analyst publishes a version (src/lib/publishing).
 */
export function setPublished(db: CallerDb, input: Action<'publish'>) {
  return change(db, async (tx) => {
    await one(tx, input.themeId, input.expectedVersion, { allowLocked: true });
    const [row] = input.published
      ? await tx.sql<{ version: number }>`
          update public.themes set status = 'active', published_at = coalesce(published_at, now())
          where id = ${input.themeId} returning version`
      : await tx.sql<{ version: number }>`
          update public.themes set published_at = null where id = ${input.themeId} returning version`;
    return { version: row?.version ?? 0 };
  });
}

/**
 * Merges source into target: the source's items join the target (an item in both keeps one row:
 * primary if either was, the analyst's if either was), the source is marked merged. Locked themes
 * are never merged.
 */
export function mergeThemes(db: CallerDb, input: Action<'merge'>) {
  return change(db, (tx) => mergeWithin(tx, input));
}

/** The merge itself, in the caller's transaction; a null version is not checked. */
export async function mergeWithin(
  tx: Tx,
  input: {
    sourceId: string;
    sourceVersion: number | null;
    targetId: string;
    targetVersion: number | null;
  },
): Promise<{ version: number; mergeId: string }> {
  {
    if (input.sourceId === input.targetId) throw new Refused('board.sameTheme');
    const states = await lockThemes(tx, [input.sourceId, input.targetId]);
    const source = states.get(input.sourceId);
    const target = states.get(input.targetId);
    const code = refusal(source, input.sourceVersion) ?? refusal(target, input.targetVersion);
    if (code) throw new Refused(code);
    if (!source || !target || source.consultationId !== target.consultationId)
      throw new Refused('board.notFound');
    const before = await assignmentRows(tx, [input.sourceId, input.targetId]);
    const [sourceBefore] = await tx.sql<{ state: unknown }>`
      select jsonb_build_object('status', status, 'published_at', published_at) as state
      from public.themes where id = ${input.sourceId}`;

    // Items in both: drop the source's row first (one primary per item), then carry its weight over.
    const overlap = await tx.sql<{
      input_item_id: string;
      is_primary: boolean;
      source: string;
      score: number;
    }>`
      delete from public.theme_assignments s
      where s.theme_id = ${input.sourceId}
        and exists (
          select 1 from public.theme_assignments t
          where t.theme_id = ${input.targetId} and t.input_item_id = s.input_item_id
        )
      returning s.input_item_id, s.is_primary, s.source::text as source, s.score`;
    if (overlap.length > 0)
      await tx.sql`
        update public.theme_assignments t
        set is_primary = t.is_primary or o.is_primary,
            source = case when o.source = 'manual' then 'manual'::public.assignment_source else t.source end,
            score = greatest(t.score, o.score)
        from jsonb_to_recordset(${JSON.stringify(overlap)}::text::jsonb)
          as o(input_item_id uuid, is_primary boolean, source text, score real)
        where t.theme_id = ${input.targetId} and t.input_item_id = o.input_item_id`;
    await tx.sql`
      update public.theme_assignments set theme_id = ${input.targetId} where theme_id = ${input.sourceId}`;
    await tx.sql`
      update public.themes set status = 'merged', merged_into = ${input.targetId}, published_at = null
      where id = ${input.sourceId}`;
    // The target changed (it holds more): its version moves on, so a stale edit is noticed.
    await tx.sql`update public.themes set updated_at = now() where id = ${input.targetId}`;
    const after = await assignmentRows(tx, [input.targetId]);
    const [merge] = await tx.sql<{ id: string }>`
      insert into public.theme_merges
        (consultation_id, source_id, target_id, source_before, assignments_before, assignments_after)
      values (${source.consultationId}, ${input.sourceId}, ${input.targetId},
              ${JSON.stringify(sourceBefore?.state ?? {})}::text::jsonb,
              ${JSON.stringify(before)}::text::jsonb, ${JSON.stringify(after)}::text::jsonb)
      returning id`;
    return {
      version: await newVersion(tx, input.targetId),
      mergeId: merge?.id ?? '',
    };
  }
}

/** Every assignment of these themes, as a merge records it (for "Ongedaan maken"). */
export interface AssignmentRow {
  theme_id: string;
  input_item_id: string;
  source: 'auto' | 'manual';
  is_primary: boolean;
  score: number;
  assigned_by: string | null;
  created_at: string;
}

export async function assignmentRows(tx: Tx, themeIds: readonly string[]): Promise<AssignmentRow[]> {
  const rows = await tx.sql<AssignmentRow>`
    select theme_id, input_item_id, source::text as source, is_primary, score::float8 as score, assigned_by,
           created_at::text as created_at
    from public.theme_assignments
    where theme_id in (select jsonb_array_elements_text(${JSON.stringify(themeIds)}::text::jsonb)::uuid)
    order by theme_id, input_item_id`;
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

/** An item as the analyst saw it: in this theme (null: in no theme). */
export interface SeenItem {
  itemId: string;
  fromThemeId: string | null;
}

/**
 * Places items in a theme as the analyst's placements (manual, primary), in the caller's
 * transaction. Refused as a whole when any item is no longer where the analyst saw it (someone
 * else moved it), is not approved input of the theme's consultation, or sits in a locked theme,
 * or when the target is locked, merged or dismissed.
 */
export async function placeItems(tx: Tx, items: readonly SeenItem[], toThemeId: string): Promise<void> {
  if (items.length === 0) return;
  const ids = [...new Set(items.map((i) => i.itemId))].sort();
  const list = JSON.stringify(ids);
  const found = await tx.sql<{ id: string; consultation_id: string }>`
    select id, consultation_id from public.input_items
    where id in (select jsonb_array_elements_text(${list}::text::jsonb)::uuid) and status = 'approved'`;
  if (found.length !== ids.length) throw new Refused('board.notFound');
  // Lock the items' assignments so two moves of one item run one after the other.
  const current = await tx.sql<{ input_item_id: string; theme_id: string }>`
    select input_item_id, theme_id from public.theme_assignments
    where input_item_id in (select jsonb_array_elements_text(${list}::text::jsonb)::uuid) and is_primary
    order by input_item_id
    for update`;
  const where = new Map(current.map((r) => [r.input_item_id, r.theme_id]));
  for (const seen of items) {
    const fromId = where.get(seen.itemId) ?? null;
    if (fromId !== seen.fromThemeId) throw new Refused('board.conflict');
    if (fromId === toThemeId && items.length === 1) throw new Refused('board.sameTheme');
  }
  const fromIds = [...new Set(current.map((r) => r.theme_id))];
  const states = await lockThemes(tx, [...new Set([...fromIds, toThemeId])]);
  const target = states.get(toThemeId);
  const code =
    refusal(target, null) ?? (fromIds.some((id) => states.get(id)?.locked) ? 'board.locked' : null);
  if (code) throw new Refused(code);
  if (found.some((i) => i.consultation_id !== target?.consultationId)) throw new Refused('board.notFound');
  await tx.sql`
    delete from public.theme_assignments
    where input_item_id in (select jsonb_array_elements_text(${list}::text::jsonb)::uuid)
      and (is_primary or theme_id = ${toThemeId})`;
  await tx.sql`
    insert into public.theme_assignments
      (theme_id, input_item_id, consultation_id, source, is_primary, score, assigned_by)
    select ${toThemeId}::uuid, i::uuid, ${target?.consultationId ?? ''}::uuid, 'manual', true, 1, private.uid()
    from jsonb_array_elements_text(${list}::text::jsonb) as i`;
}

/**
 * Moves an item to another theme as the analyst's placement (manual, primary). Refused when the
 * item is no longer where the analyst saw it (someone else moved it), or either theme is locked.
 */
export function moveItem(db: CallerDb, input: Action<'move'>) {
  return change(db, async (tx) => {
    await placeItems(tx, [{ itemId: input.itemId, fromThemeId: input.fromThemeId }], input.toThemeId);
    return {};
  });
}

export interface SnapshotSummary {
  id: string;
  label: string;
  createdAt: string;
  themes: number;
  assignments: number;
}

/**
 * Freezes the live themes (proposed and active) and their assignments into a snapshot with a
 * label; work continues on the live themes. The snapshot can never change (trigger).
 */
export function freezeSnapshot(db: CallerDb, consultationId: string, label: string) {
  return change(db, async (tx) => {
    const [row] = await tx.sql<{ id: string }>`
      insert into public.theme_snapshots (consultation_id, label, themes, assignments)
      select ${consultationId}::uuid, ${label},
        (select coalesce(jsonb_agg(jsonb_build_object(
            'id', t.id, 'key', t.key, 'label', t.label, 'description_md', t.description_md,
            'reaction_md', t.reaction_md, 'origin', t.origin, 'status', t.status, 'locked', t.locked,
            'top_terms', t.top_terms, 'position', t.position, 'published_at', t.published_at,
            'version', t.version
          ) order by t.position, t.label), '[]'::jsonb)
         from public.themes t
         where t.consultation_id = ${consultationId}::uuid and t.status in ('candidate', 'active')),
        (select coalesce(jsonb_agg(jsonb_build_object(
            'theme_id', a.theme_id, 'input_item_id', a.input_item_id, 'source', a.source,
            'is_primary', a.is_primary, 'score', a.score
          ) order by a.theme_id, a.input_item_id), '[]'::jsonb)
         from public.theme_assignments a join public.themes t on t.id = a.theme_id
         where a.consultation_id = ${consultationId}::uuid and t.status in ('candidate', 'active'))
      from public.consultations c where c.id = ${consultationId}::uuid
      returning id`;
    if (!row) throw new Refused('board.notFound');
    return { snapshotId: row.id };
  });
}

export async function listSnapshots(db: CallerDb, consultationId: string): Promise<SnapshotSummary[]> {
  return db.run(async (tx) => {
    const rows = await tx.sql<{
      id: string;
      label: string;
      created_at: Date | string;
      themes: number;
      assignments: number;
    }>`
      select id, label, created_at, jsonb_array_length(themes) as themes,
             jsonb_array_length(assignments) as assignments
      from public.theme_snapshots where consultation_id = ${consultationId}
      order by created_at desc, id desc`;
    return rows.map((r) => ({
      id: r.id,
      label: r.label,
      createdAt: new Date(r.created_at).toISOString(),
      themes: r.themes,
      assignments: r.assignments,
    }));
  });
}
