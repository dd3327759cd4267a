import { audienceText } from '../inputs/audiences.nl';
import { ageBandLabels, helpAnswerLabels } from '../inputs/profile.nl';
import type { Report } from './types';

/** Dutch names of the codes that appear in exports. */
export function audienceName(code: string): string {
  return (audienceText as Record<string, { label: string }>)[code]?.label ?? code;
}

export const channelNames: Record<string, string> = {
  online: 'Online',
  roadtour: 'Roadtour',
  import: 'Import',
  schriftelijk: 'Brief of advies',
};
export const groupNames: Record<string, string> = {
  inwoners: 'Inwoners',
  inzet: 'Deelnemers inZet',
  aanbieders: 'Aanbieders',
  ouderenbond: 'Ouderenbond',
  partners: 'Partners',
  adviesraad: 'Adviesraad',
  gezondheidsnetwerk: 'Gezondheidsnetwerk',
};
export const stopStatusNames: Record<string, string> = {
  planned: 'gepland',
  completed: 'geweest',
  cancelled: 'afgelast',
};
/** A theme's name in the spreadsheet and data exports: a candidate says so. */
export function themeName(theme: { label: string; accepted: boolean }): string {
  return theme.accepted ? theme.label : `${theme.label} (kandidaat)`;
}

/** One word for "not known" everywhere in the exports. */
export const unknown = 'onbekend';

/**
 * In their natural order (youngest first, unknown last): tables list them in this order. The
 * labels are the form's own (src/lib/inputs/profile.nl.ts), so the report names an age band as the
 * resident chose it.
 */
export const ageBandNames: Record<string, string> = { ...ageBandLabels, onbekend: unknown };
export const receivesHelpNames: Record<string, string> = { ...helpAnswerLabels, onbekend: unknown };

/**
 * A breakdown's rows in a fixed order: the keys of `names` first in their order (age bands
 * youngest first), other values alphabetically (wijken), "onbekend" always last. Never by count.
 */
