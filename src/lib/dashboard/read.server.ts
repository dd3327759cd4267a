import { z } from 'zod';
import { audiences } from '../content/schema';
import type { CallerDb } from '../db/types';
import { audienceName, channelNames, formatDate } from '../exports/labels.nl';
import { isoDay } from '../http/query';
import { type ChartSpec, dayRange, themesByAudienceChart } from './charts';

const day = isoDay;
const empty = (value: unknown) => (value === '' || value === null ? undefined : value);

export const DashboardFiltersSchema = z.object({
  consultation: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(80)
      .optional(),
  ),
  audience: z.preprocess(empty, z.enum(audiences).optional()),
  from: z.preprocess(empty, day.optional()),
  to: z.preprocess(empty, day.optional()),
});
export type DashboardFilters = z.infer<typeof DashboardFiltersSchema>;

/** Who may open the dashboard (the database checks the same roles in private.input_counts). */
export const canSeeDashboard = (role: string): boolean => role === 'analyst' || role === 'admin';

export interface Dashboard {
  readonly consultations: readonly { slug: string; title: string }[];
  readonly consultation: { slug: string; title: string } | null;
  readonly filters: DashboardFilters;
  readonly totals: { received: number; approved: number; waiting: number };
  readonly charts: readonly ChartSpec[];
}

const statusNames: Record<string, string> = {
  new: 'Wacht op moderatie',
  approved: 'Goedgekeurd',
  rejected: 'Afgewezen',
  hidden: 'Verborgen',
};

/** A day under the time chart, short ("17 nov"): long dates stood on end took half the chart. */
const shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', timeZone: 'UTC' });

interface CountRow {
  day: string;
  channel: string;
  audience: string;
  stop_id: string | null;
  status: string;
  items: number;
}

/**
 * The dashboard's figures, as the signed-in staff member. Counts of all input come from
 * private.input_counts (numbers only, so analysts see moderation progress without reading
 * unapproved text); theme sizes count approved input only.
 */
