import { randomBytes } from 'node:crypto';
import { profileToDb } from '../consultations/definition.server';
import { type Audience, defaultProfile } from '../content/schema';
import { anonymous } from '../db/caller';
import { isRefusal, sqlState } from '../db/errors';
import type { Database, Statement } from '../db/types';
import { detectPersonalData } from '../privacy';
import type { Timing } from '../timing';
import { consultationsGeneration } from './questionnaire.server';
import { answerId, referenceCode } from './reference';
import { AnswersSchema, type Submission, type SubmissionError, SubmissionSchema } from './schema';

export type FieldErrors = Record<string, SubmissionError>;

export interface SubmitOptions {
  /** The request's signal: a client that has gone before the rows' turn stores nothing. */
  readonly signal?: AbortSignal;
  /** Spans for the Server-Timing header (SERVER_TIMING=true): rules, validate, detector, batch. */
  readonly timing?: Timing;
}

const uniqueViolation = '23505';

export type SubmitResult =
  | { ok: true; referenceCode: string; repeated: boolean }
  | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

interface QuestionRow {
  id: string;
  key: string;
  required: boolean;
  max_length: number;
  /** No longer asked: an answer to it (a form loaded before it was hidden) is left out, not refused. */
  hidden: boolean;
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
    if (question.hidden) continue;
    const text = submission.answers[question.key] ?? '';
    if (text === '') {
      if (question.required) errors[`answers.${question.key}`] = 'answer.required';
    } else if (text.length > question.max_length) errors[`answers.${question.key}`] = 'answer.tooLong';
    else answers.push([question, text]);
  }
  if (answers.length === 0 && Object.keys(errors).length === 0) errors.answers = 'answers.empty';
  return { errors, answers };
}

/**
 * A consultation's questions for one audience, as the submit path checks answers against them.
 * Kept per database for a few seconds (every submit needs them, they hardly ever change). The
 * database still decides: its policies refuse answers to a closed consultation or to a question
 * of another audience, and a refusal re-reads these rules (see submitAnswers).
 */
interface Rules {
  readonly consultationId: string;
  readonly published: boolean;
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly questions: readonly QuestionRow[];
  /** The wijken the profile question offers (issue 16, item 11: a closed list, not free text). */
  readonly wijken: readonly string[];
  /** The profile questions this audience is asked (issue 20, item 1); others are not stored. */
  readonly profile: readonly string[];
}

const rulesTtlMs = 5_000;
const rulesCache = new WeakMap<
  Database,
  Map<string, { rules: Rules | null; until: number; generation: number }>
>();

async function readRules(db: Database, slug: string, audience: string): Promise<Rules | null> {
  const rows = await db.transaction(
    anonymous,
    (tx) => tx.sql<
      Partial<QuestionRow> & {
        consultation_id: string;
        status: string;
        opens_at: Date;
        closes_at: Date;
        wijken: string[] | null;
        profile_questions: string[] | null;
      }
    >`
      select c.id as consultation_id, c.status, c.opens_at, c.closes_at,
             q.id, q.key, q.required, q.max_length, q.hidden,
             array(select w.name from public.wijken w where w.consultation_id = c.id and w.offered) as wijken,
             (select a.profile_questions from public.consultation_audiences a
              where a.consultation_id = c.id and a.audience = ${audience}) as profile_questions
      from public.consultations c
      left join public.questions q on q.consultation_id = c.id and q.audience = ${audience}
      where c.slug = ${slug}
      order by q.position`,
  );
  const first = rows[0];
  if (!first) return null;
  return {
    consultationId: first.consultation_id,
    published: first.status === 'published',
    opensAt: new Date(first.opens_at),
    closesAt: new Date(first.closes_at),
    questions: rows.filter((r): r is typeof r & QuestionRow => r.id != null),
    wijken: first.wijken ?? [],
    // No row for the audience (a database from before the editor): the defaults of content/.
    profile: first.profile_questions ?? profileToDb(defaultProfile(audience as Audience)),
  };
}

async function rulesFor(db: Database, slug: string, audience: string, fresh = false): Promise<Rules | null> {
  const byKey = rulesCache.get(db) ?? new Map();
  rulesCache.set(db, byKey);
  const key = `${slug}\n${audience}`;
  const cached = byKey.get(key);
  // An edit in this process counts at once; other processes see it within rulesTtlMs.
  const generation = consultationsGeneration();
  if (!fresh && cached && cached.until > Date.now() && cached.generation === generation) return cached.rules;
  const rules = await readRules(db, slug, audience);
  byKey.set(key, { rules, until: Date.now() + rulesTtlMs, generation });
  return rules;
}

