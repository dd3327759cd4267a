import type { GuidedTheme } from '../content/schema';
import type { Tx } from '../db/types';
import {
  CATCH_ALL_ID,
  type ClusterResult,
  type GivenTheme,
  type ManualAssignment,
  type ThemeItem,
} from '../themes';
import type { RunFilters } from './schema';

/** Everything one proposing run reads, gathered in one transaction as the analyst. */
export interface RunInput {
  items: ThemeItem[];
  themes: GivenTheme[];
  /** What the engine keeps and learns from: the analyst's placements and the members of accepted themes. */
  manual: ManualAssignment[];
  /** Items that stay where they are: confirmed by the analyst, or members of an accepted theme. */
  kept: ReadonlySet<string>;
  /** Of those, the ones the analyst confirmed or placed (the engine never suggests moving them). */
  confirmed: ReadonlySet<string>;
  /** Items no earlier completed run has seen (approved since): only these may join accepted themes. */
  fresh: ReadonlySet<string>;
}

/**
 * An accepted theme: the analyst accepted it ("active", also when marked for the public page) or
 * locked it. Its label, description and members never change by a run.
 */
export const acceptedThemeSql = (t: string) =>
  `(${t}.status = 'active' or (${t}.status = 'candidate' and ${t}.locked))`;

/** Prefix of the engine ids of expected themes from content/ that are not in the database yet. */
const guidedPrefix = 'guided:';

/**
 * The engine's input: approved (redacted) input matching the filters; the live themes as given
 * themes (locked ones locked, the analyst's label kept), the expected themes from content/ that
 * never became a theme (a dismissed or merged one is not proposed again), and the analyst's
 * placements.
 */
export async function readRunInput(
  tx: Tx,
  consultationId: string,
  filters: RunFilters,
  guided: readonly GuidedTheme[],
): Promise<RunInput> {
  const items = await tx.sql<{ id: string; text: string }>`
    select i.id, i.body as text from public.input_items i
    where i.consultation_id = ${consultationId} and i.status = 'approved'
      and (${filters.audience ?? null}::public.audience is null or i.audience = ${filters.audience ?? null}::public.audience)
      and (${filters.channel ?? null}::public.channel is null or i.channel = ${filters.channel ?? null}::public.channel)
      and (${filters.questionId ?? null}::uuid is null or i.question_id = ${filters.questionId ?? null}::uuid)
    order by i.id`;
  const themes = await tx.sql<{
    id: string;
    key: string | null;
    label: string;
    description_md: string;
    status: string;
    locked: boolean;
  }>`
    select id, key, label, description_md, status::text as status, locked from public.themes
    where consultation_id = ${consultationId} order by position, id`;
  const manual = await tx.query<{ itemId: string; themeId: string; confirmed: boolean }>(
    `select a.input_item_id as "itemId", a.theme_id as "themeId", a.source = 'manual' as confirmed
     from public.theme_assignments a join public.themes t on t.id = a.theme_id
     join public.input_items i on i.id = a.input_item_id
     where a.consultation_id = $1 and a.is_primary and i.status = 'approved'
       and t.status in ('candidate', 'active') and (a.source = 'manual' or ${acceptedThemeSql('t')})`,
    [consultationId],
  );
  // Approved since the last completed run (or never run): an item the engine has not seen yet.
  const fresh = await tx.sql<{ id: string }>`
    select i.id from public.input_items i
    where i.consultation_id = ${consultationId} and i.status = 'approved'
      and coalesce(i.moderated_at, i.created_at) > coalesce((
        select max(j.created_at) from public.theme_jobs j
        where j.consultation_id = ${consultationId} and j.kind = 'propose' and j.status = 'done'
      ), '-infinity'::timestamptz)`;

  const inRun = new Set(items.map((i) => i.id));
  const knownKeys = new Set(themes.map((t) => t.key).filter((k): k is string => k !== null));
  const expected = new Map(guided.map((g) => [g.key, g]));
  const live = themes.filter((t) => t.status === 'candidate' || t.status === 'active');
  return {
    items,
    themes: [
      ...live.map((t) => ({
        id: t.id,
        label: t.label,
        // The content's description describes a guided theme best; else the analyst's text.
        description: (t.key && expected.get(t.key)?.description) || t.description_md || undefined,
        locked: t.locked,
        source: 'previous' as const,
      })),
      ...guided
        .filter((g) => !knownKeys.has(g.key))
        .map((g) => ({
          id: `${guidedPrefix}${g.key}`,
          label: g.label,
          description: g.description,
          source: 'expected' as const,
        })),
    ],
    manual: manual.filter((m) => inRun.has(m.itemId)).map(({ itemId, themeId }) => ({ itemId, themeId })),
    kept: new Set(manual.map((m) => m.itemId)),
    confirmed: new Set(manual.filter((m) => m.confirmed).map((m) => m.itemId)),
    fresh: new Set(fresh.map((f) => f.id)),
  };
}

