import { randomBytes } from 'node:crypto';
import { anonymous } from '../db/caller';
import { isRefusal } from '../db/errors';
import type { Database, Tx } from '../db/types';
import { detectPersonalData } from '../privacy';
import { answerId, referenceCode } from './reference';
import { AnswersSchema, type Submission, type SubmissionError, SubmissionSchema } from './schema';

export type FieldErrors = Record<string, SubmissionError>;

export type SubmitResult =
  | { ok: true; referenceCode: string; repeated: boolean }
  | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

interface QuestionRow {
  id: string;
  key: string;
  required: boolean;
  max_length: number;
}

function schemaErrors(
  issues: readonly { path: (string | number)[]; message: string; code: string }[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.join('.');
    if (errors[field]) continue;
    if (issue.message === 'consent.required' || field === 'consent') errors.consent = 'consent.required';
    else if (issue.message === 'organisation.required') errors.organisationName = 'organisation.required';
    else if (field === 'email') errors.email = 'email.invalid';
    else if (['ageBand', 'wijk', 'receivesHelp'].includes(field)) errors[field] = 'profile.invalid';
    else errors[field || 'form'] = 'submission.invalid';
  }
  return errors;
}

/** Checks the answers against the audience's questions; returns the answers to store. */
function checkAnswers(
  submission: Pick<Submission, 'answers'>,
  questions: readonly QuestionRow[],
): { errors: FieldErrors; answers: [QuestionRow, string][] } {
  const errors: FieldErrors = {};
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(submission.answers))
    if (!byKey.has(key)) errors[`answers.${key}`] = 'answer.unknownQuestion';
  const answers: [QuestionRow, string][] = [];
  for (const question of questions) {
    const text = submission.answers[question.key] ?? '';
    if (text === '') {
      if (question.required) errors[`answers.${question.key}`] = 'answer.required';
    } else if (text.length > question.max_length) errors[`answers.${question.key}`] = 'answer.tooLong';
    else answers.push([question, text]);
  }
  if (answers.length === 0 && Object.keys(errors).length === 0) errors.answers = 'answers.empty';
  return { errors, answers };
}

async function store(
  tx: Tx,
  consultationId: string,
  submission: Submission,
  code: string,
  answers: [QuestionRow, string][],
): Promise<boolean> {
  const inserted = await tx.execute(
    `insert into public.submissions
       (id, consultation_id, audience, channel, organisation_name, age_band, wijk, receives_help, consent_at, reference_code)
     values ($1, $2, $3, 'online', $4, $5, $6, $7, now(), $8)
     on conflict do nothing`,
    [
      submission.submissionId,
      consultationId,
      submission.audience,
      submission.organisationName || null,
      submission.ageBand ?? null,
      submission.wijk ?? null,
      submission.receivesHelp ?? null,
      code,
    ],
  );
  // Already stored by an earlier attempt: its answers came in the same transaction.
  if (inserted === 0) return false;
  // All answers in one statement (one round trip); the insert policy checks each row.
  await tx.query(
    `insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, kind, body, pii_spans)
     select a.id, $1, 'online', $2, $3, a.question_id, 'answer', a.body, a.pii_spans::jsonb
     from unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[]) as a(id, question_id, body, pii_spans)`,
    [
      consultationId,
      submission.audience,
      submission.submissionId,
      answers.map(([question]) => answerId(submission.submissionId, question.key)),
      answers.map(([question]) => question.id),
      answers.map(([, text]) => text),
      answers.map(([, text]) => JSON.stringify(detectPersonalData(text))),
    ],
  );
  if (submission.email) {
    // Kept apart from the answers on purpose: nothing links the address to what was said.
    await tx.sql`
      insert into public.contact_emails (consultation_id, email, unsubscribe_token)
      values (${consultationId}, ${submission.email.toLowerCase()}, ${randomBytes(24).toString('base64url')})`;
  }
  return true;
}

/** Only the answer checks, for a form that has other problems too. */
async function answerErrors(
  db: Database,
  consultationSlug: string,
  input: Pick<Submission, 'audience' | 'answers'>,
): Promise<FieldErrors> {
  const questions = await db.transaction(
    anonymous,
    (tx) =>
      tx.sql<QuestionRow>`
      select q.id, q.key, q.required, q.max_length from public.questions q
      join public.consultations c on c.id = q.consultation_id
      where c.slug = ${consultationSlug} and q.audience = ${input.audience} order by q.position`,
  );
  const { errors } = checkAnswers(input, questions);
  delete errors.answers; // "answer at least one question" only matters once the rest is right
  return errors;
}

/**
 * Stores one visit's answers, anonymously and exactly once: the submission id comes from the
 * form, so a repeated or retried submit finds the earlier one and returns the same reference.
 * Always runs as the anonymous caller, even when a staff member is signed in.
 */
export async function submitAnswers(
  db: Database,
  secret: Uint8Array,
  consultationSlug: string,
  raw: unknown,
): Promise<SubmitResult> {
  const parsed = SubmissionSchema.safeParse(raw);
  if (!parsed.success) {
    // Report the answers' problems together with the rest, so people fix everything in one go.
    const errors = schemaErrors(parsed.error.issues);
    const answers = AnswersSchema.safeParse(raw);
    if (answers.success) Object.assign(errors, await answerErrors(db, consultationSlug, answers.data));
    return { ok: false, status: 400, errors };
  }
  const submission = parsed.data;
  const code = referenceCode(secret, submission.submissionId);

  try {
    return await db.transaction(anonymous, async (tx): Promise<SubmitResult> => {
      // The consultation and the audience's questions in one round trip.
      const rows = await tx.sql<QuestionRow & { consultation_id: string; open: boolean }>`
        select c.id as consultation_id,
               (c.status = 'published' and now() >= c.opens_at and now() < c.closes_at) as open,
               q.id, q.key, q.required, q.max_length
        from public.consultations c
        left join public.questions q on q.consultation_id = c.id and q.audience = ${submission.audience}
        where c.slug = ${consultationSlug}
        order by q.position`;
      const consultation = rows[0] && { id: rows[0].consultation_id, open: rows[0].open };
      if (!consultation) return { ok: false, status: 404, errors: { form: 'consultation.notFound' } };
      if (!consultation.open) return { ok: false, status: 409, errors: { form: 'consultation.closed' } };
      const questions = rows.filter((r) => r.id !== null);
      if (questions.length === 0)
        return { ok: false, status: 404, errors: { form: 'consultation.notFound' } };
      const { errors, answers } = checkAnswers(submission, questions);
      if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };
      const stored = await store(tx, consultation.id, submission, code, answers);
      return { ok: true, referenceCode: code, repeated: !stored };
    });
  } catch (error) {
    // A constraint or policy refused the row (for instance a reused id from another audience).
    if (isRefusal(error)) return { ok: false, status: 400, errors: { form: 'submission.invalid' } };
    throw error;
  }
}
