import type { CallerDb } from '../db/types';
import type { BoardResult } from './schema';
import { confidenceIn, scoreHeldOut, scoringState } from './scoring.server';
import { mayEditThemes } from './state.server';

export interface WorkItem {
  id: string;
  body: string;
  audience: string;
  channel: string;
  /** Its primary theme now (null: none). */
  themeId: string | null;
  /** Placed or confirmed by the analyst. */
  manual: boolean;
  score: number;
}

export interface ReviewItem extends WorkItem {
  /** The scorer's two best themes for it (the review queue shows both). */
  best: { themeId: string; score: number } | null;
  runnerUp: { themeId: string; score: number } | null;
}

export interface Review {
  /** "312 van 540 bevestigd". */
  progress: { confirmed: number; total: number };
  /** Unconfirmed items, most doubtful first. */
  items: ReviewItem[];
  /** How many unconfirmed items there are in all. */
  remaining: number;
  /** Milliseconds the re-score took (and the written-back scores, when written). */
  timing: { scoreMs: number; writeMs: number; buildMs: number };
}

export const reviewPageSize = 25;

/**
 * The review queue ("Twijfelgevallen"): the approved items the analyst has not confirmed yet,
 * re-scored against theme profiles built from the current members (confirmed items weigh
 * most), most doubtful first: the weakest fit of their current place, then the smallest margin
 * between the two best themes. `write`: store the new confidence in the automatic assignments'
 * `score` (after a confirmation or move), so every other screen sorts by the same doubt.
 */
export async function readReview(
  db: CallerDb,
  consultationId: string,
  options: { limit?: number; write?: boolean } = {},
): Promise<BoardResult<{ review: Review }>> {
  if (!(await db.run(mayEditThemes))) return { ok: false, code: 'board.notAllowed' };
  const s = await scoringState(db, consultationId);
  const started = performance.now();
  const scores = scoreHeldOut(s, s.unconfirmed);
  const scoreMs = performance.now() - started;
  const ranked = scores.map((score) => {
    const current = s.primaries.get(score.itemId)?.themeId ?? null;
    const confidence = confidenceIn(current, score);
    const margin = score.runnerUp ? score.score - score.runnerUp.score : score.score;
    return { score, current, confidence, margin };
  });
  ranked.sort(
    (a, b) =>
      a.confidence - b.confidence ||
      a.margin - b.margin ||
      (a.score.itemId < b.score.itemId ? -1 : a.score.itemId > b.score.itemId ? 1 : 0),
  );

  let writeMs = 0;
  if (options.write) {
    const changed = ranked
      .filter(
        (r) =>
          r.current !== null &&
          Math.abs((s.primaries.get(r.score.itemId)?.score ?? 0) - r.confidence) > 0.0005,
      )
      .map((r) => ({
        item: r.score.itemId,
        theme: r.current,
        score: Math.round(r.confidence * 10000) / 10000,
      }));
    const writeStarted = performance.now();
    for (let i = 0; i < changed.length; i += 2000) {
      const batch = JSON.stringify(changed.slice(i, i + 2000));
      await db.run(
        (tx) => tx.sql`
          update public.theme_assignments a set score = v.score
          from jsonb_to_recordset(${batch}::text::jsonb) as v(item uuid, theme uuid, score real)
          where a.input_item_id = v.item and a.theme_id = v.theme and a.is_primary and a.source = 'auto'`,
      );
    }
    writeMs = performance.now() - writeStarted;
  }

  const page = ranked.slice(0, options.limit ?? reviewPageSize);
  const bodies = await db.run(
    (tx) => tx.sql<{ id: string; body: string; audience: string; channel: string }>`
      select id, body, audience::text as audience, channel::text as channel from public.input_items
      where id in (select jsonb_array_elements_text(${JSON.stringify(page.map((p) => p.score.itemId))}::text::jsonb)::uuid)`,
  );
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const theme = (t: { themeId: string; score: number } | undefined) =>
    t && s.themes.has(t.themeId) ? { themeId: t.themeId, score: t.score } : null;
  const items: ReviewItem[] = [];
  for (const r of page) {
    const body = byId.get(r.score.itemId);
    if (!body) continue;
    items.push({
      ...body,
      themeId: r.current,
      manual: false,
      score: r.confidence,
      best: theme(r.score),
      runnerUp: theme(r.score.runnerUp),
    });
  }
  return {
    ok: true,
    review: {
      progress: { confirmed: s.confirmed.size, total: s.approved.length },
      items,
      remaining: ranked.length,
      timing: { scoreMs: Math.round(scoreMs), writeMs: Math.round(writeMs), buildMs: s.builtMs },
    },
  };
}
