import { writeDefinition } from '../consultations/definition.server';
import { service } from '../db/caller';
import type { Database } from '../db/types';
import type { Consultation } from './schema';

/** What content sync did with one consultation of content/. */
export type SyncOutcome = 'inserted' | 'updated' | 'kept';

/**
 * content/ is the seed (issue 18, part 3): a consultation whose slug is not in the database yet is
 * inserted; one that was never changed in the browser is brought up to date with content/ (so a
 * database from before the editor gets its audiences, profile questions and expected themes, and
 * a file edit before anyone used the editor still counts); once the editor or an import changed
 * it (`edited_at`), content/ never overwrites it again. Ids stay stable, so answers keep pointing
 * at their question. Then text written before the closed list of wijken is mapped to it.
 */
export async function syncConsultation(db: Database, c: Consultation): Promise<string> {
  return (await seedConsultation(db, c)).id;
}

export async function seedConsultation(
  db: Database,
  c: Consultation,
): Promise<{ id: string; outcome: SyncOutcome }> {
  return db.transaction(service, async (tx) => {
    const [existing] = await tx.sql<{ id: string; edited_at: Date | null }>`
      select id, edited_at from public.consultations where slug = ${c.slug} for update`;
    if (existing?.edited_at) return { id: existing.id, outcome: 'kept' as const };
    const id = await writeDefinition(tx, c);
    await tx.sql`select private.map_written_wijken(${id})`;
    return { id, outcome: existing ? ('updated' as const) : ('inserted' as const) };
  });
}
