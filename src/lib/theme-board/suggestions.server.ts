import type { CallerDb } from '../db/types';
import { change, mergeWithin, placeItems, Refused } from './edit.server';
import type { BoardResult } from './schema';
import { lockThemes, mayEditThemes } from './state.server';

/** What a re-run proposes for accepted themes; the analyst accepts or rejects each. */
export interface Suggestion {
  id: string;
  kind: 'move' | 'merge';
  fromThemeId: string;
  fromLabel: string;
  toThemeId: string;
  toLabel: string;
  score: number;
  /** Move: the item and its text. */
  itemId: string | null;
  body: string | null;
  /** False when it no longer applies (item moved, theme merged or put aside): accepting changes nothing. */
  applies: boolean;
}

/** Open suggestions of a consultation, strongest first. */
export async function listSuggestions(
  db: CallerDb,
  consultationId: string,
): Promise<BoardResult<{ suggestions: Suggestion[] }>> {
  return db.run(async (tx) => {
    if (!(await mayEditThemes(tx))) return { ok: false as const, code: 'board.notAllowed' as const };
    const rows = await tx.sql<{
      id: string;
      kind: 'move' | 'merge';
      from_theme_id: string;
      from_label: string;
      to_theme_id: string;
      to_label: string;
      score: number;
      input_item_id: string | null;
      body: string | null;
      applies: boolean;
    }>`
      select s.id, s.kind, s.from_theme_id, f.label as from_label, s.to_theme_id, t.label as to_label,
             s.score::float8 as score, s.input_item_id, i.body,
             f.status in ('candidate', 'active') and t.status in ('candidate', 'active')
               and not f.locked and not t.locked
               and (s.kind = 'merge' or (i.status = 'approved' and exists (
                 select 1 from public.theme_assignments a
                 where a.input_item_id = s.input_item_id and a.is_primary and a.theme_id = s.from_theme_id)))
               as applies
      from public.theme_suggestions s
      join public.themes f on f.id = s.from_theme_id
      join public.themes t on t.id = s.to_theme_id
      left join public.input_items i on i.id = s.input_item_id
      where s.consultation_id = ${consultationId} and s.status = 'open'
      order by applies desc, s.score desc, s.created_at, s.id
      limit 200`;
    return {
      ok: true as const,
      suggestions: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        fromThemeId: r.from_theme_id,
        fromLabel: r.from_label,
        toThemeId: r.to_theme_id,
        toLabel: r.to_label,
        score: Number(r.score),
        itemId: r.input_item_id,
        body: r.body,
        applies: r.applies === true,
      })),
    };
  });
}

/**
 * Accepts or rejects one suggestion. Accepting does what it says (the item becomes the analyst's
 * placement in the other theme; or the two themes merge, which can be undone). A suggestion that
 * no longer applies is refused with `board.suggestionStale` and nothing changes.
 */
export function decideSuggestion(db: CallerDb, input: { suggestionId: string; accept: boolean }) {
  return change(db, async (tx) => {
    const [s] = await tx.sql<{
      kind: 'move' | 'merge';
      input_item_id: string | null;
      from_theme_id: string;
      to_theme_id: string;
      status: string;
    }>`
      select kind, input_item_id, from_theme_id, to_theme_id, status
      from public.theme_suggestions where id = ${input.suggestionId}
      for update`;
    if (!s) throw new Refused('board.notFound');
    if (s.status !== 'open') throw new Refused('board.suggestionStale');
    let mergeId: string | undefined;
    if (input.accept) {
      const states = await lockThemes(tx, [s.from_theme_id, s.to_theme_id]);
      const live = (id: string) => {
        const state = states.get(id);
        return state !== undefined && (state.status === 'candidate' || state.status === 'active');
      };
      if (!live(s.from_theme_id) || !live(s.to_theme_id)) throw new Refused('board.suggestionStale');
      if (states.get(s.from_theme_id)?.locked || states.get(s.to_theme_id)?.locked)
        throw new Refused('board.locked');
      if (s.kind === 'move' && s.input_item_id) {
        const [where] = await tx.sql<{ theme_id: string }>`
          select a.theme_id from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
          where a.input_item_id = ${s.input_item_id} and a.is_primary and i.status = 'approved'`;
        if (where?.theme_id !== s.from_theme_id) throw new Refused('board.suggestionStale');
        await placeItems(tx, [{ itemId: s.input_item_id, fromThemeId: s.from_theme_id }], s.to_theme_id);
      } else {
        mergeId = (
          await mergeWithin(tx, {
            sourceId: s.from_theme_id,
            sourceVersion: null,
            targetId: s.to_theme_id,
            targetVersion: null,
          })
        ).mergeId;
      }
    }
    await tx.sql`
      update public.theme_suggestions
      set status = ${input.accept ? 'accepted' : 'rejected'}, resolved_by = private.uid(), resolved_at = now()
      where id = ${input.suggestionId}`;
    return mergeId ? { mergeId } : {};
  });
}
