import { z } from 'zod';
import { sqlState } from '../db/errors';
import type { CallerDb } from '../db/types';

export type OriginalResult =
  | { ok: true; original: string; current: string }
  | { ok: false; code: 'original.notFound' | 'original.notAllowed' };

/**
 * The text of an item before it was redacted, for admins (issue 20, item 13), beside the text as
 * it is now. Read through private.read_original, which records the reading in the audit log; a
 * moderator or anyone else is refused by the database itself.
 */
export async function readOriginal(db: CallerDb, itemId: string): Promise<OriginalResult> {
  if (!z.string().uuid().safeParse(itemId).success) return { ok: false, code: 'original.notFound' };
  try {
    return await db.run(async (tx): Promise<OriginalResult> => {
      const [row] = await tx.sql<{ original: string | null; current: string | null }>`
        select private.read_original(${itemId}::uuid) as original,
               (select body from public.input_items where id = ${itemId}::uuid) as current`;
      if (!row?.original || row.current === null) return { ok: false, code: 'original.notFound' };
      return { ok: true, original: row.original, current: row.current };
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'original.notAllowed' };
    throw error;
  }
}

export const originalMessages = {
  'original.notFound': 'Van dit bericht is geen oorspronkelijke tekst (meer) bewaard.',
  'original.notAllowed': 'Alleen een beheerder mag de oorspronkelijke tekst bekijken.',
} as const;
