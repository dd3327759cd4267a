import type { ExtractError } from './extract.server';
import type { WrittenError } from './schema';

/** Dutch (B1) text for every code of written input. */
export const writtenMessages: Readonly<Record<WrittenError | ExtractError, string>> = {
  'written.invalid': 'Er ging iets mis met het formulier. Probeer het opnieuw.',
  'written.sender': 'Vul de naam van de organisatie in die het stuurde (2 tot 200 tekens).',
  'written.audience': 'Kies voor welke doelgroep de brief is.',
  'written.receivedOn': 'Vul de datum van ontvangst in. Die kan niet in de toekomst liggen.',
  'written.consultation': 'Kies de raadpleging.',
  'written.noInput': 'Kies een bestand of plak de tekst van de brief.',
  'written.textTooLong': 'De tekst is te lang (meer dan 200.000 tekens). Deel de brief op.',
  'written.notFound': 'Deze brief bestaat niet (meer).',
  'written.alreadySaved': 'Deze brief is al opgeslagen. Er is niets dubbel opgeslagen.',
  'written.noPoints': 'Houd minstens één punt over. Een punt mag niet leeg zijn.',
  'written.tooManyPoints': 'Er zijn te veel punten (meer dan 300). Voeg punten samen.',
  'written.pointTooLong': 'Een punt is te lang (meer dan 20.000 tekens). Splits het punt.',
  'written.forbidden': 'U mag geen brieven toevoegen.',
  'file.missing': 'Het bestand is leeg of er is geen bestand gekozen.',
  'file.tooLarge': 'Het bestand is te groot. Het mag hoogstens 10 MB zijn.',
  'file.type': 'Dit soort bestand kunnen we niet lezen. Kies een .docx-, .pdf- of .txt-bestand.',
  'file.unreadable':
    'We konden dit bestand niet lezen. Het is misschien beschadigd. Plak de tekst in het tekstvak.',
  'file.noText': 'Er staat geen tekst in dit bestand. Plak de tekst in het tekstvak.',
  'pdf.encrypted':
    'Deze pdf is beveiligd met een wachtwoord. We kunnen de tekst niet lezen. Plak de tekst in het tekstvak.',
  'pdf.noText':
    'In deze pdf staat geen tekst die we kunnen lezen (misschien is het een scan). Plak de tekst in het tekstvak.',
};
