import { sqlState } from '../db/errors';
import type { CallerDb, Tx } from '../db/types';
import type { ExportFilters, ExportFormat } from './filters';
import { itemFilter, Params, type Scope, themeCtes } from './scope.server';
import type { Breakdown, Report, ReportAdvice, ReportStop, ReportTheme } from './types';

export class ExportError extends Error {
  constructor(readonly code: 'export.notFound' | 'export.forbidden') {
    super(code);
    this.name = 'ExportError';
  }
}

const quotesPerTheme = 5;
const maxQuoteLength = 700;

/**
 * Reads the aggregates of an export and records the export in the audit log, in one transaction
 * as the caller. The database refuses anyone but analysts and admins (private.record_export), so
 * nothing is read for them. The figures are bounded (counts, stops, themes, five quotes a theme);
 * the items themselves stream afterwards through streamItems.
 */
export async function prepareExport(
  db: CallerDb,
  format: ExportFormat,
  filters: ExportFilters,
  /** Where the export was asked for, recorded in the audit log: the staff pages or the command line. */
  via: 'web' | 'cli' = 'web',
): Promise<{ report: Report; scope: Scope }> {
  try {
    return await db.run(async (tx) => {
      const [consultation] = await tx.sql<{
        id: string;
        slug: string;
        title: string;
        summary: string;
        opens_at: Date;
        closes_at: Date;
      }>`select id, slug, title, summary, opens_at, closes_at from public.consultations where slug = ${filters.consultation}`;
      if (!consultation) throw new ExportError('export.notFound');
      let snapshot: Report['snapshot'] = null;
      if (filters.source !== 'current') {
        const [row] = await tx.sql<{
          id: string;
          label: string;
          created_at: Date;
          publication_title: string | null;
          published_at: Date | null;
        }>`
          select s.id, s.label, s.created_at, p.title as publication_title, p.published_at
          from public.theme_snapshots s
          left join lateral (
            select title, published_at from public.results_publications
            where snapshot_id = s.id and withdrawn_at is null
            order by published_at desc, id desc limit 1
          ) p on true
          where s.id = ${filters.source} and s.consultation_id = ${consultation.id}`;
        // Also when RLS hides it: a moderator learns nothing about snapshots.
        if (!row) throw new ExportError('export.notFound');
        snapshot = {
          id: row.id,
          label: row.label,
          createdAt: new Date(row.created_at),
          publication:
            row.publication_title && row.published_at
              ? { title: row.publication_title, publishedAt: new Date(row.published_at) }
              : null,
        };
      }
      const scope: Scope = { consultationId: consultation.id, snapshotId: snapshot?.id ?? null, filters };
      const figures = await readFigures(tx, scope);
      const advices = await readAdvices(tx, scope);
      const counts = {
        items: figures.totals.items,
        submissions: figures.totals.submissions,
        themes: figures.themes.length,
        stops: figures.stops.length,
        byAudience: Object.fromEntries(figures.byAudience.map((a) => [a.audience, a.items])),
      };
      const { consultation: _c, ...filterDetail } = filters;
      const [audit] = await tx.sql<{ id: number }>`
        select private.record_export(${format}, ${snapshot ? `snapshot:${snapshot.id}` : 'current'},
          ${JSON.stringify({ consultation: filters.consultation, ...filterDetail })}::jsonb,
          ${JSON.stringify(counts)}::jsonb, ${via}) as id`;
      const report: Report = {
        generatedAt: new Date(),
        format,
        filters,
        consultation: {
          id: consultation.id,
          slug: consultation.slug,
          title: consultation.title,
          summary: consultation.summary,
          opensAt: new Date(consultation.opens_at),
          closesAt: new Date(consultation.closes_at),
        },
        snapshot,
        ...figures,
        advices,
        auditId: Number(audit?.id),
      };
      return { report, scope };
    });
  } catch (error) {
    if (sqlState(error) === '42501') throw new ExportError('export.forbidden');
    throw error;
  }
}

/**
 * The consultation's formal advices with their approved points and the college's responses, when
 * the selection includes written input ("schriftelijk") and the advice's audience. The date
 * filter applies to the day the advice came in.
 */