export interface RunSummary {
  items: number;
  assigned: number;
  unassigned: number;
  newThemes: number;
  /** Items that stayed where they were: confirmed, or in an accepted theme. */
  kept: number;
  /** New items that joined an accepted theme because they clearly fit. */
  joinedAccepted: number;
  /** Open suggestions for the analyst ("Verplaatsen naar …?", "Samenvoegen met …?"). */
  suggestions: number;
}

/** How sure the engine must be of another theme before it suggests moving an accepted item. */
const moveSuggestionScore = 0.35;
/** At most this many move suggestions per run, the surest first: a list to work through, not a flood. */
const maxMoveSuggestions = 100;

const batchSize = 2000;
function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += batchSize) yield rows.slice(start, start + batchSize);
}

interface LiveTheme {
  id: string;
  status: string;
  locked: boolean;
  accepted: boolean;
  merged_into: string | null;
}

/**
 * How sure the engine must be before a new item joins a theme the analyst accepted: a clear
 * confidence, and a quarter more than for the next best theme (relative, so it holds whatever the
 * scale of the scores). Anything less waits in the review queue.
 */
export const clearFit = { score: 0.35, ahead: 1.25 } as const;
const fitsClearly = (a: { score: number; runnerUp?: { score: number } }) =>
  a.score >= clearFit.score && a.score >= clearFit.ahead * (a.runnerUp?.score ?? 0);

/**
 * Writes a run back, in one transaction as the analyst, without undoing the analyst's work:
 * - accepted themes (active, or locked) keep their label, description, keywords and members:
 *   no row of theme is removed, and only items no earlier run has seen may join, when they
 *   clearly fit (`clearFit`); a re-run with no new input changes nothing in them;
 * - an item the analyst confirmed or placed, or that sits in an accepted theme, is never moved;
 * - candidate themes are recomputed: the other items lose their automatic rows to candidates and
 *   get the engine's new ones; new expected and discovered themes that got items are added as
 *   candidates;
 * - work done while the engine ran wins: a theme merged meanwhile passes its items on to the theme
 *   it went into, a dismissed one gets none, an item placed by hand meanwhile keeps its place.
 */
