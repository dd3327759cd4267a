/**
 * The college's response to one advice point: Markdown text, a status, themes. Optimistic: the
 * form carries the response's version and a hash of the point's text it was opened with, so a
 * point whose text was changed or redacted, or that was deleted meanwhile, or a response someone
 * else saved first, is never overwritten silently. A moderator approving the point meanwhile
 * changes neither, so the analyst's work goes on.
 */
import { z } from 'zod';
import { isRefusal, sqlState } from '../db/errors';
import type { CallerDb } from '../db/types';
import { textHash } from '../written-input/read.server';
import { responseStatuses } from './statuses';

export type RespondError =
  | 'response.invalid'
  | 'response.empty'
  | 'response.tooLong'
  | 'response.status'
  | 'response.theme'
  | 'response.stale'
  | 'response.gone'
  | 'response.forbidden';

export const ResponseInputSchema = z.object({
  pointId: z.string().uuid(),
  /** The written point's version the form showed. */
  version: z.coerce.number().int().min(1),
  /** The hash of the point's text the form showed (a redaction or edit of the point changes it). */
  textHash: z.string().regex(/^[0-9a-f]{16}$/),
  responseMd: z.string(),
  status: z.enum(responseStatuses, { message: 'status' }),
  themeIds: z.array(z.string().uuid()).max(50).default([]),
});
export type ResponseInput = z.output<typeof ResponseInputSchema>;

export type RespondResult = { ok: true; version: number } | { ok: false; code: RespondError };

const MAX_RESPONSE = 20_000;

/** Saves a response; checks first, then compares both versions in the update itself. */
export async function saveResponse(db: CallerDb, raw: unknown): Promise<RespondResult> {
  const parsed = ResponseInputSchema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return { ok: false, code: field === 'status' ? 'response.status' : 'response.invalid' };
  }
  const input = parsed.data;
  const text = input.responseMd.replace(/\r\n?/g, '\n').trim();
  if (text === '') return { ok: false, code: 'response.empty' };
  if (text.length > MAX_RESPONSE) return { ok: false, code: 'response.tooLong' };
  if (db.caller.kind === 'staff' && !['admin', 'analyst'].includes(db.caller.staffRole))
    return { ok: false, code: 'response.forbidden' };
  try {
    return await db.run(async (tx): Promise<RespondResult> => {
      const [point] = await tx.sql<{ consultation_id: string; version: number; body: string }>`
        select p.consultation_id, p.version, i.body
        from public.written_points p join public.input_items i on i.id = p.input_item_id
        where p.input_item_id = ${input.pointId}
        for update of p`;
      if (!point) return { ok: false, code: 'response.gone' };
      if (point.version !== input.version || textHash(point.body) !== input.textHash)
        return { ok: false, code: 'response.stale' };
      const themes = [...new Set(input.themeIds)];
      if (themes.length > 0) {
        const [found] = await tx.sql<{ n: number }>`
          select count(*)::int as n from public.themes
          where id = any(${themes}::uuid[]) and consultation_id = ${point.consultation_id}`;
        if ((found?.n ?? 0) !== themes.length) return { ok: false, code: 'response.theme' };
      }
      const [updated] = await tx.sql<{ version: number }>`
        update public.written_points set response_md = ${text}, response_status = ${input.status}
        where input_item_id = ${input.pointId} and version = ${input.version}
        returning version`;
      if (!updated) return { ok: false, code: 'response.stale' };
      await tx.sql`
        delete from public.written_point_themes
        where input_item_id = ${input.pointId} and not (theme_id = any(${themes}::uuid[]))`;
      if (themes.length > 0)
        await tx.sql`
          insert into public.written_point_themes (input_item_id, theme_id, consultation_id)
          select ${input.pointId}, t, ${point.consultation_id} from unnest(${themes}::uuid[]) t
          on conflict do nothing`;
      return { ok: true, version: updated.version };
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'response.forbidden' };
    if (isRefusal(error)) return { ok: false, code: 'response.invalid' };
    throw error;
  }
}

/** The themes a response may link to: the consultation's active and candidate themes. */
export async function themesFor(
  db: CallerDb,
  consultationId: string,
): Promise<{ id: string; label: string }[]> {
  return db.run(
    (tx) =>
      tx.sql<{ id: string; label: string }>`
      select id, label from public.themes
      where consultation_id = ${consultationId} and status in ('active', 'candidate')
      order by status, position, label`,
  );
}
