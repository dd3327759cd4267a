import nodemailer, { type Transporter } from 'nodemailer';
import { service } from '../db/caller';
import type { Database } from '../db/types';
import { defaultMailFrom, type MailConfig } from './config.server';

/** What delivery needs of a nodemailer transport. */
export type MailTransport = Pick<Transporter, 'sendMail'>;

export interface DeliveryOptions {
  /** At most this many messages in this call (1–1000, default 50). */
  readonly limit?: number;
  /** The From header; MAIL_FROM. */
  readonly from?: string;
  /** Only messages of these kinds (mail_outbox.kind); default every kind. */
  readonly kinds?: readonly string[];
}

export interface DeliveryResult {
  readonly sent: number;
  readonly failed: number;
}

/** After this many failed attempts a message is left alone (admins see it in the outbox). */
export const maxAttempts = 5;
/** How long a claimed message is reserved for the server that claimed it. */
const claimMinutes = 10;
/** Minutes to wait before the next attempt, by failed attempts so far. */
const retryMinutes = [5, 30, 120, 480] as const;
const retryAfter = (attempts: number): number =>
  retryMinutes[Math.min(attempts, retryMinutes.length - 1)] ?? 480;

/** SMTP transport from the configuration, or null when SMTP is not configured (outbox only). */
export function createTransport(config: MailConfig): Transporter | null {
  if (!config.smtp) return null;
  const { host, port, secure, auth } = config.smtp;
  return nodemailer.createTransport(
    {
      pool: true,
      maxConnections: 2,
      host,
      port,
      secure,
      ...(auth ? { auth: { user: auth.user, pass: auth.pass } } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    },
    { from: config.from },
  );
}

/** A short, single-line description of a failed send for mail_outbox.last_error. */
export function shortError(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const line = `${code}${message}`.replace(/\s+/g, ' ').trim() || 'unknown error';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

interface Claimed {
  id: string;
  /** not_before as set by this claim, exact to the microsecond: proof that the claim is ours. */
  claim: string;
  attempts: number;
  to_email: string;
  subject: string;
  body_text: string;
  body_html: string;
}

/**
 * Sends pending outbox messages (not sent, fewer than 5 failed attempts, not claimed or waiting).
 *
 * Rows are claimed first, in a short transaction with `for update skip locked`: two servers (or a
 * cron job and a server) calling this at once each get different rows, and a claimed row is
 * reserved for `claimMinutes` by moving its not_before forward, so nobody else picks it up while it
 * is being sent (the claim is checked and renewed just before each send). SMTP is talked to
 * outside any transaction: no connection is held and the embedded database (one connection for the
 * whole server) is never blocked by a slow mail server. Each result is recorded as soon as it is
 * known. If a server dies between the SMTP server's "OK" and
 * that record, the row is tried again after the claim expires: a rare duplicate beats a lost one.
 */
export async function deliverOutbox(
  db: Database,
  transport: MailTransport,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new RangeError('limit must be an integer from 1 to 1000');
  const from = options.from ?? defaultMailFrom;
  const kinds = options.kinds ? [...options.kinds] : null;

  const claimed = await db.transaction(
    service,
    (tx) => tx.sql<Claimed>`
      with next as (
        select id from public.mail_outbox
        where sent_at is null and attempts < ${maxAttempts} and not_before <= now()
          and (${kinds}::text[] is null or kind = any(${kinds}::text[]))
        order by created_at, id
        limit ${limit}
        for update skip locked
      ),
      claimed as (
        update public.mail_outbox o
        set not_before = now() + make_interval(mins => ${claimMinutes})
        from next where o.id = next.id
        returning o.id, o.created_at, o.not_before::text as claim, o.attempts, o.to_email, o.subject,
          o.body_text, o.body_html
      )
      -- Oldest first (update … returning has no order of its own).
      select * from claimed order by created_at, id`,
  );

  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    // Just before sending, confirm and renew the claim: the row may have been removed by an
    // unsubscribe while earlier messages of this batch were sent, or (after a very slow batch) the
    // claim may have run out and another server may have claimed the row. Either way: not ours.
    const [still] = await db.transaction(
      service,
      (tx) => tx.sql`
        update public.mail_outbox set not_before = now() + make_interval(mins => ${claimMinutes})
        where id = ${row.id} and sent_at is null and not_before = ${row.claim}::text::timestamptz
        returning id`,
    );
    if (!still) continue;

    let error: unknown = null;
    try {
      await transport.sendMail({
        from,
        to: row.to_email,
        subject: row.subject,
        text: row.body_text,
        html: row.body_html,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (caught) {
      error = caught ?? new Error('unknown error');
    }

    if (error === null) {
      // Privacy by design: the address was kept for this one message only. Once it is sent, every
      // contact_emails row of that address for this consultation is deleted. The outbox row keeps
      // the address, so the message can never be queued again; it goes when the consultation is
      // deleted (a retention job should also purge it after retention_until).
      await db.transaction(
        service,
        (tx) => tx.sql`
          with done as (
            update public.mail_outbox set sent_at = now(), last_error = null
            where id = ${row.id} and sent_at is null
            returning consultation_id, to_email
          )
          delete from public.contact_emails c using done
          where c.consultation_id = done.consultation_id and lower(c.email) = done.to_email`,
      );
      // Staff mail is not kept once it is on its way: a password link is a key to someone's
      // account, and a moderation digest is only of use that day.
      await db.transaction(
        service,
        (tx) => tx.sql`
          delete from public.mail_outbox
          where id = ${row.id} and kind in ('staff_password', 'moderation_digest')`,
      );
      sent++;
    } else {
      await db.transaction(
        service,
        (tx) => tx.sql`
          update public.mail_outbox
          set attempts = attempts + 1,
              last_error = ${shortError(error)},
              not_before = now() + make_interval(mins => ${retryAfter(row.attempts)})
          where id = ${row.id} and sent_at is null`,
      );
      failed++;
    }
  }
  return { sent, failed };
}