async function readAdvices(tx: Tx, scope: Scope): Promise<ReportAdvice[]> {
  const { audience, channel, from, to } = scope.filters;
  if (channel && channel !== 'schriftelijk') return [];
  const rows = await tx.sql<{
    id: string;
    sender: string;
    title: string;
    audience: string;
    received_on: string;
    adopted_on: string | null;
    points: ReportAdvice['points'] | null;
    waiting: number;
  }>`
    select w.id, w.sender, w.title, w.audience::text as audience,
           to_char(w.received_on, 'YYYY-MM-DD') as received_on,
           to_char(w.response_adopted_on, 'YYYY-MM-DD') as adopted_on,
           (select jsonb_agg(jsonb_build_object('position', p.position, 'text', i.body,
                     'responseMd', p.response_md, 'responseStatus', p.response_status) order by p.position)
            from public.written_points p join public.input_items i on i.id = p.input_item_id
            where p.written_input_id = w.id and i.status = 'approved') as points,
           (select count(*)::int from public.written_points p join public.input_items i on i.id = p.input_item_id
            where p.written_input_id = w.id and i.status = 'new') as waiting
    from public.written_inputs w
    where w.consultation_id = ${scope.consultationId} and w.kind = 'advies' and w.saved_at is not null
      and (${audience ?? null}::text is null or w.audience::text = ${audience ?? null})
      and (${from ?? null}::date is null or w.received_on >= ${from ?? null}::date)
      and (${to ?? null}::date is null or w.received_on <= ${to ?? null}::date)
    order by w.received_on, w.sender, w.id`;
  return rows
    .map((r) => ({
      id: r.id,
      sender: r.sender,
      title: r.title,
      audience: r.audience,
      receivedOn: r.received_on,
      adoptedOn: r.adopted_on,
      points: r.points ?? [],
      pointsAwaitingModeration: r.waiting,
    }))
    .filter((a) => a.points.length > 0 || a.pointsAwaitingModeration > 0);
}

type Figures = Pick<Report, 'totals' | 'byAudience' | 'byChannel' | 'profile' | 'stops' | 'themes'>;

