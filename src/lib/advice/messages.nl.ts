import type { RespondError } from './respond.server';

/** Dutch (B1) text for every code of answering advice. */
export const adviceMessages: Readonly<Record<RespondError, string>> = {
  'response.invalid': 'Er ging iets mis met het formulier. Probeer het opnieuw.',
  'response.empty': 'Schrijf de reactie van het college.',
  'response.tooLong': 'De reactie is te lang (meer dan 20.000 tekens).',
  'response.status': 'Kies wat het college met dit punt doet.',
  'response.theme': 'Een gekozen thema hoort niet bij deze raadpleging.',
  'response.stale':
    'Iemand anders heeft dit punt of de reactie intussen veranderd. Uw tekst staat hieronder nog; bekijk de nieuwe versie en sla opnieuw op.',
  'response.gone': 'Dit punt is intussen verwijderd. Uw reactie is niet opgeslagen.',
  'response.forbidden': 'Alleen analisten en beheerders mogen reacties op adviezen schrijven.',
};
