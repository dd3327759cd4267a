import type { Audience } from '../content/schema';
import { audienceText } from '../inputs/audiences.nl';
import { type EditorError, editorMessages } from './messages.nl';

const fixed: Record<string, string> = {
  titel: 'Titel',
  adres: 'Adres op de website',
  samenvatting: 'Samenvatting',
  status: 'Status',
  opent: 'Open vanaf',
  sluit: 'Sluit op',
  bewaren: 'Gegevens bewaren tot',
  wijken: 'Wijken',
  onderwerpen: 'Onderwerpen',
  doelgroepen: 'Doelgroepen',
  themas: 'Verwachte thema’s',
};
const parts: Record<string, string> = {
  code: 'code',
  naam: 'naam',
  beschrijving: 'beschrijving',
  vraag: 'tekst van de vraag',
  uitleg: 'uitleg',
  onderwerp: 'onderwerp',
  lengte: 'hoogstens tekens',
  weg: 'verwijderen',
  mee: 'doet mee',
  inleiding: 'inleiding',
};
const audienceLabel = (a: string) => audienceText[a as Audience]?.label ?? a;

/** Where an error is, in words, for the error summary and for import errors ("Inwoner, vraag 2: code"). */
export function fieldPlace(name: string): string {
  if (fixed[name]) return fixed[name];
  let m = /^vraag-([a-z]+)-(\d+)-([a-z]+)$/.exec(name);
  if (m) {
    return `${audienceLabel(m[1] ?? '')}, vraag ${Number(m[2]) + 1}: ${parts[m[3] ?? ''] ?? m[3]}`;
  }
  m = /^vraag-([a-z]+)-([a-z0-9-]+)$/.exec(name);
  if (m) return `${audienceLabel(m[1] ?? '')}, vraag “${m[2]}”`;
  m = /^doelgroep-([a-z]+)-([a-z]+)$/.exec(name);
  if (m) return `${audienceLabel(m[1] ?? '')}: ${parts[m[2] ?? ''] ?? m[2]}`;
  m = /^(onderwerp|thema)-(\d+)-([a-z]+)$/.exec(name);
  if (m)
    return `${m[1] === 'thema' ? 'Verwacht thema' : 'Onderwerp'} ${Number(m[2]) + 1}: ${parts[m[3] ?? ''] ?? m[3]}`;
  return 'Raadpleging';
}

/** Codes to Dutch messages by field. */
export const messagesOf = (errors: Record<string, EditorError>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([name, code]) => [name, editorMessages[code]]));
