import type { CallerDb } from '../db/types';

export interface ExportOptions {
  readonly consultations: readonly { slug: string; title: string }[];
  readonly snapshots: readonly { id: string; consultationSlug: string; label: string; createdAt: Date }[];
}

/** What the export form offers: the consultations and the theme snapshots the caller may read. */
export async function readExportOptions(db: CallerDb): Promise<ExportOptions> {
  return db.run(async (tx) => {
    const consultations = await tx.sql<{ slug: string; title: string }>`
      select slug, title from public.consultations
      -- The live consultation first (the default choice), drafts next, archived ones last.
      order by status = 'published' desc, status = 'archived', opens_at desc, title`;
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

/**
 * The accepted themes of a consultation's current state or of one version that have no "wat doen
 * we ermee" yet: the export page warns before the report goes out with a gap. Null when the
 * consultation or version does not exist (or the caller may not read it).
 */
export async function themesWithoutReaction(
  db: CallerDb,
  consultation: string,
  source: string,
): Promise<string[] | null> {
  return db.run(async (tx) => {
    const [c] = await tx.sql<{
      id: string;
    }>`select id from public.consultations where slug = ${consultation}`;
    if (!c) return null;
    if (source === 'current') {
      const rows = await tx.sql<{ label: string }>`
        select label from public.themes
        where consultation_id = ${c.id} and status in ('active', 'candidate')
          and (status = 'active' or locked or published_at is not null) and btrim(reaction_md) = ''
        order by position, label`;
      return rows.map((r) => r.label);
    }
    const [snapshot] = await tx.sql<{ labels: string[] | null }>`
      select (select array_agg(x ->> 'label' order by e.ord)
              from jsonb_array_elements(s.themes) with ordinality as e(x, ord)
              where coalesce(x ->> 'status', 'active') in ('active', 'candidate')
                and (coalesce(x ->> 'status', 'active') = 'active' or coalesce((x ->> 'locked')::boolean, false)
                     or coalesce(x ->> 'published_at', x ->> 'publishedAt') is not null)
                and btrim(coalesce(x ->> 'reaction_md', x ->> 'reactionMd', '')) = '') as labels
      from public.theme_snapshots s where s.id = ${source} and s.consultation_id = ${c.id}`;
    return snapshot ? (snapshot.labels ?? []) : null;
  });
}

/** The value of the form's confirmation: the warning was shown for exactly this choice. */
export const confirmation = (consultation: string, source: string): string => `${consultation}:${source}`;
