/** One series of a chart: a bar (or part of a stacked bar) or a line per label. */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly number[];
  /**
   * Stacked charts: series with the same stack make up one bar; a series with another stack gets
   * its own bar beside it, so its numbers are never added to the others (secondary theme counts).
   */
  readonly stack?: string;
}

/** One chart of the dashboard: its numbers, which the island draws and also shows as a table. */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** Says in words what the chart shows (also the table's caption). */
  readonly description: string;
  /** One line that explains what is counted, shown with the chart. */
  readonly note?: string;
  readonly kind: 'bar' | 'line';
  readonly horizontal?: boolean;
  readonly stacked?: boolean;
  /** Header of the first table column (what the labels are). */
  readonly labelHeader: string;
  readonly labels: readonly string[];
  /** Shorter labels for the axis of a vertical chart (say "17 nov"); the table keeps `labels`. */
  readonly axisLabels?: readonly string[];
  readonly series: readonly ChartSeries[];
}

/** Days from first to last inclusive, as yyyy-mm-dd, so quiet days show as zero, not as a gap. */
export function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= end && days.length < 800; at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** The font of every chart (the site's own), in px. */
export const chartFont = {
  family: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  size: 12,
  lineHeight: 1.2,
} as const;

/** Width of a text in px, in the chart font (a canvas in the browser, any measurer on a server). */
export type Measure = (text: string) => number;

/**
 * Splits a label into lines no wider than `maxWidth`, at spaces; a word wider than that on its own
 * is broken with a hyphen. Nothing is ever left out: joined again, the lines give the label back.
 */
export function wrapLabel(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    // One word too wide for a line: break it, keeping at least one letter per line.
    while (measure(line) > maxWidth && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && measure(`${line.slice(0, cut)}-`) > maxWidth) cut--;
      lines.push(`${line.slice(0, cut)}-`);
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * The widest the labels beside a horizontal bar chart may be: well under half the chart (chart.js
 * gives an axis at most half and cuts what does not fit), and no wider than a short sentence.
 */
export const labelWidth = (chartWidth: number): number =>
  Math.max(72, Math.min(300, Math.floor(chartWidth * 0.4)));

/** Rows the legend needs at this width (chart.js: a 40 px box, a gap, the text, 10 px apart). */
export function legendRows(labels: readonly string[], chartWidth: number, measure: Measure): number {
  let rows = labels.length ? 1 : 0;
  let used = 0;
  for (const label of labels) {
    const item = 40 + chartFont.size / 2 + measure(label) + 10;
    if (used > 0 && used + item > chartWidth) {
      rows++;
      used = 0;
    }
    used += item;
  }
  return rows;
}

/**
 * Height in px a chart needs at a width: a horizontal chart grows with its bars and with the lines
 * its wrapped labels take, so no label overlaps the next; the legend below may take several rows.
 */
export function chartHeight(
  spec: Pick<ChartSpec, 'horizontal' | 'labels' | 'series' | 'stacked'>,
  width: number,
  measure: Measure,
  withTitle = false,
): number {
  const line = chartFont.size * chartFont.lineHeight;
  const legend = legendRows(
    spec.series.map((s) => s.label),
    width,
    measure,
  );
  const chrome = (withTitle ? line + 20 : 0) + legend * (chartFont.size + 10) + 10 + 40;
  if (!spec.horizontal) return Math.round(Math.max(320, chrome + 240));
  const bars = spec.stacked ? new Set(spec.series.map((s) => s.stack ?? '')).size : spec.series.length;
  const maxLines = Math.max(
    1,
    ...spec.labels.map((label) => wrapLabel(label, labelWidth(width), measure).length),
  );
  const perLabel = Math.max(bars * 14 + 16, maxLines * line + 14);
  return Math.round(Math.max(224, chrome + spec.labels.length * perLabel));
}

/** The one line that explains theme counts wherever they are shown (one definition everywhere). */
export const themeCountsExplained =
  'Berichten: reacties waarin dit het belangrijkste thema is. Ook genoemd: reacties die dit thema daarnaast noemen.';

/**
 * "Thema's per doelgroep": per theme one stacked bar of "berichten" (approved items whose primary
 * theme it is) by audience, every audience a series (zero where none), and beside it one bar of
 * "ook genoemd" (secondary), never added to the first. The dashboard and the participatieverslag
 * draw this same spec.
 */
export function themesByAudienceChart(
  themes: readonly { label: string; byAudience: Readonly<Record<string, number>>; alsoMentioned: number }[],
  audiences: readonly { code: string; name: string }[],
): ChartSpec {
  return {
    id: 'thema',
    title: "Thema's per doelgroep",
    description:
      'Berichten per thema, verdeeld over de doelgroepen (goedgekeurde reacties), en apart hoe vaak het thema ook genoemd werd.',
    note: themeCountsExplained,
    kind: 'bar',
    horizontal: true,
    stacked: true,
    labelHeader: 'Thema',
    labels: themes.map((t) => t.label),
    series: [
      ...audiences.map((a) => ({
        label: a.name,
        values: themes.map((t) => t.byAudience[a.code] ?? 0),
        stack: 'berichten',
      })),
      {
        label: 'Ook genoemd bij (alle doelgroepen)',
        values: themes.map((t) => t.alsoMentioned),
        stack: 'ook-genoemd',
      },
    ],
  };
}
