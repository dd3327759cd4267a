import { service } from '../db/caller';
import type { Database } from '../db/types';

export interface RetentionCounts {
  /** Consultations whose retention date has passed. */
  consultations: number;
  contactEmails: number;
  outboxMessages: number;
  originals: number;
  /** Spreadsheets uploaded for import and never imported (they hold unredacted answers): after a day. */
  uploads: number;
  /** Letters and documents as received (written input), and drafts never saved. */
  documents: number;
}

/**
 * The retention job (AVG): after a consultation's `retention_until` date, deletes its contact
 * e-mail addresses (contact_emails, and mail_outbox rows, which hold addresses too) and the
 * unredacted originals of its input (input_originals) and the letters and documents brought in
 * as written input (written_input_originals, and drafts never saved); originals also go once
 * their own `purge_after` date has passed. "After" means from the day after the date on.
 * Spreadsheet uploads that were never imported go a day after upload (src/lib/imports).
 *
 * One transaction as the service caller; idempotent (a second run deletes nothing). Writes one
 * audit row per run with the counts only, never an address or a text. Consultations without a
 * retention date keep their addresses (set `retentionUntil` in content/consultations/*.yaml).
 */
export async function purgeExpired(db: Database): Promise<RetentionCounts> {
  return db.transaction(service, async (tx) => {
    const [row] = await tx.sql<RetentionCounts & { ids: string[] }>`
      with expired as (
        select id from public.consultations
        where retention_until is not null and retention_until < current_date
      ),
      emails as (
        delete from public.contact_emails where consultation_id in (select id from expired) returning 1
      ),
      outbox as (
        delete from public.mail_outbox where consultation_id in (select id from expired) returning 1
      ),
      originals as (
        delete from public.input_originals o
        using public.input_items i
        where i.id = o.input_item_id
          and (o.purge_after < current_date or i.consultation_id in (select id from expired))
        returning 1
      ),
      uploads as (
        delete from public.import_uploads
        where expires_at < now() or consultation_id in (select id from expired)
        returning 1
      ),
      documents as (
        delete from public.written_input_originals o
        using public.written_inputs w
        where w.id = o.written_input_id
          and (o.purge_after < current_date or w.consultation_id in (select id from expired))
        returning 1
      ),
      drafts as (
        delete from public.written_inputs
        where saved_at is null and consultation_id in (select id from expired)
        returning 1
      )
      select (select count(*)::int from expired) as consultations,
             (select count(*)::int from emails) as "contactEmails",
             (select count(*)::int from outbox) as "outboxMessages",
             (select count(*)::int from originals) as originals,
             (select count(*)::int from uploads) as uploads,
             (select count(*)::int from documents) + (select count(*)::int from drafts) as documents,
             (select coalesce(array_agg(id::text), '{}') from expired) as ids`;
    const counts: RetentionCounts = {
      consultations: row?.consultations ?? 0,
      contactEmails: row?.contactEmails ?? 0,
      outboxMessages: row?.outboxMessages ?? 0,
      originals: row?.originals ?? 0,
      uploads: row?.uploads ?? 0,
      documents: row?.documents ?? 0,
    };
    await tx.sql`
      insert into public.audit_log (actor_role, action, entity, detail)
      values ('service_role', 'retention.purge', 'consultations',
              ${JSON.stringify({ ...counts, expiredConsultations: row?.ids ?? [] })}::jsonb)`;
    return counts;
  });
}
