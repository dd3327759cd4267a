import type { CallerDb } from '../db/types';
import { maxAttempts } from './send.server';

export type OutboxState = 'sent' | 'pending' | 'failed';

export interface OutboxEntry {
  readonly id: string;
  readonly consultationTitle: string;
  readonly toEmail: string;
  readonly subject: string;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly state: OutboxState;
}

export interface OutboxOverview {
  readonly entries: readonly OutboxEntry[];
  readonly counts: Readonly<Record<OutboxState, number>>;
}

interface Row {
  id: string;
  consultation_title: string;
  to_email: string;
  subject: string;
  created_at: Date | string;
  sent_at: Date | string | null;
  attempts: number;
  last_error: string | null;
}

/**
 * The outbox as the caller may see it (RLS: admins only; anyone else sees nothing), newest first,
 * with counts per state over all messages.
 */
export async function readOutbox(db: CallerDb, limit = 500): Promise<OutboxOverview> {
  return db.run(async (tx) => {
    const rows = await tx.sql<Row>`
      select o.id, c.title as consultation_title, o.to_email, o.subject, o.created_at, o.sent_at,
             o.attempts, o.last_error
      from public.mail_outbox o join public.consultations c on c.id = o.consultation_id
      order by o.created_at desc, o.id desc
      limit ${limit}`;
    const [counts] = await tx.sql<Record<OutboxState, number>>`
      select count(*) filter (where sent_at is not null)::int as sent,
             count(*) filter (where sent_at is null and attempts < ${maxAttempts})::int as pending,
             count(*) filter (where sent_at is null and attempts >= ${maxAttempts})::int as failed
      from public.mail_outbox`;
    return {
      entries: rows.map((r) => ({
        id: r.id,
        consultationTitle: r.consultation_title,
        toEmail: r.to_email,
        subject: r.subject,
        createdAt: new Date(r.created_at),
        sentAt: r.sent_at === null ? null : new Date(r.sent_at),
        attempts: r.attempts,
        lastError: r.last_error,
        state: r.sent_at !== null ? 'sent' : r.attempts >= maxAttempts ? 'failed' : 'pending',
      })),
      counts: counts ?? { sent: 0, pending: 0, failed: 0 },
    };
  });
}
