import type { Database } from '../db/types';
import { readMailConfig } from './config.server';
import { createTransport, deliverOutbox, type MailTransport } from './send.server';

/**
 * Staff e-mail (an invitation, "wachtwoord vergeten") is sent by the server right after it is
 * queued, when SMTP is configured: someone is waiting for it, and with the embedded database the
 * mail job cannot open the database while the server runs. Residents' e-mail stays with the mail
 * job (npm run mail:send), which also sends whatever this missed (failures are retried there).
 *
 * One delivery at a time per process; a request while one runs makes it run once more afterwards.
 */
const staffKinds = ['staff_password'] as const;

let transport: { value: MailTransport | null; from: string } | undefined;
let running: Promise<void> | null = null;
let again = false;

function smtp(): { value: MailTransport | null; from: string } {
  if (!transport) {
    const config = readMailConfig();
    transport = { value: createTransport(config), from: config.from };
  }
  return transport;
}

/** Starts sending queued staff e-mail in the background; returns at once. */
export function sendStaffMailSoon(db: Database): void {
  const { value, from } = smtp();
  if (!value) return;
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    do {
      again = false;
      try {
        await deliverOutbox(db, value, { from, kinds: staffKinds, limit: 20 });
      } catch (error) {
        console.error('staff e-mail could not be sent now (the mail job tries again):', error);
      }
    } while (again);
  })().finally(() => {
    running = null;
  });
}

/** Resolves when the background delivery (if any) is done; for tests and shutdown. */
export function staffMailSettled(): Promise<void> {
  return running ?? Promise.resolve();
}
