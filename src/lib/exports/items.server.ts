import type { CallerDb } from '../db/types';
import { itemFilter, Params, type Scope, themeCtes } from './scope.server';
import type { ExportItem } from './types';

interface ItemRow {
  id: string;
  cursor_at: string;
  created_at: Date | string;
  channel: 'online' | 'roadtour';
  audience: string;
  kind: string;
  stop_name: string | null;
  question: string | null;
  body: string;
  primary_theme: string | null;
  primary_score: number | null;
  secondary: { label: string; score: number }[] | string;
}

export const defaultBatchSize = 2000;

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
  batchSize = defaultBatchSize,
): AsyncGenerator<ExportItem> {
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const p = new Params();
    const ctes = themeCtes(scope, p);
    const where = itemFilter(scope, p);
    const after = cursor
      ? `and (i.created_at, i.id) > (${p.add(cursor.at)}::text::timestamptz, ${p.add(cursor.id)}::uuid)`
      : '';
    const limit = p.add(batchSize);
    const text = `with ${ctes}
      select i.id, i.created_at::text as cursor_at, i.created_at, i.channel::text as channel,
             i.audience::text as audience, i.kind::text as kind, st.name as stop_name,
             coalesce(q.prompt, tp.label) as question, i.body,
             pt.label as primary_theme, pt.score as primary_score,
             (select coalesce(jsonb_agg(jsonb_build_object('label', th2.label, 'score', a2.score)
                       order by a2.score desc, th2.label), '[]'::jsonb)
              from asg a2 join th th2 on th2.id = a2.theme_id
              where a2.input_item_id = i.id and not a2.is_primary) as secondary
      from public.input_items i
      left join public.roadtour_stops st on st.id = i.stop_id
      left join public.questions q on q.id = i.question_id
      left join public.topics tp on tp.id = i.topic_id
      left join lateral (
        select th1.label, a1.score from asg a1 join th th1 on th1.id = a1.theme_id
        where a1.input_item_id = i.id and a1.is_primary limit 1
      ) pt on true
      where ${where} ${after}
      order by i.created_at, i.id
      limit ${limit}::int`;
    const rows = await db.run((tx) => tx.query<ItemRow>(text, p.values));
    for (const row of rows) yield toItem(row);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1] as ItemRow;
    cursor = { at: last.cursor_at, id: last.id };
  }
}

function toItem(row: ItemRow): ExportItem {
  const secondary = typeof row.secondary === 'string' ? JSON.parse(row.secondary) : row.secondary;
  return {
    id: row.id,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    channel: row.channel,
    audience: row.audience,
    kind: row.kind,
    stop: row.stop_name,
    question: row.question,
    body: row.body,
    primaryTheme: row.primary_theme,
    primaryScore: row.primary_score === null ? null : Number(row.primary_score),
    secondaryThemes: (secondary as { label: string; score: number }[]).map((s) => ({
      label: s.label,
      score: Number(s.score),
    })),
  };
}
