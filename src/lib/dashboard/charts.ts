/** One chart of the dashboard: its numbers, which the island draws and also shows as a table. */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** Says in words what the chart shows (also the table's caption). */
  readonly description: string;
  readonly kind: 'bar' | 'line';
  readonly horizontal?: boolean;
  readonly stacked?: boolean;
  /** Header of the first table column (what the labels are). */
  readonly labelHeader: string;
  readonly labels: readonly string[];
  readonly series: readonly { readonly label: string; readonly values: readonly number[] }[];
}

/** Days from first to last inclusive, as yyyy-mm-dd, so quiet days show as zero, not as a gap. */
export function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= end && days.length < 800; at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** Colour-blind-safe palette (Okabe–Ito), dark enough on white: series i gets colour i. */
export const chartColours = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

/**
 * The chart.js configuration of a spec: one definition for the dashboard's canvas in the browser
 * and for the report's images drawn on the server (src/lib/exports/chart-image.server.ts).
 * `font` sets the family the server has; the browser keeps chart.js's default.
 */
export function chartConfig(chart: ChartSpec, options: { font?: string } = {}) {
  const font = options.font ? { family: options.font } : undefined;
  const ticks = { precision: 0, ...(font ? { font } : {}) };
  return {
    type: chart.kind,
    data: {
      labels: [...chart.labels],
      datasets: chart.series.map((s, i) => ({
        label: s.label,
        data: [...s.values],
        backgroundColor: chartColours[i % chartColours.length],
        borderColor: chartColours[i % chartColours.length],
      })),
    },
    options: {
      indexAxis: chart.horizontal ? ('y' as const) : ('x' as const),
      animation: false as const,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: chart.stacked ?? false, ticks },
        y: { stacked: chart.stacked ?? false, ticks },
      },
      plugins: {
        legend: { position: 'bottom' as const, ...(font ? { labels: { font } } : {}) },
        title: { display: true, text: chart.title, ...(font ? { font: { ...font, size: 14 } } : {}) },
      },
    },
  };
}

/**
 * "Thema's per doelgroep": approved items per theme whose primary theme it is ("berichten"),
 * stacked by audience. The dashboard and the participatieverslag draw this same spec.
 */
export function themesByAudienceChart(
  themes: readonly { label: string; byAudience: Readonly<Record<string, number>> }[],
  audiences: readonly { code: string; name: string }[],
): ChartSpec {
  const shown = audiences.filter((a) => themes.some((t) => (t.byAudience[a.code] ?? 0) > 0));
  return {
    id: 'thema',
    title: "Thema's per doelgroep",
    description: 'Aantal goedgekeurde reacties per thema (hoofdthema), verdeeld over de doelgroepen.',
    kind: 'bar',
    horizontal: true,
    stacked: true,
    labelHeader: 'Thema',
    labels: themes.map((t) => t.label),
    series: shown.map((a) => ({ label: a.name, values: themes.map((t) => t.byAudience[a.code] ?? 0) })),
  };
}

/** chart.js plugin: a white background, so a PNG looks the same on a dark slide or in Word. */
export const whiteBackground = {
  id: 'dm-white-background',
  beforeDraw: (c: { ctx: CanvasRenderingContext2D; width: number; height: number }) => {
    c.ctx.save();
    c.ctx.globalCompositeOperation = 'destination-over';
    c.ctx.fillStyle = '#ffffff';
    c.ctx.fillRect(0, 0, c.width, c.height);
    c.ctx.restore();
  },
};
