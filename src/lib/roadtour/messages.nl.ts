import type { RoadtourError } from './schema';

/** Dutch (B1) texts for every roadtour error code. */
export const roadtourMessages = {
  'auth.required': 'U bent niet ingelogd. Log in om verder te gaan.',
  'auth.expired':
    'U bent uitgelogd omdat u te lang niet actief was. Log opnieuw in. Uw aantekeningen blijven bewaard op dit apparaat.',
  'request.invalid': 'Wat u stuurde klopt niet. Probeer het opnieuw.',
  'stop.invalid': 'Niet alle gegevens van de bijeenkomst kloppen. Kijk de velden na.',
  'stop.endsBeforeStart': 'De eindtijd moet na de begintijd liggen.',
  'stop.notFound': 'Deze bijeenkomst bestaat niet (meer).',
  'stop.forbidden': 'U bent geen gespreksleider van deze bijeenkomst. U kunt hier niets aan toevoegen.',
  'stop.conflict':
    'Iemand anders heeft deze bijeenkomst net gewijzigd. Kijk welke gegevens u wilt houden en sla opnieuw op.',
  'stop.cancelled': 'Deze bijeenkomst is afgezegd. U kunt er niets meer aan toevoegen.',
  'stop.groupLocked':
    'Er zijn al aantekeningen bij deze bijeenkomst. Daarom kunt u de soort groep niet meer veranderen.',
  'consultation.notFound': 'Deze raadpleging bestaat niet.',
  'facilitator.unknown': 'Deze medewerker kennen we niet.',
  'facilitator.owner':
    'Wie de bijeenkomst heeft gepland, blijft altijd gespreksleider. Deze persoon kunt u niet weghalen.',
  'facilitator.last':
    'Een bijeenkomst heeft altijd minstens één gespreksleider. Voeg eerst iemand anders toe.',
  'notes.invalid': 'De aantekeningen konden niet worden gelezen. Ze blijven bewaard op dit apparaat.',
  'notes.rejected':
    'De aantekeningen zijn niet opgeslagen. Ze blijven bewaard op dit apparaat. Probeer het later opnieuw.',
  'note.invalid': 'Deze aantekening klopt niet. Kijk haar na.',
  'note.empty': 'Deze aantekening is leeg. Schrijf op wat er gezegd is.',
  'note.tooLong': 'Deze aantekening is te lang (meer dan 5.000 tekens). Maak er twee aantekeningen van.',
  'note.invalidKind': 'Kies wat voor aantekening het is: punt, idee, zorg, wens of citaat.',
  'note.invalidTime': 'De tijd van deze aantekening klopt niet.',
  'note.unknownTopic': 'Dit onderwerp kennen we niet. Kies een onderwerp uit de lijst.',
  'note.speakerNotAllowed': 'Alleen bij een citaat kunt u zeggen wie het zei.',
  'note.speakerTooLong': 'Beschrijf wie het zei in maximaal 80 tekens.',
  'note.speakerIsName':
    'Schrijf geen naam op bij een citaat. Beschrijf de persoon, bijvoorbeeld "bewoner, 80 jaar".',
  'note.speakerPersonalData':
    'Schrijf geen persoonsgegevens op bij een citaat. Beschrijf de persoon, bijvoorbeeld "mantelzorger".',
  'note.idTaken': 'Deze aantekening kon niet worden opgeslagen. Maak haar opnieuw aan.',
  'note.notFound': 'Deze aantekening bestaat niet (meer).',
  'note.locked': 'Deze aantekening is al bekeken door een moderator. U kunt haar niet meer veranderen.',
  'note.conflict':
    'Iemand anders heeft deze aantekening net gewijzigd. Kijk welke tekst u wilt houden en sla opnieuw op.',
} satisfies Record<RoadtourError, string>;

export function roadtourMessage(code: RoadtourError): string {
  return roadtourMessages[code];
}