const isOpen = (rules: Rules, now = Date.now()) =>
  rules.published && now >= rules.opensAt.getTime() && now < rules.closesAt.getTime();

/**
 * The statements that store one submission (the submit benchmark's database profile explains
 * these very statements): the submission, then all its answers in one statement.
 */
export function storeStatements(
  consultationId: string,
  submission: Pick<
    Submission,
    'submissionId' | 'audience' | 'organisationName' | 'ageBand' | 'wijk' | 'receivesHelp'
  >,
  code: string,
  answers: readonly (readonly [Pick<QuestionRow, 'id' | 'key'>, string])[],
  spans: readonly string[],
): Statement[] {
  return [
    {
      text: `insert into public.submissions
               (id, consultation_id, audience, channel, organisation_name, age_band, wijk, receives_help, consent_at, reference_code)
             values ($1, $2, $3, 'online', $4, $5, $6, $7, now(), $8)`,
      params: [
        submission.submissionId,
        consultationId,
        submission.audience,
        submission.organisationName || null,
        submission.ageBand ?? null,
        submission.wijk ?? null,
        submission.receivesHelp ?? null,
        code,
      ],
    },
    {
      // All answers in one statement; the insert policy checks each row.
      text: `insert into public.input_items
               (id, consultation_id, channel, audience, submission_id, question_id, kind, body, pii_spans)
             select a.id, $1, 'online', $2, $3, a.question_id, 'answer', a.body, a.pii_spans::jsonb
             from unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[]) as a(id, question_id, body, pii_spans)`,
      params: [
        consultationId,
        submission.audience,
        submission.submissionId,
        answers.map(([question]) => answerId(submission.submissionId, question.key)),
        answers.map(([question]) => question.id),
        answers.map(([, text]) => text),
        [...spans],
      ],
    },
  ];
}

/**
 * The rows of one submission as one batch: one round trip on PostgreSQL. The submission's id comes
 * from the form, so a repeated submit runs into the primary key of the earlier one and changes
 * nothing: the earlier transaction stored all its rows. Returns false for such a repeat.
 */
async function store(
  db: Database,
  consultationId: string,
  submission: Submission,
  code: string,
  answers: [QuestionRow, string][],
  options: SubmitOptions,
): Promise<boolean> {
  const detect = () => answers.map(([, text]) => JSON.stringify(detectPersonalData(text)));
  const spans = options.timing ? options.timing.measure('detector', detect) : detect();
  const statements = storeStatements(consultationId, submission, code, answers, spans);
  try {
    const batch = () => db.batch(anonymous, statements, { signal: options.signal });
    await (options.timing ? options.timing.measureAsync('batch', batch) : batch());
    return true;
  } catch (error) {
    // Every unique key in these rows derives from the submission id, so a unique violation
    // means: stored before.
    if (sqlState(error) === uniqueViolation) return false;
    throw error;
  }
}

/**
 * Leaves an e-mail address for the one "results are out" message. Its own transaction, after the
 * submission's, and the row keeps no time: rows written in one transaction share their creation
 * time and transaction id, which would let anyone who reads both tables join the address to the
 * answers (issue 16). Run for a repeated submit too, so an address whose transaction failed after
 * the answers were stored is kept on the retry; an address left twice gets one message (the queue
 * sends one per address).
 */
async function leaveAddress(db: Database, consultationId: string, email: string): Promise<void> {
  await db.transaction(
    anonymous,
    (tx) => tx.sql`
      insert into public.contact_emails (consultation_id, email, unsubscribe_token)
      values (${consultationId}, ${email.toLowerCase()}, ${randomBytes(24).toString('base64url')})`,
  );
}

/** Only the answer checks, for a form that has other problems too. */
async function answerErrors(
  db: Database,
  consultationSlug: string,
  input: Pick<Submission, 'audience' | 'answers'>,
): Promise<FieldErrors> {
  const rules = await rulesFor(db, consultationSlug, input.audience);
  const { errors } = checkAnswers(input, rules?.questions ?? []);
  delete errors.answers; // "answer at least one question" only matters once the rest is right
  return errors;
}

type Checked =
  | { ok: true; submission: Submission; rules: Rules; answers: [QuestionRow, string][] }
  | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

