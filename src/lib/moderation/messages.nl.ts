import type { ModerationError } from './schema';

/** Dutch (B1) texts for every moderation error code. */
export const moderationMessages = {
  'queue.invalidFilter': 'Deze filters kloppen niet. Kijk ze na en probeer het opnieuw.',
  'queue.invalidCursor': 'Deze pagina bestaat niet meer. Begin opnieuw bij de eerste pagina.',
  'queue.notAllowed': 'U mag deze berichten niet bekijken. Log in met een account dat dit mag.',
  'moderation.invalid': 'Er ging iets mis met het formulier. Laad de pagina opnieuw en probeer het nog eens.',
  'moderation.reasonRequired': 'Kies waarom u dit bericht afwijst.',
  'moderation.notFound': 'Dit bericht bestaat niet (meer), of u mag het niet zien.',
  'moderation.notAllowed': 'U mag dit bericht niet beoordelen.',
  'moderation.conflict':
    'Iemand anders heeft dit bericht net beoordeeld. Bekijk de nieuwe stand en probeer het opnieuw.',
  'moderation.piiOpen':
    'Dit bericht bevat misschien persoonsgegevens. Haal ze eerst weg, of geef aan dat het geen persoonsgegevens zijn.',
  'moderation.bulkFailed':
    'Er is niets veranderd. Eén of meer berichten konden niet worden beoordeeld. Bekijk de berichten met een melding.',
  'redaction.invalidSpans':
    'De gekozen stukken tekst passen niet bij dit bericht. Laad de pagina opnieuw en kies ze nog eens.',
  'redaction.tooLong': 'Na het weghalen wordt de tekst te lang. Kies minder of kortere stukken.',
  'duplicates.invalid': 'Deze raadpleging bestaat niet.',
  'removal.invalidCode': 'Deze code klopt niet. Een code ziet eruit als ABCD-EFGH.',
  'removal.notFound': 'We vinden geen inzending met deze code. Misschien is die al verwijderd.',
  'removal.notAllowed': 'Alleen een beheerder mag een inzending verwijderen.',
} satisfies Record<ModerationError, string>;
