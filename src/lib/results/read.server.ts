import type { CallerDb } from '../db/types';

export interface PublishedTheme {
  readonly id: string;
  readonly label: string;
  readonly descriptionMd: string;
  readonly reactionMd: string;
  /** How often the theme came up, in all and per audience (approved input only). */
  readonly mentions: number;
  readonly byAudience: Readonly<Record<string, number>>;
  readonly quotes: readonly { body: string; audience: string; channel: string }[];
}

export interface Results {
  readonly consultation: { id: string; slug: string; title: string };
  /** The frozen version (theme snapshot) the published themes come from, when there is one. */
  readonly version: { label: string; createdAt: Date } | null;
  readonly themes: readonly PublishedTheme[];
  readonly audiences: readonly string[];
}

const quotesPerTheme = 3;

/**
 * What the public "wat we hoorden" page shows. Read as the visitor: RLS lets anonymous callers see
 * only published themes and approved (redacted) input assigned to them, so nothing else can leak.
 */
export async function readResults(db: CallerDb, slug: string): Promise<Results | null> {
  return db.run(async (tx) => {
    const [consultation] = await tx.sql<{ id: string; slug: string; title: string }>`
      select id, slug, title from public.consultations where slug = ${slug}`;
    if (!consultation) return null;
    const themes = await tx.sql<{ id: string; label: string; description_md: string; reaction_md: string }>`
      select id, label, description_md, reaction_md from public.themes
      where consultation_id = ${consultation.id} and published_at is not null
      order by position, label`;
    const counts = await tx.sql<{ theme_id: string; audience: string; n: number }>`
      select a.theme_id, i.audience::text as audience, count(*)::int as n
      from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
      join public.themes t on t.id = a.theme_id
      where t.consultation_id = ${consultation.id} and t.published_at is not null and i.status = 'approved'
      group by a.theme_id, i.audience`;
    const quotes = await tx.sql<{ theme_id: string; body: string; audience: string; channel: string }>`
      select theme_id, body, audience, channel from (
        select a.theme_id, i.body, i.audience::text as audience, i.channel::text as channel,
               row_number() over (partition by a.theme_id order by a.score desc, i.id) as rank
        from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
        join public.themes t on t.id = a.theme_id
        where t.consultation_id = ${consultation.id} and t.published_at is not null
          and i.status = 'approved' and a.is_primary and length(i.body) <= 600
      ) ranked where rank <= ${quotesPerTheme}
      order by theme_id, rank`;

    const [version] = await tx.sql<{ label: string; created_at: Date }>`
      select label, created_at from public.results_version(${consultation.id})`;

    const audiences = [...new Set(counts.map((c) => c.audience))].sort();
    return {
      consultation,
      version: version ? { label: version.label, createdAt: new Date(version.created_at) } : null,
      audiences,
      themes: themes
        .map((t) => {
          const byAudience: Record<string, number> = {};
          for (const c of counts) if (c.theme_id === t.id) byAudience[c.audience] = c.n;
          return {
            id: t.id,
            label: t.label,
            descriptionMd: t.description_md,
            reactionMd: t.reaction_md,
            mentions: Object.values(byAudience).reduce((a, b) => a + b, 0),
            byAudience,
            quotes: quotes
              .filter((q) => q.theme_id === t.id)
              .map(({ body, audience, channel }) => ({ body, audience, channel })),
          };
        })
        .sort((a, b) => b.mentions - a.mentions),
    };
  });
}
