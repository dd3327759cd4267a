import type { AdoptionError } from './adopt.server';
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

/** Dutch (B1) text for every code of recording the college's adoption. */
export function adoptionMessage(code: AdoptionError, positions: readonly number[] = []): string {
  switch (code) {
    case 'adoption.invalid':
      return 'Vul een geldige datum in.';
    case 'adoption.future':
      return 'De datum ligt in de toekomst. Vul de datum in waarop het college de reactie heeft vastgesteld.';
    case 'adoption.beforeReceived':
      return 'De datum ligt vóór de datum waarop het advies binnenkwam.';
    case 'adoption.unanswered':
      return positions.length === 1
        ? `Punt ${positions[0]} heeft nog geen reactie. Het college stelt de reactie op alle punten vast.`
        : `De punten ${positions.join(', ')} hebben nog geen reactie. Het college stelt de reactie op alle punten vast.`;
    case 'adoption.notAdvice':
      return 'Alleen bij een advies stelt het college een reactie vast.';
    case 'adoption.gone':
      return 'Dit advies is intussen verwijderd.';
    case 'adoption.forbidden':
      return 'Alleen analisten en beheerders leggen vast dat het college de reactie heeft vastgesteld.';
  }
}
