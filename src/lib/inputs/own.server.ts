import { service } from '../db/caller';
import { type Database, forCaller } from '../db/types';
import { removeSubmission } from '../moderation/removal.server';
import { normaliseReferenceCode } from './reference';

/** What a person gets back about their own submission (AVG right of access), as JSON too. */
export interface OwnSubmission {
  readonly referenceCode: string;
  readonly consultation: string;
  readonly audience: string;
  readonly submittedAt: string;
  readonly organisationName: string | null;
  readonly ageBand: string | null;
  readonly wijk: string | null;
  readonly receivesHelp: string | null;
  readonly answers: readonly {
    readonly question: string;
    readonly answer: string;
    /** Personal data was taken out of this text by a moderator. */
    readonly redacted: boolean;
  }[];
}

/**
 * A person's own submission by the reference code from the thank-you page. The code is the only
 * key (visitors are anonymous), so the lookup runs as the service caller; null for a malformed
 * code and for an unknown one alike, so a page never tells which codes exist.
 */
export async function findOwnSubmission(db: Database, input: unknown): Promise<OwnSubmission | null> {
  const code = typeof input === 'string' ? normaliseReferenceCode(input) : null;
  if (!code) return null;
  return forCaller(db, service).run(async (tx) => {
    const [submission] = await tx.sql<{
      id: string;
      title: string;
      audience: string;
      created_at: Date;
      organisation_name: string | null;
      age_band: string | null;
      wijk: string | null;
      receives_help: string | null;
    }>`
      select s.id, c.title, s.audience, s.created_at, s.organisation_name, s.age_band, s.wijk, s.receives_help
      from public.submissions s join public.consultations c on c.id = s.consultation_id
      where s.reference_code = ${code}`;
    if (!submission) return null;
    const answers = await tx.sql<{ prompt: string | null; body: string; redacted: boolean }>`
      select q.prompt, i.body, i.redacted
      from public.input_items i left join public.questions q on q.id = i.question_id
      where i.submission_id = ${submission.id} order by q.position, i.created_at`;
    return {
      referenceCode: code,
      consultation: submission.title,
      audience: submission.audience,
      submittedAt: new Date(submission.created_at).toISOString(),
      organisationName: submission.organisation_name,
      ageBand: submission.age_band,
      wijk: submission.wijk,
      receivesHelp: submission.receives_help,
      answers: answers.map((a) => ({ question: a.prompt ?? '', answer: a.body, redacted: a.redacted })),
    };
  });
}

/**
 * Erasure at the person's request: their submission, its answers, theme assignments and kept
 * originals, through the same domain function staff use (removeSubmission), as the service
 * caller. The audit triggers record the deletions without any text. False when nothing matched.
 */
export async function removeOwnSubmission(db: Database, input: unknown): Promise<boolean> {
  if (typeof input !== 'string') return false;
  const result = await removeSubmission(forCaller(db, service), input);
  return result.ok;
}
