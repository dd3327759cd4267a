import { audienceText } from '../inputs/audiences.nl';
import type { Report } from './types';

/** Dutch names of the codes that appear in exports. */
export function audienceName(code: string): string {
  return (audienceText as Record<string, { label: string }>)[code]?.label ?? code;
}

export const channelNames: Record<string, string> = { online: 'Online', roadtour: 'Roadtour' };
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
export const ageBandNames: Record<string, string> = {
  'tot-55': 'jonger dan 55',
  '55-64': '55 tot 65',
  '65-74': '65 tot 75',
  '75-84': '75 tot 85',
  '85-plus': '85 en ouder',
  onbekend: 'niet ingevuld',
};
export const receivesHelpNames: Record<string, string> = {
  ja: 'ja',
  nee: 'nee',
  'weet-niet': 'weet niet',
  onbekend: 'niet ingevuld',
};

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
export const formatDate = (d: Date): string => dateFormat.format(d);
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

/** The fixed parts of the report: how people took part and how the input was handled. */
export const methodText = {
  aim: (title: string) =>
    `Dit verslag beschrijft wat inwoners, mantelzorgers, aanbieders en partners hebben ingebracht in de raadpleging "${title}". Het is een concept: vul het aan en pas het aan waar nodig voordat het naar de raad gaat.`,
  online:
    'Online: iedereen kon een korte film bekijken en daarna anoniem vragen beantwoorden. De vragen verschilden per doelgroep.',
  roadtour:
    'Roadtour: op bijeenkomsten in de wijken is de film vertoond en is met groepen doorgepraat. Een gespreksleider schreef op wat er gezegd werd.',
  method: [
    'Moderatie: een moderator heeft alle inbreng gelezen voordat die werd gebruikt. Inbreng die niet over het onderwerp ging, dubbel was of kwetsend, is niet meegenomen.',
    'Persoonsgegevens: namen, adressen, telefoonnummers en e-mailadressen zijn uit de teksten gehaald. In dit verslag staat alleen goedgekeurde tekst zonder persoonsgegevens.',
    "Thema's: de inbreng is met een computerprogramma in groepen met dezelfde strekking gezet. Een analist heeft die indeling gecontroleerd en waar nodig verbeterd.",
    'Beperkingen: de deelnemers zijn niet gekozen als steekproef. De aantallen laten zien wat er gezegd is, niet hoe vaak iets onder alle inwoners voorkomt. Eén reactie kan bij meer dan één thema horen; telt alleen het hoofdthema.',
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
