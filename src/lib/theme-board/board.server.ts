import type { CallerDb } from '../db/types';
import { renderMarkdown } from '../markdown/render.server';
import { listSnapshots, type SnapshotSummary } from './edit.server';
import { latestJob, type ThemeJob } from './jobs.server';
import type { ThemeStatus } from './state.server';

export interface BoardItem {
  id: string;
  body: string;
  audience: string;
  channel: string;
  score: number;
  manual: boolean;
}

export interface BoardTheme {
  id: string;
  label: string;
  descriptionMd: string;
  descriptionHtml: string;
  reactionMd: string;
  reactionHtml: string;
  origin: string;
  status: ThemeStatus;
  locked: boolean;
  published: boolean;
  topTerms: string[];
  version: number;
  /** "berichten": approved items whose primary theme this is. */
  size: number;
  /** "ook genoemd": approved items for which this is a secondary theme (never added to size). */
  secondary: number;
  /** How close its items are to each other against the rest, 0..1 (the engine's; null: not measured). */
  coherence: number | null;
  /** True when the board estimated the coherence itself (the engine's figure is not stored yet). */
  coherenceEstimated?: boolean;
  byAudience: Record<string, number>;
  byChannel: Record<string, number>;
  /** The items closest to the theme (highest score first), at most itemsPerTheme. */
  items: BoardItem[];
}

export interface Board {
  consultation: { id: string; slug: string; title: string; resultsPublished: boolean };
  themes: BoardTheme[];
  /** Approved items without a theme: count and the first ones. */
  unassigned: { count: number; items: BoardItem[] };
  approvedCount: number;
  questions: { id: string; audience: string; prompt: string }[];
  snapshots: SnapshotSummary[];
  job: ThemeJob | null;
}

export const itemsPerTheme = 40;

export interface ConsultationChoice {
  slug: string;
  title: string;
  approved: number;
}

/** Consultations the analyst can work on, with their number of approved items. */
export async function listConsultations(db: CallerDb): Promise<ConsultationChoice[]> {
  return db.run(
    (tx) =>
      tx.sql<ConsultationChoice>`
      select c.slug, c.title,
        (select count(*)::int from public.input_items i where i.consultation_id = c.id and i.status = 'approved') as approved
      from public.consultations c
      -- The live consultation first (the default choice), drafts next, archived ones last.
      order by c.status = 'published' desc, c.status = 'archived', c.opens_at desc, c.slug`,
  );
}

/** The board of one consultation as the caller sees it (RLS: analysts and admins see everything). */
export async function readBoard(db: CallerDb, slug: string): Promise<Board | null> {
  const base = await db.run(async (tx) => {
    const [consultation] = await tx.sql<{
      id: string;
      slug: string;
      title: string;
      results_published: boolean;
    }>`
      select id, slug, title, results_published_at is not null as results_published
      from public.consultations where slug = ${slug}`;
    if (!consultation) return null;
    const id = consultation.id;
    const themes = await tx.sql<{
      id: string;
      label: string;
      description_md: string;
      reaction_md: string;
      origin: string;
      status: ThemeStatus;
      locked: boolean;
      published: boolean;
      top_terms: string[];
      version: number;
      coherence: number | null;
      secondary: number;
    }>`
      select t.id, t.label, t.description_md, t.reaction_md, t.origin::text as origin, t.status::text as status,
             t.locked, t.published_at is not null as published, t.top_terms, t.version, t.coherence::float8 as coherence,
             (select count(*)::int from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
              where a.theme_id = t.id and not a.is_primary and i.status = 'approved') as secondary
      from public.themes t where t.consultation_id = ${id} and t.status in ('candidate', 'active')
      order by t.status = 'candidate', t.position, t.label, t.id`;
    const spread = await tx.sql<{ theme_id: string; audience: string; channel: string; n: number }>`
      select a.theme_id, i.audience::text as audience, i.channel::text as channel, count(*)::int as n
      from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
      where a.consultation_id = ${id} and a.is_primary and i.status = 'approved'
      group by a.theme_id, i.audience, i.channel`;
    const items = await tx.sql<BoardItem & { theme_id: string }>`
      select theme_id, id, body, audience, channel, score, manual from (
        select a.theme_id, i.id, i.body, i.audience::text as audience, i.channel::text as channel,
               a.score::float8 as score, a.source = 'manual' as manual,
               row_number() over (partition by a.theme_id order by a.source = 'manual' desc, a.score desc, i.id) as rank
        from public.theme_assignments a join public.input_items i on i.id = a.input_item_id
        where a.consultation_id = ${id} and a.is_primary and i.status = 'approved'
      ) ranked where rank <= ${itemsPerTheme}
      order by theme_id, rank`;
    const [counts] = await tx.sql<{ approved: number; unassigned: number }>`
      select count(*)::int as approved,
             count(*) filter (where not exists (
               select 1 from public.theme_assignments a where a.input_item_id = i.id and a.is_primary
             ))::int as unassigned
      from public.input_items i where i.consultation_id = ${id} and i.status = 'approved'`;
    const loose = await tx.sql<BoardItem>`
      select i.id, i.body, i.audience::text as audience, i.channel::text as channel, 0::float8 as score, false as manual
      from public.input_items i
      where i.consultation_id = ${id} and i.status = 'approved'
        and not exists (select 1 from public.theme_assignments a where a.input_item_id = i.id and a.is_primary)
      order by i.created_at desc, i.id limit ${itemsPerTheme}`;
    const questions = await tx.sql<{ id: string; audience: string; prompt: string }>`
      select id, audience::text as audience, prompt from public.questions
      where consultation_id = ${id} order by audience, position, key`;
    return { consultation, themes, spread, items, counts, loose, questions };
  });
  if (!base) return null;
  const { consultation, themes, spread, items, counts, loose, questions } = base;
  const [snapshots, job] = await Promise.all([
    listSnapshots(db, consultation.id),
    latestJob(db, consultation.id),
  ]);
  return {
    consultation: {
      id: consultation.id,
      slug: consultation.slug,
      title: consultation.title,
      resultsPublished: consultation.results_published,
    },
    themes: themes.map((t) => {
      const byAudience: Record<string, number> = {};
      const byChannel: Record<string, number> = {};
      let size = 0;
      for (const s of spread)
        if (s.theme_id === t.id) {
          byAudience[s.audience] = (byAudience[s.audience] ?? 0) + s.n;
          byChannel[s.channel] = (byChannel[s.channel] ?? 0) + s.n;
          size += s.n;
        }
      return {
        id: t.id,
        label: t.label,
        descriptionMd: t.description_md,
        descriptionHtml: renderMarkdown(t.description_md),
        reactionMd: t.reaction_md,
        reactionHtml: renderMarkdown(t.reaction_md),
        origin: t.origin,
        status: t.status,
        locked: t.locked,
        published: t.published,
        topTerms: t.top_terms,
        version: t.version,
        size,
        secondary: t.secondary,
        coherence: t.coherence === null ? null : Number(t.coherence),
        byAudience,
        byChannel,
        items: items
          .filter((i) => i.theme_id === t.id)
          .map(({ theme_id: _theme, ...item }) => ({ ...item, score: Number(item.score) })),
      };
    }),
    unassigned: { count: counts?.unassigned ?? 0, items: loose },
    approvedCount: counts?.approved ?? 0,
    questions,
    snapshots,
    job,
  };
}
