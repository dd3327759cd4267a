import type { GuidedTheme } from '../content/schema';
import type { Tx } from '../db/types';

/**
 * The expected (guided) themes of a consultation, from the database (edited under
 * /staff/beheer/consultaties, seeded from content/), in the editor's order, as the caller reads them.
 */
export async function guidedThemes(tx: Tx, consultationId: string): Promise<GuidedTheme[]> {
  return tx.sql<GuidedTheme>`
    select key, label, description from public.expected_themes
    where consultation_id = ${consultationId} order by position, key`;
}
