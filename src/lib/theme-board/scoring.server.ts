import { createHash } from 'node:crypto';
import type { CallerDb, Tx } from '../db/types';
import { type BoardScorer, buildScorer, type ItemScore } from './scorer.server';

/**
 * One scorer per consultation in server memory. Building it analyses every approved text (the
 * expensive part); it is rebuilt only when the approved items (ids, versions) or the live themes
 * (label, description, locked) change. Everything that must survive lives in Postgres: the
 * scorer is only a cache, and a restart rebuilds it on the next request.
 */
interface Entry {
  key: string;
  scorer: BoardScorer;
  builtMs: number;
  /** Coherence per theme for one membership state (estimated when the engine gave none). */
  coherence?: { state: string; byTheme: Map<string, number> };
}
const scorers = new Map<string, Entry>();
const maxConsultations = 8;

export interface LiveTheme {
  id: string;
  label: string;
  locked: boolean;
}

export interface Primary {
  themeId: string;
  manual: boolean;
  score: number;
}

/** The board's state as the scorer needs it, read as the caller. */
export interface ScoringState {
  scorer: BoardScorer;
  themes: Map<string, LiveTheme>;
  /** Every approved item id, and its primary theme where it has one. */
  approved: string[];
  primaries: Map<string, Primary>;
  /** Primary members of the live, unlocked themes, as the scorer takes them. */
  members: Map<string, string[]>;
  /** Items the analyst placed or confirmed. */
  confirmed: Set<string>;
  /** Approved items without a confirmed placement, outside locked themes. */
  unconfirmed: string[];
  builtMs: number;
  /** Fingerprint of the membership (for caches of derived figures). */
  state: string;
  consultationId: string;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

async function readState(tx: Tx, consultationId: string) {
  const [fp] = await tx.sql<{ items: string | null; themes: string | null }>`
    select
      (select md5(string_agg(i.id::text || ':' || i.version, ',' order by i.id))
         from public.input_items i where i.consultation_id = ${consultationId} and i.status = 'approved') as items,
      (select md5(string_agg(t.id::text || ':' || t.locked || ':' || t.label || ':' || t.description_md, ',' order by t.id))
         from public.themes t where t.consultation_id = ${consultationId} and t.status in ('candidate', 'active')) as themes`;
  const themes = await tx.sql<LiveTheme & { description_md: string }>`
    select id, label, locked, description_md from public.themes
    where consultation_id = ${consultationId} and status in ('candidate', 'active')
    order by position, id`;
  const rows = await tx.sql<{
    id: string;
    theme_id: string | null;
    manual: boolean | null;
    score: number | null;
  }>`
    select i.id, a.theme_id, a.source = 'manual' as manual, a.score::float8 as score
    from public.input_items i
    left join public.theme_assignments a on a.input_item_id = i.id and a.is_primary
    where i.consultation_id = ${consultationId} and i.status = 'approved'
    order by i.id`;
  return { key: `${fp?.items ?? ''}|${fp?.themes ?? ''}`, themes, rows };
}

/** The consultation's scorer and membership; builds or reuses the scorer. */
export async function scoringState(db: CallerDb, consultationId: string): Promise<ScoringState> {
  const { key, themes, rows } = await db.run((tx) => readState(tx, consultationId));
  let entry = scorers.get(consultationId);
  if (!entry || entry.key !== key) {
    const texts = await db.run(
      (tx) => tx.sql<{ id: string; body: string }>`
        select id, body from public.input_items
        where consultation_id = ${consultationId} and status = 'approved' order by id`,
    );
    const started = performance.now();
    const scorer = buildScorer({
      items: texts.map((t) => ({ id: t.id, text: t.body })),
      themes: themes.map((t) => ({
        id: t.id,
        label: t.label,
        description: t.description_md || undefined,
        locked: t.locked,
        source: 'previous' as const,
      })),
    });
    entry = { key, scorer, builtMs: Math.round(performance.now() - started) };
    scorers.delete(consultationId);
    scorers.set(consultationId, entry);
    while (scorers.size > maxConsultations) scorers.delete(scorers.keys().next().value as string);
  }
  const live = new Map(themes.map((t) => [t.id, { id: t.id, label: t.label, locked: t.locked }]));
  const primaries = new Map<string, Primary>();
  const members = new Map<string, string[]>();
  const confirmed = new Set<string>();
  const unconfirmed: string[] = [];
  for (const r of rows) {
    const theme = r.theme_id ? live.get(r.theme_id) : undefined;
    if (r.theme_id && theme) {
      primaries.set(r.id, { themeId: r.theme_id, manual: r.manual === true, score: Number(r.score ?? 0) });
      if (!theme.locked) {
        const list = members.get(r.theme_id) ?? [];
        list.push(r.id);
        members.set(r.theme_id, list);
      }
    }
    if (r.manual === true && theme) confirmed.add(r.id);
    else if (!theme?.locked) unconfirmed.push(r.id);
  }
  const state = md5(rows.map((r) => `${r.id}:${r.theme_id ?? ''}:${r.manual ? 1 : 0}`).join(','));
  return {
    scorer: entry.scorer,
    themes: live,
    approved: rows.map((r) => r.id),
    primaries,
    members,
    confirmed,
    unconfirmed,
    builtMs: entry.builtMs,
    state: `${key}|${state}`,
    consultationId,
  };
}

/**
 * Scores items against profiles they are not part of themselves: the items are split in two
 * halves, and each half is scored against the members minus that half (two calls of `score`).
 * Otherwise an item in a small theme vouches for itself, and a misplaced item looks certain.
 */
export function scoreHeldOut(s: ScoringState, itemIds: readonly string[]): ItemScore[] {
  const out: ItemScore[] = [];
  for (const fold of [0, 1]) {
    const held = new Set(itemIds.filter((_, i) => i % 2 === fold));
    if (held.size === 0) continue;
    const members = new Map([...s.members].map(([theme, ids]) => [theme, ids.filter((id) => !held.has(id))]));
    out.push(...s.scorer.score(members, [...held], s.confirmed));
  }
  return out;
}

/** How sure the scorer is of the item's current place (its doubt: lower = review first). */
export function confidenceIn(current: string | null, s: ItemScore): number {
  if (current === null) return s.themeId === 'overig' ? 0 : s.score;
  if (s.themeId === current) return s.score;
  if (s.runnerUp?.themeId === current) return s.runnerUp.score;
  return 0;
}

/**
 * Estimated coherence per theme when the engine gave none: the share of the theme's items whose
 * best theme under the scorer is this theme (1 = every item fits it best).
 */
export function estimateCoherence(s: ScoringState): Map<string, number> {
  const entry = scorers.get(s.consultationId);
  if (entry?.coherence?.state === s.state) return entry.coherence.byTheme;
  const scores = scoreHeldOut(s, [...s.primaries.keys()]);
  const hits = new Map<string, [number, number]>();
  for (const score of scores) {
    const own = s.primaries.get(score.itemId)?.themeId;
    if (!own) continue;
    const [fit, all] = hits.get(own) ?? [0, 0];
    hits.set(own, [fit + (score.themeId === own ? 1 : 0), all + 1]);
  }
  const byTheme = new Map([...hits].map(([id, [fit, all]]) => [id, all > 0 ? fit / all : 0]));
  if (entry) entry.coherence = { state: s.state, byTheme };
  return byTheme;
}

/** Forgets the scorers (tests). */
export function clearScorers(): void {
  scorers.clear();
}
