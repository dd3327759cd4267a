import type { CallerDb } from '../db/types';

export interface ExportOptions {
  readonly consultations: readonly { slug: string; title: string }[];
  readonly snapshots: readonly { id: string; consultationSlug: string; label: string; createdAt: Date }[];
}

/** What the export form offers: the consultations and the theme snapshots the caller may read. */
export async function readExportOptions(db: CallerDb): Promise<ExportOptions> {
  return db.run(async (tx) => {
    const consultations = await tx.sql<{ slug: string; title: string }>`
      select slug, title from public.consultations order by opens_at desc, title`;
    const snapshots = await tx.sql<{ id: string; slug: string; label: string; created_at: Date }>`
      select s.id, c.slug, s.label, s.created_at from public.theme_snapshots s
      join public.consultations c on c.id = s.consultation_id
      order by s.created_at desc limit 200`;
    return {
      consultations,
      snapshots: snapshots.map((s) => ({
        id: s.id,
        consultationSlug: s.slug,
        label: s.label,
        createdAt: new Date(s.created_at),
      })),
    };
  });
}
