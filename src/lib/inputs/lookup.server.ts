import type { CallerDb } from '../db/types';
import { normaliseReferenceCode } from './reference';

export interface SubmissionRecord {
  readonly id: string;
  readonly referenceCode: string;
  readonly audience: string;
  readonly organisationName: string | null;
  readonly ageBand: string | null;
  readonly wijk: string | null;
  readonly receivesHelp: string | null;
  readonly createdAt: Date;
  readonly items: readonly {
    id: string;
    questionKey: string | null;
    body: string;
    status: string;
    redacted: boolean;
  }[];
}

/**
 * One person's submission by the reference code from the thank-you page: for access and removal
 * requests. Admins only: no staff member may read reference codes, so the one submission is found
 * through private.submission_by_reference, which answers null for everyone else.
 */
export async function findSubmissionByReference(
  db: CallerDb,
  input: string,
): Promise<SubmissionRecord | null> {
  const code = normaliseReferenceCode(input);
  if (!code) return null;
  return db.run(async (tx) => {
    const [submission] = await tx.sql<{
      id: string;
      reference_code: string;
      audience: string;
      organisation_name: string | null;
      age_band: string | null;
      wijk: string | null;
      receives_help: string | null;
      created_at: Date;
    }>`select id, ${code}::text as reference_code, audience, organisation_name, age_band, wijk, receives_help,
              created_at
       from public.submissions where id = private.submission_by_reference(${code})`;
    if (!submission) return null;
    const items = await tx.sql<{
      id: string;
      key: string | null;
      body: string;
      status: string;
      redacted: boolean;
    }>`
      select i.id, q.key, i.body, i.status, i.redacted
      from public.input_items i left join public.questions q on q.id = i.question_id
      where i.submission_id = ${submission.id} order by q.position, i.created_at`;
    return {
      id: submission.id,
      referenceCode: submission.reference_code,
      audience: submission.audience,
      organisationName: submission.organisation_name,
      ageBand: submission.age_band,
      wijk: submission.wijk,
      receivesHelp: submission.receives_help,
      createdAt: new Date(submission.created_at),
      items: items.map((i) => ({
        id: i.id,
        questionKey: i.key,
        body: i.body,
        status: i.status,
        redacted: i.redacted,
      })),
    };
  });
}