export async function readDashboard(db: CallerDb, filters: DashboardFilters): Promise<Dashboard> {
  return db.run(async (tx) => {
    const consultations = await tx.sql<{ id: string; slug: string; title: string }>`
      select id, slug, title from public.consultations
      -- The live consultation first (the default choice), drafts next, archived ones last.
      order by status = 'published' desc, status = 'archived', opens_at desc, title`;
    const consultation =
      consultations.find((c) => c.slug === filters.consultation) ?? consultations[0] ?? null;
    const list = consultations.map(({ slug, title }) => ({ slug, title }));
    if (!consultation)
      return {
        consultations: list,
        consultation: null,
        filters,
        totals: { received: 0, approved: 0, waiting: 0 },
        charts: [],
      };

    const from = filters.from ?? null;
    const to = filters.to ?? null;
    const counts = await tx.sql<CountRow>`
      select day::text as day, channel::text as channel, audience::text as audience, stop_id, status::text as status, items
      from private.input_counts(${consultation.id}::uuid,
        (${from}::date::timestamp at time zone 'Europe/Amsterdam'),
        ((${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam'),
        ${filters.audience ?? null}::public.audience)
      order by day`;
    const stops = await tx.sql<{
      id: string;
      name: string;
      starts_at: Date;
      actual_participants: number | null;
      status: string;
    }>`
      select id, name, starts_at, actual_participants, status::text as status from public.roadtour_stops
      where consultation_id = ${consultation.id} and status <> 'cancelled' order by starts_at, name`;
    // Every accepted theme (plan: active, locked or published), with approved items per audience:
    // "berichten" where it is the primary theme, "ook genoemd" where it is a secondary one.
    const themeRows = await tx.sql<{
      id: string;
      label: string;
      audience: string | null;
      primary: number;
      secondary: number;
    }>`
      select t.id, t.label, i.audience::text as audience,
        (count(i.id) filter (where a.is_primary))::int as primary,
        (count(i.id) filter (where not a.is_primary))::int as secondary
      from public.themes t
      left join public.theme_assignments a on a.theme_id = t.id
      left join public.input_items i on i.id = a.input_item_id and i.status = 'approved'
        and (${filters.audience ?? null}::public.audience is null or i.audience = ${filters.audience ?? null}::public.audience)
        and (${from}::date is null or i.created_at >= (${from}::date::timestamp at time zone 'Europe/Amsterdam'))
        and (${to}::date is null or i.created_at < ((${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam'))
      where t.consultation_id = ${consultation.id}
        and t.status not in ('dismissed', 'merged')
        and (t.status = 'active' or t.locked or t.published_at is not null)
      group by t.id, t.label, t.position, 3 order by t.position, t.label`;
    // The audiences this consultation asks (its questions), and any that gave input all the same
    // (the roadtour notes a group's audience): each is a bar or column, with zero where none.
    const asked = await tx.sql<{ audience: string }>`
      select distinct audience::text as audience from public.questions where consultation_id = ${consultation.id}`;
    const consultationAudiences = audiences.filter(
      (a) =>
        (!filters.audience || a === filters.audience) &&
        (asked.some((q) => q.audience === a) ||
          counts.some((r) => r.audience === a) ||
          themeRows.some((t) => t.audience === a)),
    );

    const sum = (rows: CountRow[]) => rows.reduce((n, r) => n + r.items, 0);
    const charts: ChartSpec[] = [];

    // Input over time, per channel.
    const days = counts.length
      ? dayRange(counts[0]?.day as string, counts[counts.length - 1]?.day as string)
      : [];
    // Imported spreadsheets and letters only once there are any (issue 19).
    const channels = [
      'online',
      'roadtour',
      ...(['import', 'schriftelijk'] as const).filter((c) => counts.some((r) => r.channel === c)),
    ];
    charts.push({
      id: 'tijd',
      title: 'Inbreng per dag',
      description:
        'Aantal reacties per dag, online en van de roadtour (alle reacties, ook die nog gemodereerd worden).',
      kind: 'bar',
      stacked: true,
      labelHeader: 'Dag',
      labels: days.map((d) => formatDate(new Date(`${d}T12:00:00Z`))),
      axisLabels: days.map((d) => shortDate.format(new Date(`${d}T12:00:00Z`))),
      series: channels.map((c) => ({
        label: channelNames[c] ?? c,
        values: days.map((d) => sum(counts.filter((r) => r.day === d && r.channel === c))),
      })),
    });

    // Per audience.
    charts.push({
      id: 'doelgroep',
      title: 'Inbreng per doelgroep',
      description: 'Aantal reacties per doelgroep: alle ontvangen reacties en de goedgekeurde.',
      kind: 'bar',
      horizontal: true,
      labelHeader: 'Doelgroep',
      labels: consultationAudiences.map(audienceName),
      series: [
        {
          label: 'Ontvangen',
          values: consultationAudiences.map((a) => sum(counts.filter((r) => r.audience === a))),
        },
        {
          label: 'Goedgekeurd',
          values: consultationAudiences.map((a) =>
            sum(counts.filter((r) => r.audience === a && r.status === 'approved')),
          ),
        },
      ],
    });

    // Per roadtour stop.
    charts.push({
      id: 'bijeenkomst',
      title: 'Roadtour per bijeenkomst',
      description: 'Aantal deelnemers (zoals de gespreksleider telde) en aantal reacties per bijeenkomst.',
      kind: 'bar',
      horizontal: true,
      labelHeader: 'Bijeenkomst',
      labels: stops.map((s) => `${s.name} (${formatDate(new Date(s.starts_at))})`),
      series: [
        { label: 'Deelnemers', values: stops.map((s) => s.actual_participants ?? 0) },
        { label: 'Reacties', values: stops.map((s) => sum(counts.filter((r) => r.stop_id === s.id))) },
      ],
    });

    // Per theme, by audience (the participatieverslag draws the same spec).
    const themes = [...new Map(themeRows.map((t) => [t.id, t.label])).entries()];
    const count = (id: string, audience: string | null, key: 'primary' | 'secondary') =>
      themeRows
        .filter((t) => t.id === id && (audience === null || t.audience === audience))
        .reduce((n, t) => n + t[key], 0);
    charts.push(
      themesByAudienceChart(
        themes.map(([id, label]) => ({
          label,
          byAudience: Object.fromEntries(consultationAudiences.map((a) => [a, count(id, a, 'primary')])),
          alsoMentioned: count(id, null, 'secondary'),
        })),
        consultationAudiences.map((a) => ({ code: a, name: audienceName(a) })),
      ),
    );

    // Moderation progress.
    const statuses = ['new', 'approved', 'rejected', 'hidden'];
    charts.push({
      id: 'moderatie',
      title: 'Voortgang moderatie',
      description: 'Aantal reacties per moderatiestatus, online en van de roadtour.',
      kind: 'bar',
      horizontal: true,
      stacked: true,
      labelHeader: 'Status',
      labels: statuses.map((s) => statusNames[s] ?? s),
      series: channels.map((c) => ({
        label: channelNames[c] ?? c,
        values: statuses.map((s) => sum(counts.filter((r) => r.status === s && r.channel === c))),
      })),
    });

    return {
      consultations: list,
      consultation: { slug: consultation.slug, title: consultation.title },
      filters,
      totals: {
        received: sum(counts),
        approved: sum(counts.filter((r) => r.status === 'approved')),
        waiting: sum(counts.filter((r) => r.status === 'new')),
      },
      charts,
    };
  });
}
