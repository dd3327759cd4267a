import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../../src/lib/db/types';

export const siteUrl = 'https://doemee.example.test';

export interface Contact {
  readonly email: string;
  readonly token: string;
}

let counter = 0;
/** A contact address with a fresh, well-formed unsubscribe token. */
export function contact(email: string): Contact {
  counter += 1;
  return { email, token: `t${counter}-${randomBytes(18).toString('base64url')}` };
}

/**
 * Leaves addresses for a consultation, one visit (transaction) each, the way the answer form would;
 * as owner, so closed consultations can hold addresses too. The rows keep no time (issue 16).
 */
export async function leaveAddresses(db: Database, consultationId: string, contacts: readonly Contact[]) {
  for (const c of contacts)
    await db.asOwner(
      (tx) => tx.sql`insert into public.contact_emails (consultation_id, email, unsubscribe_token)
                     values (${consultationId}, ${c.email}, ${c.token})`,
    );
}

export async function publishResults(db: Database, consultationId: string): Promise<void> {
  await db.asOwner(
    (tx) => tx.sql`update public.consultations set results_published_at = now() where id = ${consultationId}`,
  );
}

export interface OutboxRow {
  id: string;
  consultation_id: string;
  to_email: string;
  subject: string;
  body_text: string;
  body_html: string;
  kind: string;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

export function outbox(db: Database, consultationId?: string): Promise<OutboxRow[]> {
  return db.asOwner((tx) =>
    consultationId
      ? tx.sql<OutboxRow>`select * from public.mail_outbox where consultation_id = ${consultationId} order by to_email`
      : tx.sql<OutboxRow>`select * from public.mail_outbox order by to_email`,
  );
}

export interface ContactRow {
  id: string;
  consultation_id: string;
  email: string;
  unsubscribe_token: string;
  notified_at: Date | null;
}

export function contactRows(db: Database, consultationId?: string): Promise<ContactRow[]> {
  return db.asOwner((tx) =>
    consultationId
      ? tx.sql<ContactRow>`select * from public.contact_emails where consultation_id = ${consultationId} order by email`
      : tx.sql<ContactRow>`select * from public.contact_emails order by email`,
  );
}

export interface Received {
  /** RCPT TO addresses of the SMTP envelope. */
  readonly envelopeTo: string[];
  readonly mail: ParsedMail;
}

export interface TestSmtpServer {
  readonly port: number;
  /** Messages the server accepted so far, parsed, in arrival order. */
  received(): Promise<Received[]>;
  /** Every RCPT TO the server was offered, accepted or not. */
  readonly recipientsTried: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 and an ephemeral port. With rejectRecipients every RCPT TO is
 * refused with 550, the way a mail server refuses an unknown mailbox; with delayMs each message is
 * acknowledged only after that wait.
 */
export async function startSmtpServer(
  options: { rejectRecipients?: boolean; delayMs?: number } = {},
): Promise<TestSmtpServer> {
  const raw: { envelopeTo: string[]; data: Buffer }[] = [];
  const recipientsTried: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      recipientsTried.push(address.address);
      if (options.rejectRecipients) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        raw.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks) });
        // A slow server keeps a delivery busy while another one starts.
        setTimeout(callback, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    recipientsTried,
    received: () =>
      Promise.all(raw.map(async (r) => ({ envelopeTo: r.envelopeTo, mail: await simpleParser(r.data) }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
