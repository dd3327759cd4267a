import { sqlState } from '../db/errors';
import type { CallerDb } from '../db/types';

export interface RemovalCounts {
  submissions: number;
  inputItems: number;
  themeAssignments: number;
  originals: number;
}

export type RemovalResult =
  | { ok: true; referenceCode: string; deleted: RemovalCounts }
  | { ok: false; code: 'removal.invalidCode' | 'removal.notFound' | 'removal.notAllowed' };

const codePattern = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/** "abcd efgh", "ABCDEFGH" and " abcd-efgh " all become "ABCD-EFGH"; anything else undefined. */
export function normaliseReferenceCode(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const compact = raw.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 8) return undefined;
  const code = `${compact.slice(0, 4)}-${compact.slice(4)}`;
  return codePattern.test(code) ? code : undefined;
}

class Refused extends Error {}

/**
 * A resident's removal request: deletes their submission and, by cascade, its answers, their
 * theme assignments and kept originals. Admins only (the delete policy decides). The audit log
 * records that rows were deleted, never their text (the triggers leave the texts out).
 */
export async function removeSubmission(db: CallerDb, rawCode: string): Promise<RemovalResult> {
  const code = normaliseReferenceCode(rawCode);
  if (!code) return { ok: false, code: 'removal.invalidCode' };
  try {
    return await db.run(async (tx): Promise<RemovalResult> => {
      const [counts] = await tx.sql<{ id: string; items: number; assignments: number; originals: number }>`
        select s.id,
               (select count(*)::int from public.input_items i where i.submission_id = s.id) as items,
               (select count(*)::int from public.theme_assignments a
                  join public.input_items i on i.id = a.input_item_id where i.submission_id = s.id) as assignments,
               (select count(*)::int from public.input_originals o
                  join public.input_items i on i.id = o.input_item_id where i.submission_id = s.id) as originals
        from public.submissions s where s.id = private.submission_by_reference(${code})`;
      if (!counts) {
        // Staff who may not read submissions at all must not learn whether a code exists.
        const [role] = await tx.sql<{ admin: boolean }>`select private.has_role('admin') as admin`;
        return { ok: false, code: role?.admin ? 'removal.notFound' : 'removal.notAllowed' };
      }
      // Counted as the caller: only an admin sees every row (originals are admin-only), and only
      // an admin may delete, so the counts of a successful removal are complete.
      const deleted = await tx.execute('delete from public.submissions where id = $1', [counts.id]);
      if (deleted === 0) throw new Refused();
      const [left] = await tx.sql<{ n: number }>`
        select count(*)::int as n from public.input_items where submission_id = ${counts.id}`;
      if ((left?.n ?? 0) !== 0) throw new Refused();
      return {
        ok: true,
        referenceCode: code,
        deleted: {
          submissions: deleted,
          inputItems: counts.items,
          themeAssignments: counts.assignments,
          originals: counts.originals,
        },
      };
    });
  } catch (error) {
    if (error instanceof Refused || sqlState(error) === '42501')
      return { ok: false, code: 'removal.notAllowed' };
    throw error;
  }
}
