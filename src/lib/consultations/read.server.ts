import type { CallerDb } from '../db/types';

export interface ConsultationSummary {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly state: 'upcoming' | 'open' | 'closed';
}

export function stateAt(opensAt: Date, closesAt: Date, now: Date): ConsultationSummary['state'] {
  if (now < opensAt) return 'upcoming';
  return now < closesAt ? 'open' : 'closed';
}

/** Published consultations, newest first, as the caller may see them. */
export async function listConsultations(db: CallerDb, now = new Date()): Promise<ConsultationSummary[]> {
  const rows = await db.run(
    (tx) =>
      tx.sql<{ id: string; slug: string; title: string; summary: string; opens_at: Date; closes_at: Date }>`
      select id, slug, title, summary, opens_at, closes_at from public.consultations
      where status = 'published' order by opens_at desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    opensAt: new Date(r.opens_at),
    closesAt: new Date(r.closes_at),
    state: stateAt(new Date(r.opens_at), new Date(r.closes_at), now),
  }));
}
