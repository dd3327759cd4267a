import { z } from 'zod';
import { service } from '../db/caller';
import type { Database } from '../db/types';
import { resultsUrl, siteBase, unsubscribeUrl } from './links';
import { resultsMessage } from './messages.nl';

/** The only kind of message there is (mail_outbox.kind). */
export const resultsPublishedKind = 'results_published';

/** The message says "the results are online": queueing before they are would waste the one message. */
export class ResultsNotPublishedError extends Error {
  override name = 'ResultsNotPublishedError';
}

/**
 * Queues the "results are out" message for every contact address of one consultation that has not
 * been notified yet, and marks those addresses notified: one transaction, as the service caller.
 * Returns how many messages were queued. Idempotent: a second call queues nothing new, and the
 * outbox's unique (consultation, address, kind) keeps one message per address even when the same
 * address was left twice or two staff members publish at the same moment.
 */
export async function queueResultsMessages(
  db: Database,
  consultationId: string,
  siteUrl: string,
): Promise<number> {
  const id = z.string().uuid().parse(consultationId);
  siteBase(siteUrl); // Refuse a bad site URL before touching anything.

  return db.transaction(service, async (tx) => {
    const [consultation] = await tx.sql<{ slug: string; title: string; published: boolean }>`
      select slug, title, results_published_at is not null as published
      from public.consultations where id = ${id}`;
    if (!consultation) throw new Error(`Consultation ${id} does not exist.`);
    if (!consultation.published)
      throw new ResultsNotPublishedError(`The results of "${consultation.slug}" are not published yet.`);

    // Locked, so a concurrent call waits here and then finds these rows already notified.
    const contacts = await tx.sql<{ id: string; email: string; unsubscribe_token: string }>`
      select id, lower(email) as email, unsubscribe_token
      from public.contact_emails
      where consultation_id = ${id} and notified_at is null
      order by id
      for update`;
    if (contacts.length === 0) return 0;

    // One message per address; its link carries the token of one of the address's rows (unsubscribing
    // with it removes every row of that address for this consultation). The rows keep no time, so
    // "first" means nothing here: which one is chosen does not matter.
    const tokens = new Map<string, string>();
    for (const c of contacts) if (!tokens.has(c.email)) tokens.set(c.email, c.unsubscribe_token);
    const link = resultsUrl(siteUrl, consultation.slug);
    const rows = [...tokens].map(([email, token]) => {
      const message = resultsMessage({
        consultationTitle: consultation.title,
        resultsUrl: link,
        unsubscribeUrl: unsubscribeUrl(siteUrl, token),
      });
      return { to_email: email, subject: message.subject, body_text: message.text, body_html: message.html };
    });

    // JSON as one text parameter: the same on both drivers, one round trip for any number of rows.
    const [queued] = await tx.sql<{ n: number }>`
      with added as (
        insert into public.mail_outbox (consultation_id, to_email, subject, body_text, body_html, kind)
        select ${id}::uuid, r.to_email, r.subject, r.body_text, r.body_html, ${resultsPublishedKind}::text
        from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
          as r (to_email text, subject text, body_text text, body_html text)
        on conflict (consultation_id, to_email, kind) do nothing
        returning 1
      )
      select count(*)::int as n from added`;

    const ids = JSON.stringify(contacts.map((c) => c.id));
    await tx.sql`
      update public.contact_emails set notified_at = now()
      where id in (select value::uuid from jsonb_array_elements_text(${ids}::text::jsonb))`;
    // An address left again after its message already went out gets nothing more, so it is not
    // kept either (see deliverOutbox: sent addresses are deleted).
    await tx.sql`
      delete from public.contact_emails c
      where c.id in (select value::uuid from jsonb_array_elements_text(${ids}::text::jsonb))
        and exists (
          select 1 from public.mail_outbox o
          where o.consultation_id = c.consultation_id and o.to_email = lower(c.email)
            and o.kind = ${resultsPublishedKind} and o.sent_at is not null
        )`;
    return queued?.n ?? 0;
  });
}