/** Everything submitAnswers checks before it stores: the form, the consultation's dates, the answers. */
async function check(db: Database, consultationSlug: string, raw: unknown): Promise<Checked> {
  const parsed = SubmissionSchema.safeParse(raw);
  if (!parsed.success) {
    // Report the answers' problems together with the rest, so people fix everything in one go.
    const errors = schemaErrors(parsed.error.issues);
    const answers = AnswersSchema.safeParse(raw);
    if (answers.success) Object.assign(errors, await answerErrors(db, consultationSlug, answers.data));
    return { ok: false, status: 400, errors };
  }
  const submission = parsed.data;

  // The cached rules may be a few seconds behind: anything but "open" is checked again.
  let rules = await rulesFor(db, consultationSlug, submission.audience);
  if (!rules || !isOpen(rules)) rules = await rulesFor(db, consultationSlug, submission.audience, true);
  if (!rules) return { ok: false, status: 404, errors: { form: 'consultation.notFound' } };
  if (!isOpen(rules)) return { ok: false, status: 409, errors: { form: 'consultation.closed' } };
  if (rules.questions.length === 0)
    return { ok: false, status: 404, errors: { form: 'consultation.notFound' } };
  if (!rules.questions.some((q) => !q.hidden))
    return { ok: false, status: 404, errors: { form: 'consultation.notFound' } };
  const { errors, answers } = checkAnswers(submission, rules.questions);
  // Profile answers this audience was not asked are not stored (a form from before a change).
  const asked = (column: string) => rules.profile.includes(column);
  if (!asked('age_band')) submission.ageBand = undefined;
  if (!asked('wijk')) submission.wijk = undefined;
  if (!asked('receives_help')) submission.receivesHelp = undefined;
  // One of the listed wijken or none ("zeg ik liever niet"); the database holds to the same list.
  if (submission.wijk !== undefined && !rules.wijken.includes(submission.wijk))
    errors.wijk = 'profile.invalid';
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };
  return { ok: true, submission, rules, answers };
}

/**
 * What is wrong with a submission, without storing anything: null when submitAnswers would take
 * it. The answer page asks this first when the form's time token is refused, so an empty or
 * half-filled form hears what to fill in rather than "sent too fast" (issue 20, item 4).
 */
export async function submissionProblems(
  db: Database,
  consultationSlug: string,
  raw: unknown,
): Promise<{ status: 400 | 404 | 409; errors: FieldErrors } | null> {
  const checked = await check(db, consultationSlug, raw);
  return checked.ok ? null : { status: checked.status, errors: checked.errors };
}

/**
 * Stores one visit's answers, anonymously and exactly once: the submission id comes from the
 * form, so a repeated or retried submit finds the earlier one and returns the same reference.
 * The id alone proves nothing: the caller first checks the form's time token, which is signed for
 * this id (src/lib/abuse/form-token.server.ts), so only the browser that got the form is given
 * the code of a repeat (issue 16, item 9).
 * Always runs as the anonymous caller, even when a staff member is signed in.
 */
export async function submitAnswers(
  db: Database,
  secret: Uint8Array,
  consultationSlug: string,
  raw: unknown,
  options: SubmitOptions = {},
): Promise<SubmitResult> {
  const validating = options.timing?.mark() ?? 0;
  const checked = await check(db, consultationSlug, raw);
  if (!checked.ok) return checked;
  const { submission, rules, answers } = checked;
  const code = referenceCode(secret, submission.submissionId);
  options.timing?.since('validate', validating);

  let stored: boolean;
  try {
    stored = await store(db, rules.consultationId, submission, code, answers, options);
  } catch (error) {
    // A constraint or policy refused the rows: the consultation closed meanwhile, or the id was
    // reused from another audience.
    if (!isRefusal(error)) throw error;
    const fresh = await rulesFor(db, consultationSlug, submission.audience, true);
    if (fresh && !isOpen(fresh)) return { ok: false, status: 409, errors: { form: 'consultation.closed' } };
    return { ok: false, status: 400, errors: { form: 'submission.invalid' } };
  }
  // The answers are stored: an address refused now (the consultation closed in between) is not
  // kept, and the answers still count. Other errors propagate; a retry then stores the address.
  if (submission.email)
    await leaveAddress(db, rules.consultationId, submission.email).catch((error: unknown) => {
      if (!isRefusal(error)) throw error;
    });
  return { ok: true, referenceCode: code, repeated: !stored };
}
