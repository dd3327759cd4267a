import { audienceName, channelNames } from './labels.nl';
import type { ExportItem } from './types';

export const itemColumns = [
  { header: 'ID', width: 38 },
  { header: 'Datum', width: 18 },
  { header: 'Kanaal', width: 11 },
  { header: 'Doelgroep', width: 24 },
  { header: 'Bijeenkomst', width: 30 },
  { header: 'Vraag of onderwerp', width: 40 },
  { header: 'Tekst (zonder persoonsgegevens)', width: 80 },
  { header: 'Hoofdthema', width: 32 },
  { header: 'Score hoofdthema', width: 10 },
  { header: 'Tweede thema', width: 32 },
  { header: 'Score tweede thema', width: 10 },
  { header: "Overige thema's (score)", width: 40 },
] as const;

const local = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
/** "2026-11-24 10:05" in Dutch time: every spreadsheet reads it, in every locale. */
export const localDateTime = (d: Date): string => local.format(d);

/**
 * One item as a row of plain values; numbers stay numbers so each writer formats them its way.
 * Both scores (primary and the strongest secondary theme) are numbers; a third or further theme,
 * which is rare, goes in one text cell as "label (score)".
 */
export function itemRow(
  item: ExportItem,
  decimal: (n: number) => string = (n) => String(n),
  date: (d: Date) => string | Date = localDateTime,
): (string | number | Date | null)[] {
  const [second, ...others] = item.secondaryThemes;
  return [
    item.id,
    date(item.createdAt),
    channelNames[item.channel] ?? item.channel,
    audienceName(item.audience),
    item.stop,
    item.question,
    item.body,
    item.primaryTheme,
    item.primaryScore === null ? null : round(item.primaryScore),
    second?.label ?? null,
    second ? round(second.score) : null,
    others.map((s) => `${s.label} (${decimal(round(s.score))})`).join('; ') || null,
  ];
}

export const round = (n: number): number => Math.round(n * 1000) / 1000;
