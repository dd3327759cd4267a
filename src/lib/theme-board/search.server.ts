import type { CallerDb } from '../db/types';
import { queryText } from '../http/query';
import type { WorkItem } from './review.server';
import type { BoardResult } from './schema';
import { scoringState } from './scoring.server';
import { mayEditThemes } from './state.server';

export const maxQueryLength = 200;
export const searchLimit = 100;

interface ItemRow {
  id: string;
  body: string;
  audience: string;
  channel: string;
  theme_id: string | null;
  manual: boolean | null;
  score: number | null;
}

const toItem = (r: ItemRow): WorkItem => ({
  id: r.id,
  body: r.body,
  audience: r.audience,
  channel: r.channel,
  themeId: r.theme_id,
  manual: r.manual === true,
  score: Number(r.score ?? 0),
});

/**
 * Dutch full-text search over the consultation's approved input (stemmed, like the moderation
 * queue: `websearch_to_tsquery('dutch', …)`, so "quoted phrases", `or` and `-word` work), best
 * match first. A query of only stopwords or punctuation matches nothing: an empty result.
 */
export async function searchItems(
  db: CallerDb,
  consultationId: string,
  query: string,
  limit = searchLimit,
): Promise<BoardResult<{ items: WorkItem[]; total: number }>> {
  // Without control characters: Postgres refuses a NUL byte with an error (issue 16).
  const q = queryText(query, maxQueryLength);
  if (!(await db.run(mayEditThemes))) return { ok: false, code: 'board.notAllowed' };
  if (q === '') return { ok: true, items: [], total: 0 };
  const rows = await db.run(
    (tx) => tx.sql<ItemRow & { total: number }>`
      with q as (select websearch_to_tsquery('dutch', ${q}) as q)
      select i.id, i.body, i.audience::text as audience, i.channel::text as channel,
             a.theme_id, a.source = 'manual' as manual, a.score::float8 as score,
             count(*) over ()::int as total
      from public.input_items i
      cross join q
      left join public.theme_assignments a on a.input_item_id = i.id and a.is_primary
      where i.consultation_id = ${consultationId} and i.status = 'approved' and numnode(q.q) > 0
        and i.search @@ q.q
      order by ts_rank(i.search, q.q) desc, i.created_at desc, i.id
      limit ${limit}`,
  );
  return { ok: true, items: rows.map(toItem), total: rows[0]?.total ?? 0 };
}

/**
 * "Lijkt hierop": the approved items most similar to one item or to a theme's items, that are
 * not in that theme yet (for an item: not in the item's own theme), best first.
 */
export async function similarItems(
  db: CallerDb,
  consultationId: string,
  to: { itemId: string } | { themeId: string },
  limit = 30,
): Promise<BoardResult<{ items: (WorkItem & { similarity: number })[] }>> {
  if (!(await db.run(mayEditThemes))) return { ok: false, code: 'board.notAllowed' };
  const s = await scoringState(db, consultationId);
  let seeds: string[];
  let themeId: string | null;
  if ('itemId' in to) {
    if (!s.approved.includes(to.itemId)) return { ok: false, code: 'board.notFound' };
    seeds = [to.itemId];
    themeId = s.primaries.get(to.itemId)?.themeId ?? null;
  } else {
    if (!s.themes.has(to.themeId)) return { ok: false, code: 'board.notFound' };
    themeId = to.themeId;
    seeds = [...s.primaries].filter(([, p]) => p.themeId === themeId).map(([id]) => id);
  }
  const exclude = new Set(
    themeId === null ? seeds : [...s.primaries].filter(([, p]) => p.themeId === themeId).map(([id]) => id),
  );
  const found = seeds.length === 0 ? [] : s.scorer.similar(seeds, limit, exclude);
  if (found.length === 0) return { ok: true, items: [] };
  const rows = await db.run(
    (tx) => tx.sql<ItemRow>`
      select i.id, i.body, i.audience::text as audience, i.channel::text as channel,
             a.theme_id, a.source = 'manual' as manual, a.score::float8 as score
      from public.input_items i
      left join public.theme_assignments a on a.input_item_id = i.id and a.is_primary
      where i.id in (select jsonb_array_elements_text(${JSON.stringify(found.map((f) => f.itemId))}::text::jsonb)::uuid)
        and i.status = 'approved'`,
  );
  const byId = new Map(rows.map((r) => [r.id, toItem(r)]));
  return {
    ok: true,
    items: found.flatMap((f) => {
      const item = byId.get(f.itemId);
      return item ? [{ ...item, similarity: f.similarity }] : [];
    }),
  };
}

export const themeItemsLimit = 1000;

/**
 * The items of one theme (primary), the analyst's first, then by the engine's confidence; or,
 * with `themeId` null, the approved items without a theme. At most `themeItemsLimit`.
 */
export async function readThemeItems(
  db: CallerDb,
  consultationId: string,
  themeId: string | null,
): Promise<BoardResult<{ items: WorkItem[]; total: number }>> {
  if (!(await db.run(mayEditThemes))) return { ok: false, code: 'board.notAllowed' };
  const rows = await db.run((tx) =>
    themeId === null
      ? tx.sql<ItemRow & { total: number }>`
          select i.id, i.body, i.audience::text as audience, i.channel::text as channel,
                 null::uuid as theme_id, false as manual, 0::float8 as score, count(*) over ()::int as total
          from public.input_items i
          where i.consultation_id = ${consultationId} and i.status = 'approved'
            and not exists (select 1 from public.theme_assignments a where a.input_item_id = i.id and a.is_primary)
          order by i.created_at desc, i.id
          limit ${themeItemsLimit}`
      : tx.sql<ItemRow & { total: number }>`
          select i.id, i.body, i.audience::text as audience, i.channel::text as channel,
                 a.theme_id, a.source = 'manual' as manual, a.score::float8 as score, count(*) over ()::int as total
          from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
          where a.theme_id = ${themeId} and a.consultation_id = ${consultationId} and a.is_primary
            and i.status = 'approved'
          order by a.source = 'manual' desc, a.score desc, i.id
          limit ${themeItemsLimit}`,
  );
  return { ok: true, items: rows.map(toItem), total: rows[0]?.total ?? 0 };
}
