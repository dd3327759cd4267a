import type { CallerDb } from '../db/types';
import { itemFilter, Params, type Scope, themeCtes } from './scope.server';
import type { ExportItem } from './types';

interface ItemRow {
  id: string;
  cursor_at: string;
  created_at: Date | string;
  channel: 'online' | 'roadtour' | 'import' | 'schriftelijk';
  audience: string;
  kind: string;
  stop_name: string | null;
  question: string | null;
  body: string;
}

export const defaultBatchSize = 5000;

/**
 * The approved items of an export, oldest first, read in batches by keyset (created_at, id):
 * each batch is its own short transaction as the caller (RLS applies, and PGlite's single
 * connection is free for other requests in between), and only one batch is in memory at a time.
 * Reads input_items.body, which is the redacted text; originals and contact e-mail addresses
 * live in other tables that no export query touches.
 */
export async function* streamItems(
  db: CallerDb,
  scope: Scope,
  /** Theme id → label of the export's themes (from the report), so rows need not carry labels. */
  themeLabels: ReadonlyMap<string, string>,
  batchSize = defaultBatchSize,
): AsyncGenerator<ExportItem> {
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const { rows, assignments } = await db.run(async (tx) => {
      const items = batch(scope, cursor, batchSize);
      const rows = await tx.query<ItemRow>(
        `select i.id, i.created_at::text as cursor_at, i.created_at, i.channel::text as channel,
                i.audience::text as audience, i.kind::text as kind, st.name as stop_name,
                coalesce(q.prompt, tp.label) as question, i.body
         from public.input_items i
         left join public.roadtour_stops st on st.id = i.stop_id
         left join public.questions q on q.id = i.question_id
         left join public.topics tp on tp.id = i.topic_id
         where ${items.text}`,
        items.params.values,
      );
      if (rows.length === 0) return { rows, assignments: [] };
      // The batch's theme assignments in one query (ids bound as one text value, which both
      // drivers pass the same way), instead of a subquery per item.
      const p = new Params();
      const ids = p.add(rows.map((r) => r.id).join(','));
      const ctes = themeCtes(scope, p);
      const assignments = await tx.query<AssignmentRow>(
        `with ${ctes}
         select asg.input_item_id, asg.theme_id, asg.is_primary, asg.score from asg
         where asg.input_item_id = any (string_to_array(${ids}::text, ',')::uuid[])`,
        p.values,
      );
      return { rows, assignments };
    });
    const byItem = new Map<string, AssignmentRow[]>();
    for (const a of assignments) {
      const list = byItem.get(a.input_item_id);
      if (list) list.push(a);
      else byItem.set(a.input_item_id, [a]);
    }
    for (const row of rows) yield toItem(row, byItem.get(row.id) ?? [], themeLabels);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1] as ItemRow;
    cursor = { at: last.cursor_at, id: last.id };
  }
}

function batch(
  scope: Scope,
  cursor: { at: string; id: string } | null,
  size: number,
): { text: string; params: Params } {
  const p = new Params();
  const where = itemFilter(scope, p);
  const after = cursor
    ? `and (i.created_at, i.id) > (${p.add(cursor.at)}::text::timestamptz, ${p.add(cursor.id)}::uuid)`
    : '';
  return { text: `${where} ${after} order by i.created_at, i.id limit ${p.add(size)}::int`, params: p };
}

interface AssignmentRow {
  input_item_id: string;
  theme_id: string;
  is_primary: boolean;
  score: number;
}

function toItem(row: ItemRow, assignments: AssignmentRow[], labels: ReadonlyMap<string, string>): ExportItem {
  const primary = assignments.find((a) => a.is_primary);
  const secondary = assignments
    .filter((a) => !a.is_primary)
    .map((a) => ({ label: labels.get(a.theme_id) ?? '', score: Number(a.score) }))
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
  return {
    id: row.id,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    channel: row.channel,
    audience: row.audience,
    kind: row.kind,
    stop: row.stop_name,
    question: row.question,
    body: row.body,
    primaryTheme: primary ? (labels.get(primary.theme_id) ?? null) : null,
    primaryScore: primary ? Number(primary.score) : null,
    secondaryThemes: secondary,
  };
}