async function readFigures(tx: Tx, scope: Scope): Promise<Figures> {
  const filtered = (p: Params) => itemFilter(scope, p);

  let p = new Params();
  const audienceRows = await tx.query<{
    audience: string;
    channel: string;
    items: number;
    submissions: number;
  }>(
    `select i.audience::text as audience, i.channel::text as channel, count(*)::int as items,
            count(distinct i.submission_id)::int as submissions
     from public.input_items i where ${filtered(p)} group by 1, 2 order by 1, 2`,
    p.values,
  );
  const byAudienceMap = new Map<
    string,
    { audience: string; items: number; online: number; roadtour: number; submissions: number }
  >();
  const byChannel: Record<string, number> = {};
  for (const r of audienceRows) {
    const entry = byAudienceMap.get(r.audience) ?? {
      audience: r.audience,
      items: 0,
      online: 0,
      roadtour: 0,
      submissions: 0,
    };
    entry.items += r.items;
    if (r.channel === 'online' || r.channel === 'roadtour') entry[r.channel] += r.items;
    entry.submissions += r.submissions;
    byAudienceMap.set(r.audience, entry);
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + r.items;
  }

  // Each profile question counts only the audiences that were asked it (issue 20, item 1): an
  // organisation's empty answers would otherwise read as "onbekend". No row for an audience (a
  // database from before the editor): residents were asked, organisations not.
  p = new Params();
  const profileRows = await tx.query<{ field: string; value: string | null; n: number }>(
    `with s as (
       select distinct sub.id, sub.audience, sub.age_band, sub.wijk, sub.receives_help
       from public.input_items i join public.submissions sub on sub.id = i.submission_id
       where ${filtered(p)}
     ), asked as (
       select s.*, coalesce(a.profile_questions,
         case when s.audience in ('aanbieder', 'ouderenbond', 'partner', 'adviesraad') then '{}'::text[]
              else '{age_band,wijk,receives_help}'::text[] end) as questions
       from s left join public.consultation_audiences a
         on a.consultation_id = ${p.add(scope.consultationId)}::uuid and a.audience = s.audience
     )
     select 'ageBand' as field, age_band as value, count(*)::int as n from asked where 'age_band' = any(questions) group by 2
     union all select 'wijk', wijk, count(*)::int from asked where 'wijk' = any(questions) group by 2
     union all select 'receivesHelp', receives_help, count(*)::int from asked where 'receives_help' = any(questions) group by 2`,
    p.values,
  );
  const profile = { ageBand: {} as Record<string, number>, wijk: {}, receivesHelp: {} } as Record<
    'ageBand' | 'wijk' | 'receivesHelp',
    Record<string, number>
  >;
  for (const r of profileRows) profile[r.field as 'ageBand'][r.value ?? 'onbekend'] = r.n;
  // The wijken in the order content/ lists them: one name per stored value (issue 16, item 11).
  const wijkRows = await tx.query<{ name: string }>(
    'select name from public.wijken where consultation_id = $1 order by offered desc, position, name',
    [scope.consultationId],
  );
  const wijkNames: Record<string, string> = Object.fromEntries(wijkRows.map((w) => [w.name, w.name]));

  p = new Params();
  const c = p.add(scope.consultationId);
  const stopRows = await tx.query<{
    id: string;
    name: string;
    location: string;
    starts_at: Date;
    ends_at: Date | null;
    group_type: string;
    status: string;
    expected_participants: number | null;
    actual_participants: number | null;
    items: number;
  }>(
    `select st.id, st.name, st.location, st.starts_at, st.ends_at, st.group_type::text as group_type,
            st.status::text as status, st.expected_participants, st.actual_participants,
            (select count(*)::int from public.input_items i where i.stop_id = st.id and ${filtered(p)}) as items
     from public.roadtour_stops st where st.consultation_id = ${c}::uuid and st.status <> 'cancelled'
     order by st.starts_at, st.name`,
    p.values,
  );
  const stops: ReportStop[] = stopRows.map((s) => ({
    id: s.id,
    name: s.name,
    location: s.location,
    startsAt: new Date(s.starts_at),
    endsAt: s.ends_at ? new Date(s.ends_at) : null,
    groupType: s.group_type,
    status: s.status,
    expectedParticipants: s.expected_participants,
    actualParticipants: s.actual_participants,
    items: s.items,
  }));

  p = new Params();
  let ctes = themeCtes(scope, p);
  // Counted per theme id first (the big join), the theme texts joined to the few result rows.
  const themeRows = await tx.query<{
    id: string;
    label: string;
    description_md: string;
    reaction_md: string;
    accepted: boolean;
    audience: string | null;
    channel: string | null;
    is_primary: boolean | null;
    n: number;
  }>(
    `with ${ctes}, counted as (
       select asg.theme_id, i.audience::text as audience, i.channel::text as channel, asg.is_primary, count(*)::int as n
       from asg join public.input_items i on i.id = asg.input_item_id
       where ${filtered(p)}
       group by 1, 2, 3, 4
     )
     select th.id, th.label, th.description_md, th.reaction_md, th.accepted, c.audience, c.channel, c.is_primary,
            coalesce(c.n, 0) as n
     from th left join counted c on c.theme_id = th.id
     order by th.accepted desc, th.position, th.label`,
    p.values,
  );

  p = new Params();
  ctes = themeCtes(scope, p);
  const quoteRows = await tx.query<{ theme_id: string; body: string; audience: string; channel: string }>(
    `with ${ctes}, ranked as (
       select asg.theme_id, i.audience, asg.score, i.id,
              row_number() over (partition by asg.theme_id, i.audience order by asg.score desc, i.id) as per_audience
       from asg join public.input_items i on i.id = asg.input_item_id
       where asg.is_primary and length(i.body) <= ${p.add(maxQuoteLength)}::int and ${filtered(p)}
     ), spread as (
       -- At most five per theme and audience go on to the second ranking; texts are fetched last.
       select *, row_number() over (partition by theme_id order by per_audience, score desc, id) as rank
       from ranked where per_audience <= ${p.add(quotesPerTheme)}::int
     )
     select s.theme_id, q.body, q.audience::text as audience, q.channel::text as channel
     from spread s join public.input_items q on q.id = s.id
     where s.rank <= ${p.add(quotesPerTheme)}::int
     order by s.theme_id, s.rank`,
    p.values,
  );

  const themes = new Map<
    string,
    ReportTheme & {
      byAudience: Record<string, number>;
      byChannel: Record<string, number>;
      alsoByAudience: Record<string, number>;
    }
  >();
  for (const r of themeRows) {
    let theme = themes.get(r.id);
    if (!theme) {
      theme = {
        id: r.id,
        label: r.label,
        accepted: r.accepted,
        descriptionMd: r.description_md,
        reactionMd: r.reaction_md,
        mentions: 0,
        byAudience: {},
        byChannel: {},
        alsoMentioned: 0,
        alsoByAudience: {},
        quotes: quoteRows
          .filter((q) => q.theme_id === r.id)
          .map(({ body, audience, channel }) => ({ body, audience, channel })),
      };
      themes.set(r.id, theme);
    }
    if (!r.audience || !r.channel || r.n === 0) continue;
    if (r.is_primary) {
      (theme as { mentions: number }).mentions += r.n;
      theme.byAudience[r.audience] = (theme.byAudience[r.audience] ?? 0) + r.n;
      theme.byChannel[r.channel] = (theme.byChannel[r.channel] ?? 0) + r.n;
    } else {
      (theme as { alsoMentioned: number }).alsoMentioned += r.n;
      theme.alsoByAudience[r.audience] = (theme.alsoByAudience[r.audience] ?? 0) + r.n;
    }
  }

  const byAudience = [...byAudienceMap.values()];
  return {
    totals: {
      items: byAudience.reduce((sum, a) => sum + a.items, 0),
      onlineItems: byChannel.online ?? 0,
      roadtourItems: byChannel.roadtour ?? 0,
      submissions: byAudience.reduce((sum, a) => sum + a.submissions, 0),
      stopsHeld: stops.filter((s) => s.status === 'completed').length,
      stopParticipants: stops.reduce(
        (sum, s) => sum + (s.status === 'completed' ? (s.actualParticipants ?? 0) : 0),
        0,
      ),
      // Every assigned item has exactly one main theme (a unique index says so).
      itemsWithTheme: [...themes.values()].reduce((sum, t) => sum + (t.accepted ? t.mentions : 0), 0),
    },
    byAudience,
    byChannel: byChannel as Breakdown,
    profile: { ...profile, wijkNames },
    stops,
    themes: [...themes.values()],
  };
}
