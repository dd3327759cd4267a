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
