import { z } from 'zod';
import { audiences, organisationAudiences } from '../content/schema';
import { ageBands, helpAnswers } from './profile.nl';

export { ageBands, helpAnswers };

/** Removes characters Postgres cannot store (NUL) and invisible control characters; keeps the rest as written. */
export function cleanText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
}

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(values).optional());

/** One visit's answers as they come from the form (parsed once at the boundary). */
export const SubmissionSchema = z
  .object({
    /** Made by the browser (or the server when rendering the form): the same id stores once. */
    submissionId: z.string().uuid(),
    audience: z.enum(audiences),
    organisationName: z.preprocess(
      (v) => (typeof v === 'string' ? cleanText(v) : v),
      z.string().max(200).optional(),
    ),
    /** Answers by question key; empty answers are dropped. */
    answers: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().transform(cleanText)),
    ageBand: optionalChoice(ageBands),
    wijk: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(80).optional()),
    receivesHelp: optionalChoice(helpAnswers),
    /** Checked below with the other rules, so every problem is reported at once. */
    consent: z.boolean(),
    email: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
      z.string().email().max(254).optional(),
    ),
  })
  .superRefine((s, ctx) => {
    if (!s.consent) ctx.addIssue({ code: 'custom', path: ['consent'], message: 'consent.required' });
    const isOrganisation = organisationAudiences.includes(s.audience);
    if (isOrganisation && (!s.organisationName || s.organisationName.length < 2))
      ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'organisation.required' });
  });

/** The part needed to check answers against the questions, even when other fields are wrong. */
export const AnswersSchema = z.object({
  audience: z.enum(audiences),
  answers: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().transform(cleanText)),
});

export type SubmissionInput = z.input<typeof SubmissionSchema>;
export type Submission = z.output<typeof SubmissionSchema>;

/** What can be wrong with a submission, per field; Dutch texts in messages.nl.ts. */
export type SubmissionError =
  | 'answer.required'
  | 'answer.tooLong'
  | 'answer.unknownQuestion'
  | 'answers.empty'
  | 'consent.required'
  | 'organisation.required'
  | 'email.invalid'
  | 'profile.invalid'
  | 'submission.invalid'
  | 'consultation.closed'
  | 'consultation.notFound';