export async function writeRun(
  tx: Tx,
  consultationId: string,
  filters: RunFilters,
  input: Pick<RunInput, 'items' | 'kept' | 'confirmed' | 'fresh'>,
  result: ClusterResult,
  guided: readonly GuidedTheme[],
  jobId: string | null = null,
): Promise<RunSummary> {
  const rows = await tx.query<LiveTheme>(
    `select id, status::text as status, locked, merged_into, ${acceptedThemeSql('t')} as accepted
     from public.themes t where consultation_id = $1 for update`,
    [consultationId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  /** Where an existing theme's items go now: itself, or (merged) the theme it went into. */
  const liveTarget = (id: string): string | null => {
    let theme = byId.get(id);
    for (let hops = 0; theme?.status === 'merged' && theme.merged_into && hops < 50; hops++)
      theme = byId.get(theme.merged_into);
    return theme && (theme.status === 'active' || theme.status === 'candidate') && !theme.locked
      ? theme.id
      : null;
  };
  const isAccepted = (id: string) => byId.get(id)?.accepted === true;

  // New themes for expected and discovered engine themes that got items.
  const [{ next } = { next: 0 }] = await tx.sql<{ next: number }>`
    select coalesce(max(position) + 1, 0)::int as next from public.themes where consultation_id = ${consultationId}`;
  const guidedKeys = new Map(guided.map((g) => [`${guidedPrefix}${g.key}`, g.key]));
  const target = new Map<string, string | null>();
  let position = next;
  let newThemes = 0;
  const termsJson = (terms: readonly string[]) => JSON.stringify(terms);
  for (const theme of result.themes) {
    if (theme.id === CATCH_ALL_ID) {
      target.set(theme.id, null); // "Overig" is not a theme: these items fit no theme.
    } else if (byId.has(theme.id)) {
      const live = liveTarget(theme.id);
      target.set(theme.id, live);
      // How close its items are to each other: shown on the board, for every live theme.
      if (live === theme.id && Number.isFinite(theme.coherence))
        await tx.sql`update public.themes set coherence = ${Math.min(1, Math.max(0, theme.coherence))}
          where id = ${theme.id} and coherence is distinct from ${Math.min(1, Math.max(0, theme.coherence))}::real`;
      // Keywords follow a candidate; an accepted theme keeps what the analyst accepted.
      if (live === theme.id && !isAccepted(theme.id))
        await tx.sql`
          update public.themes set top_terms = array(select jsonb_array_elements_text(${termsJson(theme.terms)}::text::jsonb))
          where id = ${theme.id} and top_terms is distinct from array(select jsonb_array_elements_text(${termsJson(theme.terms)}::text::jsonb))`;
    } else if (theme.size > 0) {
      // A predefined theme whose items did not match its description comes back under its own label
      // (origin 'discovered'): a candidate like any other, and the predefined one stays available.
      const key = theme.origin === 'guided' ? (guidedKeys.get(theme.id) ?? null) : null;
      const [created] = await tx.sql<{ id: string }>`
        insert into public.themes (consultation_id, key, label, origin, status, top_terms, position, coherence)
        values (${consultationId}, ${key}, ${theme.label.slice(0, 160)},
                ${key ? 'guided' : 'discovered'}::public.theme_origin, 'candidate', array(select jsonb_array_elements_text(${termsJson(theme.terms)}::text::jsonb)), ${position++},
                ${Number.isFinite(theme.coherence) ? Math.min(1, Math.max(0, theme.coherence)) : null})
        on conflict (consultation_id, key) do nothing
        returning id`;
      target.set(theme.id, created?.id ?? null);
      if (created) newThemes++;
    } else {
      target.set(theme.id, null);
    }
  }

  const clamp = (score: number) => Math.min(1, Math.max(0, Number.isFinite(score) ? score : 0));
  const primary: { theme_id: string; item_id: string; score: number }[] = [];
  const secondary: { theme_id: string; item_id: string; score: number }[] = [];
  let joinedAccepted = 0;
  for (const a of result.assignments) {
    if (a.manual || input.kept.has(a.itemId)) continue;
    const fresh = input.fresh.has(a.itemId);
    let themeId = target.get(a.themeId) ?? null;
    if (themeId && isAccepted(themeId)) {
      if (fresh && fitsClearly(a)) joinedAccepted++;
      else themeId = null; // Not clear enough, or seen before: the analyst decides (review queue).
    }
    if (themeId) primary.push({ theme_id: themeId, item_id: a.itemId, score: clamp(a.score) });
    for (const s of a.secondary) {
      const secondaryId = target.get(s.themeId);
      if (!secondaryId || secondaryId === themeId) continue;
      if (isAccepted(secondaryId) && !(fresh && s.score >= clearFit.score)) continue;
      secondary.push({ theme_id: secondaryId, item_id: a.itemId, score: clamp(s.score) });
    }
  }

  // The run's items lose their automatic rows to themes that are not accepted; items that are
  // kept (confirmed, or in an accepted theme) lose nothing.
  // Chosen by the run's filters rather than a list of ids: a list joined to the table made the
  // planner re-read it per row (3,000 items: 25 s on PGlite). An item approved during the run has
  // no automatic rows yet, so the same filters select the same rows to replace.
  await tx.query(
    `delete from public.theme_assignments a
     using public.input_items i, public.themes t
     where i.id = a.input_item_id and t.id = a.theme_id and a.consultation_id = $1 and a.source = 'auto'
       and not ${acceptedThemeSql('t')}
       and i.consultation_id = $1 and i.status = 'approved'
       and ($2::public.audience is null or i.audience = $2::public.audience)
       and ($3::public.channel is null or i.channel = $3::public.channel)
       and ($4::uuid is null or i.question_id = $4::uuid)
       and not exists (
         select 1 from public.theme_assignments k join public.themes kt on kt.id = k.theme_id
         where k.input_item_id = a.input_item_id and k.is_primary
           and (k.source = 'manual' or ${acceptedThemeSql('kt')})
       )`,
    [consultationId, filters.audience ?? null, filters.channel ?? null, filters.questionId ?? null],
  );
  // An item placed meanwhile, or still in an accepted theme, keeps that place (not exists … is_primary).
  // In batches: with the embedded database every statement runs on the server's thread, so one
  // statement of 100,000 rows would stall every other request for half a minute.
  let assigned = 0;
  for (const batch of batches(primary)) {
    const [row] = await tx.sql<{ n: number }>`
      with added as (
        insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
        select r.theme_id, r.item_id, ${consultationId}::uuid, 'auto', true, r.score
        from jsonb_to_recordset(${JSON.stringify(batch)}::text::jsonb) as r(theme_id uuid, item_id uuid, score real)
        join public.input_items i on i.id = r.item_id and i.status = 'approved'
        where not exists (
          select 1 from public.theme_assignments x where x.input_item_id = r.item_id and x.is_primary
        )
        on conflict (theme_id, input_item_id) do nothing
        returning 1
      )
      select count(*)::int as n from added`;
    assigned += row?.n ?? 0;
  }
  for (const batch of batches(secondary))
    await tx.sql`
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      select r.theme_id, r.item_id, ${consultationId}::uuid, 'auto', false, r.score
      from jsonb_to_recordset(${JSON.stringify(batch)}::text::jsonb) as r(theme_id uuid, item_id uuid, score real)
      join public.input_items i on i.id = r.item_id and i.status = 'approved'
      on conflict (theme_id, input_item_id) do nothing`;
  const suggestions = await writeSuggestions(
    tx,
    consultationId,
    jobId,
    input,
    result,
    (id) => target.get(id) ?? null,
  );
  const kept = input.items.filter((i) => input.kept.has(i.id)).length;
  return {
    suggestions,
    items: input.items.length,
    assigned: assigned + kept,
    unassigned: input.items.length - assigned - kept,
    newThemes,
    kept,
    joinedAccepted,
  };
}

/**
 * Replaces the open suggestions with this run's: a member of an accepted theme (not confirmed by
 * the analyst) that the engine would clearly put elsewhere ("Verplaatsen naar …?"), and themes
 * whose centres are close ("Samenvoegen met …?"). A suggestion the analyst already turned down
 * is not made again.
 */
async function writeSuggestions(
  tx: Tx,
  consultationId: string,
  jobId: string | null,
  input: Pick<RunInput, 'kept' | 'confirmed'>,
  result: ClusterResult,
  themeOf: (engineThemeId: string) => string | null,
): Promise<number> {
  const rows: { kind: 'move' | 'merge'; item: string | null; from: string; to: string; score: number }[] = [];
  const moves = result.assignments
    .filter((a) => input.kept.has(a.itemId) && !input.confirmed.has(a.itemId))
    .flatMap((a) => {
      const from = themeOf(a.themeId);
      const to = a.engineThemeId ? themeOf(a.engineThemeId) : null;
      const score = a.engineScore ?? 0;
      return from && to && from !== to && score >= moveSuggestionScore
        ? [{ kind: 'move' as const, item: a.itemId, from, to, score: Math.min(1, score) }]
        : [];
    })
    .sort((x, y) => y.score - x.score)
    .slice(0, maxMoveSuggestions);
  rows.push(...moves);
  for (const m of result.mergeSuggestions ?? []) {
    const from = themeOf(m.themeId);
    const to = themeOf(m.intoThemeId);
    if (from && to && from !== to)
      rows.push({ kind: 'merge', item: null, from, to, score: Math.min(1, Math.max(0, m.similarity)) });
  }
  await tx.sql`delete from public.theme_suggestions where consultation_id = ${consultationId} and status = 'open'`;
  if (rows.length === 0) return 0;
  const [inserted] = await tx.sql<{ n: number }>`
    with added as (
      insert into public.theme_suggestions (consultation_id, job_id, kind, input_item_id, from_theme_id, to_theme_id, score)
      select ${consultationId}::uuid, ${jobId}::uuid, r.kind, r.item, r."from", r."to", r.score
      from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
        as r(kind text, item uuid, "from" uuid, "to" uuid, score real)
      where not exists (
        select 1 from public.theme_suggestions d
        where d.consultation_id = ${consultationId}::uuid and d.status <> 'open' and d.kind = r.kind
          and d.input_item_id is not distinct from r.item and d.from_theme_id = r."from" and d.to_theme_id = r."to"
      )
      returning 1
    )
    select count(*)::int as n from added`;
  return inserted?.n ?? 0;
}
