import type { SubmissionError } from './schema';

/** Dutch (B1) texts for every submission error code. */
export const submissionMessages = {
  'answer.required': 'Geef een antwoord op deze vraag.',
  'answer.tooLong': 'Uw antwoord is te lang. Maak het wat korter.',
  'answer.unknownQuestion': 'Deze vraag kennen we niet. Laad de pagina opnieuw.',
  'answers.empty': 'Geef antwoord op minstens één vraag.',
  'consent.required': 'Zet een vinkje als u akkoord gaat. Anders kunnen we uw antwoorden niet gebruiken.',
  'organisation.required': 'Vul de naam van uw organisatie in.',
  'email.invalid': 'Dit e-mailadres klopt niet. Kijk het na, of laat het veld leeg.',
  'profile.invalid': 'Kies een van de antwoorden uit de lijst.',
  'submission.invalid': 'Er ging iets mis met het formulier. Laad de pagina opnieuw en probeer het nog eens.',
  'consultation.closed': 'Meedoen kan niet meer. De termijn is voorbij.',
  'consultation.notFound': 'Deze raadpleging bestaat niet.',
} satisfies Record<SubmissionError, string>;
