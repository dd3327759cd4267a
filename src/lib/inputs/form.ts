import type { SubmissionInput } from './schema';

/** Form field names, shared by the page, the island and the parser. */
export const fields = {
  submissionId: 'inzending',
  organisationName: 'organisatie',
  answerPrefix: 'antwoord-',
  ageBand: 'leeftijd',
  wijk: 'wijk',
  receivesHelp: 'hulp',
  consent: 'toestemming',
  email: 'email',
  /** Left empty by people; bots fill it in. */
  honeypot: 'website',
} as const;

/**
 * How long /bedankt shows the reference code after sending (the thank-you cookie's lifetime):
 * long enough for a reload right after sending, short enough that the next person at a shared
 * computer does not find it (issue 16, item 10).
 */
export const thankYouSeconds = 120;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** Turns a posted form (or the island's FormData) into the submission shape the schema checks. */
export function submissionFromForm(form: FormData, audience: string): SubmissionInput {
  const answers: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith(fields.answerPrefix) && typeof value === 'string')
      answers[name.slice(fields.answerPrefix.length)] = value;
  }
  return {
    submissionId: text(form, fields.submissionId) ?? '',
    audience: audience as SubmissionInput['audience'],
    organisationName: text(form, fields.organisationName),
    answers,
    ageBand: text(form, fields.ageBand) as SubmissionInput['ageBand'],
    wijk: text(form, fields.wijk),
    receivesHelp: text(form, fields.receivesHelp) as SubmissionInput['receivesHelp'],
    consent: text(form, fields.consent) === 'ja',
    email: text(form, fields.email),
  };
}
