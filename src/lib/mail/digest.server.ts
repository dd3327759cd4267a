import { service } from '../db/caller';
import type { CallerDb, Database } from '../db/types';
import { siteBase } from './links';
import { moderationDigestMessage } from './messages.nl';

/** mail_outbox.kind of the daily moderation e-mail. */
export const moderationDigestKind = 'moderation_digest';
/** The digest is queued from this hour (Europe/Amsterdam) on, once a day. */
export const digestHour = 8;

/** The queue's "Nieuw" tab and the place where the digest is turned off. */
export const moderationQueuePath = '/staff/moderatie?status=new';
export const digestSettingsPath = '/staff/moderatie#dagelijkse-e-mail';

export interface DigestOptions {
  /** The moment to act as (tests); default now. */
  readonly now?: Date;
}

interface Due {
  user_id: string;
  email: string;
  display_name: string;
  since: string | null;
}

/**
 * Queues today's moderation e-mail for every active moderator and admin who chose it and has not
 * had one today (Amsterdam time), from `digestHour` on. Only when messages are waiting: no e-mail
 * that says "nothing to do". Counts over every consultation, as the service caller; the message holds
 * counts and links only. Idempotent within a day (the settings row records the day, in the same
 * transaction, locked). Returns how many were queued. `npm run mail:send` calls this before it sends.
 */
export async function queueModerationDigests(
  db: Database,
  siteUrl: string,
  options: DigestOptions = {},
): Promise<number> {
  const base = siteBase(siteUrl);
  const at = (options.now ?? new Date()).toISOString();
  return db.transaction(service, async (tx) => {
    const [clock] = await tx.sql<{ today: string; hour: number }>`
      select ((${at}::text::timestamptz) at time zone 'Europe/Amsterdam')::date::text as today,
             extract(hour from (${at}::text::timestamptz) at time zone 'Europe/Amsterdam')::int as hour`;
    if (!clock || clock.hour < digestHour) return 0;
    const due = await tx.sql<Due>`
      select s.user_id, m.email, m.display_name, s.digest_queued_at::text as since
      from public.staff_mail_settings s
      join public.staff_members m on m.user_id = s.user_id
      where s.moderation_digest and m.active and m.role in ('moderator', 'admin')
        and (s.digest_queued_on is null or s.digest_queued_on < ${clock.today}::date)
      order by s.user_id
      for update of s skip locked`;
    let queued = 0;
    for (const person of due) {
      const [counts] = await tx.sql<{ waiting: number; arrived: number }>`
        select count(*)::int as waiting,
               count(*) filter (where i.created_at > coalesce(
                 ${person.since}::text::timestamptz,
                 ${at}::text::timestamptz - interval '1 day'))::int as arrived
        from public.input_items i
        where i.status = 'new'`;
      const waiting = counts?.waiting ?? 0;
      if (waiting > 0) {
        const message = moderationDigestMessage({
          name: person.display_name,
          waiting,
          arrived: counts?.arrived ?? 0,
          queueUrl: `${base}${moderationQueuePath}`,
          settingsUrl: `${base}${digestSettingsPath}`,
        });
        await tx.sql`
          insert into public.mail_outbox (to_email, subject, body_text, body_html, kind)
          values (${person.email.toLowerCase()}, ${message.subject}, ${message.text}, ${message.html},
                  ${moderationDigestKind})`;
        queued++;
      }
      // Also on a day with nothing waiting: the day is done, and "since" moves on.
      await tx.sql`
        update public.staff_mail_settings
        set digest_queued_on = ${clock.today}::date, digest_queued_at = ${at}::text::timestamptz
        where user_id = ${person.user_id}`;
    }
    return queued;
  });
}

/** Whether the signed-in moderator or admin chose the daily e-mail (false for other roles). */
export async function readDigestChoice(db: CallerDb): Promise<boolean> {
  const [row] = await db.run(
    (tx) => tx.sql<{ on: boolean }>`select private.moderation_digest_chosen() as on`,
  );
  return row?.on === true;
}

/** The signed-in moderator or admin turns their daily e-mail on or off. */
export async function chooseDigest(db: CallerDb, on: boolean): Promise<boolean> {
  const [row] = await db.run(
    (tx) => tx.sql<{ on: boolean }>`select private.set_moderation_digest(${on}) as on`,
  );
  return row?.on === true;
}
