import { service } from '../db/caller';
import type { Database } from '../db/types';
import { UnsubscribeTokenSchema } from './links';

/**
 * Removes the contact address behind an unsubscribe token, and every message to that address for
 * that consultation that was not sent yet. The same address left twice for one consultation is
 * removed as a whole: otherwise its other row would still get the message.
 *
 * Returns whether the token belonged to an address. A token of the wrong shape (junk, too long,
 * not a string) returns false without a query; it never throws for bad input.
 */
export async function unsubscribe(db: Database, token: unknown): Promise<boolean> {
  const parsed = UnsubscribeTokenSchema.safeParse(token);
  if (!parsed.success) return false;

  const [result] = await db.transaction(
    service,
    (tx) => tx.sql<{ found: boolean }>`
      with target as (
        select consultation_id, lower(email) as email
        from public.contact_emails where unsubscribe_token = ${parsed.data}
      ),
      removed_addresses as (
        delete from public.contact_emails c using target t
        where c.consultation_id = t.consultation_id and lower(c.email) = t.email
      ),
      removed_messages as (
        delete from public.mail_outbox o using target t
        where o.consultation_id = t.consultation_id and o.to_email = t.email and o.sent_at is null
      )
      -- Data-modifying WITH parts always run to completion, whether read here or not.
      select exists (select 1 from target) as found`,
  );
  return result?.found === true;
}
