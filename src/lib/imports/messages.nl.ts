import { audienceText } from '../inputs/audiences.nl';
import { maxFileBytes } from './limits';
import type { FileError, RowError, RowErrorCode } from './types';

/** Dutch (B1) texts for problems with the file as a whole. */
export const fileMessages = {
  'file.missing': 'Kies een bestand.',
  'file.tooLarge': `Het bestand is te groot. Het mag hoogstens ${Math.floor(maxFileBytes / 1000)} kB zijn. Splits het in kleinere bestanden.`,
  'file.type':
    'Dit soort bestand kunnen we niet lezen. Kies een Excel-bestand (.xlsx) of een CSV-bestand (.csv). Een oud Excel-bestand (.xls) slaat u eerst op als .xlsx.',
  'file.empty': 'Het bestand is leeg.',
  'file.unreadable':
    'We kunnen het bestand niet lezen. Is het beschadigd? Sla het opnieuw op en probeer het nog eens.',
  'file.tooManyRows': 'Het bestand heeft meer dan 5.000 rijen. Splits het in kleinere bestanden.',
  'file.tooManyColumns':
    'Het bestand heeft meer dan 100 kolommen. Laat de kolommen weg die u niet nodig hebt.',
} satisfies Record<FileError, string>;

const audienceName = (code: string | undefined) =>
  (code && (audienceText as Record<string, { label: string }>)[code]?.label.toLowerCase()) || code || '';

/** "vraag:inwoner:x, vraag:mantelzorger:x" → "inwoner en mantelzorger". */
const audiencesOf = (targets: string | undefined) => {
  const names = (targets ?? '').split(', ').map((t) => audienceName(t.split(':')[1]));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names.at(-1)}` : (names[0] ?? '');
};

const rowTexts: Record<RowErrorCode, (e: RowError) => string> = {
  'header.missing': (e) =>
    `De eerste rij lijkt geen kopregel: er staat "${e.value ?? ''}" in. Zet in de eerste rij de namen van de kolommen (bijvoorbeeld doelgroep, datum en de vragen).`,
  'header.duplicate': (e) => `De kolomnaam "${e.column}" staat er twee keer. Geef elke kolom een eigen naam.`,
  'column.unknown': (e) =>
    `Kolom "${e.column}" herkennen we niet. Kies bij deze kolom een vraag of een gegeven, of "Niet gebruiken".`,
  'column.ambiguous': (e) =>
    `Kolom "${e.column}" past bij vragen van meer doelgroepen (${audiencesOf(e.value)}). Kies zelf de juiste vraag, of kies één doelgroep voor het hele bestand.`,
  'column.twice': (e) =>
    `De kolommen ${e.column} zijn aan hetzelfde gekoppeld. Koppel er één, en zet de rest op "Niet gebruiken".`,
  'row.encoding': () =>
    'In deze rij komen letters met accenten (é, ë) misschien verkeerd over: de rij is in een andere tekenset opgeslagen dan de rest. Sla het bestand op als "CSV UTF-8" en probeer het opnieuw.',
  'row.noAnswers': () => 'In deze rij staat geen antwoord op een vraag.',
  'row.audienceMissing': () =>
    'Bij deze rij staat geen doelgroep. Vul de doelgroep in, of kies één doelgroep voor het hele bestand.',
  'row.audience': (e) =>
    `De doelgroep "${e.value}" kennen we niet. Gebruik inwoner, mantelzorger, aanbieder, ouderenbond, partner of adviesraad.`,
  'row.otherAudience': (e) =>
    `In kolom "${e.column}" staat een antwoord, maar die vraag is voor ${audienceName(e.value)}. De doelgroep van deze rij is anders.`,
  'row.date': (e) => `De datum "${e.value}" klopt niet. Schrijf de datum als 31-12-2026.`,
  'row.ageBand': (e) =>
    `De leeftijd "${e.value}" kennen we niet. Gebruik een leeftijd in jaren, of een groep zoals 65-74 of 85+.`,
  'row.wijk': (e) => `De wijk "${e.value}" staat niet in de lijst van wijken van deze raadpleging.`,
  'row.receivesHelp': (e) =>
    `"${e.value}" kennen we niet als antwoord op de vraag over hulp. Gebruik ja, nee of weet niet.`,
  'row.organisation': () => 'De naam van de organisatie moet tussen 2 en 200 tekens lang zijn.',
  'row.tooLong': (e) => `Het antwoord in kolom "${e.column}" is te lang (hoogstens ${e.value} tekens).`,
};

/** The Dutch message for one row or header error. */
export function rowMessage(error: RowError): string {
  return rowTexts[error.code](error);
}