export function orderedBreakdown(
  data: Readonly<Record<string, number>>,
  names: Readonly<Record<string, string>> = {},
): [string, number][] {
  const known = Object.keys(names).filter((k) => k !== 'onbekend' && k in data);
  const rest = Object.keys(data)
    .filter((k) => !(k in names) && k !== 'onbekend')
    .sort((a, b) => a.localeCompare(b, 'nl'));
  const keys = [...known, ...rest, ...('onbekend' in data ? ['onbekend'] : [])];
  return keys.map((k) => [names[k] ?? k, data[k] ?? 0]);
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const shortDateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});
const timeFormat = new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
export const formatDate = (d: Date): string => dateFormat.format(d);
/** A calendar day (yyyy-mm-dd, no time of day) in words: "22 juli 2026". */
export const formatDay = (day: string): string => dateFormat.format(new Date(`${day}T12:00:00Z`));
/** "4 dec 2026": fits a narrow table column. */
export const formatShortDate = (d: Date): string => shortDateFormat.format(d).replace(/\.$/, '');
export const formatTime = (d: Date): string => timeFormat.format(d);
/** yyyy-mm-dd in Dutch time (file names). */
export const isoDay = (d: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(d);
export const formatDateTime = (d: Date): string => dateTimeFormat.format(d);

/** One line that says which data an export holds. */
export function describeFilters(report: Report): string {
  const f = report.filters;
  const parts = [
    report.snapshot
      ? `themaversie "${report.snapshot.label}" van ${formatDateTime(report.snapshot.createdAt)}`
      : `de huidige thema's op ${formatDateTime(report.generatedAt)}`,
    f.audience ? `alleen ${audienceName(f.audience).toLowerCase()}` : 'alle doelgroepen',
    f.channel ? `alleen ${channelNames[f.channel]?.toLowerCase()}` : 'online en roadtour',
  ];
  if (f.from || f.to) parts.push(`periode ${f.from ?? 'begin'} tot en met ${f.to ?? 'nu'}`);
  return parts.join(', ');
}

/** The filters only, when any is set (the report says so on its cover): else null. */
export function describeSelection(report: Report): string | null {
  const f = report.filters;
  const parts: string[] = [];
  if (f.audience) parts.push(`alleen reacties van de doelgroep ${audienceName(f.audience).toLowerCase()}`);
  if (f.channel) parts.push(`alleen ${channelNames[f.channel]?.toLowerCase()}`);
  if (f.from || f.to)
    parts.push(
      `reacties ${f.from ? `vanaf ${formatDate(new Date(`${f.from}T12:00:00Z`))}` : ''}${f.from && f.to ? ' ' : ''}${f.to ? `tot en met ${formatDate(new Date(`${f.to}T12:00:00Z`))}` : ''}`,
    );
  return parts.length ? parts.join(', ') : null;
}

/** The municipality the reports are written for. */
export const municipality = 'Gemeente Zoetermeer';

/** How the counts are defined, in one line, wherever they are shown. */
export const countsExplained =
  'Berichten: reacties waarin dit het belangrijkste thema is. Ook genoemd: reacties die dit thema daarnaast noemen.';

/** What the report says where the municipality's answer to a theme is still missing. */
export const reactionMissing =
  'Nog niet beschreven: de gemeente heeft bij dit thema nog niet vastgelegd wat zij ermee doet.';

/** The fixed parts of the report, written for the council: how people took part and how the input was handled. */
export const methodText = {
  aim: (title: string) =>
    `Dit verslag beschrijft wat inwoners, mantelzorgers, zorgorganisaties en partners hebben ingebracht in de raadpleging "${title}", en wat de gemeente daarmee doet.`,
  online:
    'Online: iedereen kon een korte film bekijken en daarna anoniem vragen beantwoorden. De vragen verschilden per doelgroep.',
  roadtour:
    'Roadtour: op bijeenkomsten in de wijken is de film vertoond en is met groepen doorgepraat. Een gespreksleider schreef op wat er gezegd werd.',
  method: [
    'Moderatie: een moderator heeft alle inbreng gelezen voordat die werd gebruikt. Inbreng die niet over het onderwerp ging, dubbel was of kwetsend, is niet meegenomen.',
    'Persoonsgegevens: namen, adressen, telefoonnummers en e-mailadressen zijn uit de teksten gehaald. In dit verslag staat alleen goedgekeurde tekst zonder persoonsgegevens.',
    "Thema's: de inbreng is met een computerprogramma in groepen met dezelfde strekking gezet. Een analist heeft die indeling gecontroleerd en waar nodig verbeterd. Alleen thema's die de analist heeft overgenomen, staan in dit verslag.",
    `Tellen: elke reactie heeft hoogstens één hoofdthema en kan daarnaast bij andere thema's horen. ${countsExplained} Die twee getallen worden nooit bij elkaar opgeteld.`,
  ],
  limitations: [
    'De deelnemers zijn niet gekozen als steekproef. De aantallen laten zien wat er gezegd is, niet hoe vaak iets onder alle inwoners van Zoetermeer voorkomt.',
    'Online inzendingen en roadtourbijeenkomsten zijn verschillende eenheden: één online inzending is één persoon; één bijeenkomst is een groep, waarvan de gespreksleider de reacties opschreef. Reacties tellen we in beide gevallen per opgeschreven punt.',
    'Leeftijd, wijk en hulp in het huishouden zijn alleen online gevraagd, en waren niet verplicht.',
    "De indeling in thema's is mensenwerk met hulp van een computer: een andere analist had sommige reacties bij een ander thema kunnen zetten.",
  ],
};

const wallClockParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/**
 * A Date whose UTC fields show the Dutch wall-clock time: spreadsheets store dates without a time
 * zone, so this is what makes Excel show 10:05 for an item sent at 10:05 in Zoetermeer.
 */
export function localWallClock(d: Date): Date {
  const p: Record<string, number> = {};
  for (const part of wallClockParts.formatToParts(d)) p[part.type] = Number(part.value);
  const at = (k: string) => p[k] ?? 0;
  return new Date(Date.UTC(at('year'), at('month') - 1, at('day'), at('hour'), at('minute'), at('second')));
}
