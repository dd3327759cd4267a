/**
 * The college adopting its response to an advice (a B&W decision). Until then the responses are
 * the analysts' drafts; from the adoption date on, a version of "wat we hoorden" published
 * afterwards shows the advice with every point and its response. Only analysts and admins record
 * it (the database refuses everyone else too).
 */
import { z } from 'zod';
import { isRefusal, sqlState } from '../db/errors';
import type { CallerDb } from '../db/types';
import { isoDay } from '../http/query';
import { instantToAmsterdam } from '../roadtour/amsterdam-time';

export type AdoptionError =
  | 'adoption.invalid'
  | 'adoption.future'
  | 'adoption.beforeReceived'
  | 'adoption.unanswered'
  | 'adoption.notAdvice'
  | 'adoption.gone'
  | 'adoption.forbidden';

export type AdoptionResult =
  | { ok: true; adoptedOn: string | null }
  | { ok: false; code: AdoptionError; positions?: number[] };

const AdoptionSchema = z.object({
  writtenInputId: z.string().uuid(),
  /** yyyy-mm-dd, or empty to take the adoption back (the advice leaves the next version). */
  adoptedOn: z.union([z.literal(''), isoDay]),
});

/**
 * Records (or takes back) the adoption date. Refused when the date is in the future or before the
 * advice came in, or while a point that moderation did not reject has no response yet: the
 * college adopts a response to every point.
 */
export async function recordAdoption(db: CallerDb, raw: unknown): Promise<AdoptionResult> {
  const parsed = AdoptionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'adoption.invalid' };
  const { writtenInputId, adoptedOn } = parsed.data;
  if (adoptedOn > instantToAmsterdam(new Date()).date) return { ok: false, code: 'adoption.future' };
  if (db.caller.kind !== 'staff' || !['admin', 'analyst'].includes(db.caller.staffRole))
    return { ok: false, code: 'adoption.forbidden' };
  try {
    return await db.run(async (tx): Promise<AdoptionResult> => {
      const [advice] = await tx.sql<{ kind: string; received_on: string; saved: boolean }>`
        select kind, to_char(received_on, 'YYYY-MM-DD') as received_on, saved_at is not null as saved
        from public.written_inputs where id = ${writtenInputId} for update`;
      if (!advice) return { ok: false, code: 'adoption.gone' };
      if (advice.kind !== 'advies' || !advice.saved) return { ok: false, code: 'adoption.notAdvice' };
      if (adoptedOn !== '') {
        if (adoptedOn < advice.received_on) return { ok: false, code: 'adoption.beforeReceived' };
        const open = await tx.sql<{ position: number }>`
          select p.position from public.written_points p
          join public.input_items i on i.id = p.input_item_id
          where p.written_input_id = ${writtenInputId} and i.status <> 'rejected'
            and (p.response_status is null or btrim(p.response_md) = '')
          order by p.position`;
        if (open.length > 0)
          return { ok: false, code: 'adoption.unanswered', positions: open.map((p) => p.position) };
      }
      await tx.sql`
        update public.written_inputs set response_adopted_on = ${adoptedOn === '' ? null : adoptedOn}::date
        where id = ${writtenInputId}`;
      return { ok: true, adoptedOn: adoptedOn === '' ? null : adoptedOn };
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'adoption.forbidden' };
    if (isRefusal(error)) return { ok: false, code: 'adoption.invalid' };
    throw error;
  }
}
