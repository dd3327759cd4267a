/**
 * The mail job, for cron or a scheduler.
 *   npm run mail:send      queues today's moderation e-mail for moderators who chose it (once a day,
 *                          from 08:00 Amsterdam time), then delivers every message in the outbox
 *                          that is due, once, and prints a count
 * Exit code 0 when nothing failed, 1 when a message failed or SMTP is not configured, 2 on bad usage.
 * Failed messages are tried again by a later run (after a wait), at most 5 times.
 */
import { readEnv } from '../lib/config/env.server';
import { openDatabase } from '../lib/db/open.server';
import { createTransport, deliverOutbox, queueModerationDigests, readMailConfig } from '../lib/mail';

const [command] = process.argv.slice(2);

async function main(): Promise<number> {
  if (command !== 'send') {
    console.error('Usage: tsx src/cli/mail.ts send');
    return 2;
  }
  const env = readEnv();
  const config = readMailConfig();
  const transport = createTransport(config);
  if (!transport) {
    console.error('SMTP is not configured (SMTP_HOST is unset): messages stay in the outbox.');
    return 1;
  }
  const db = await openDatabase(env);
  let sent = 0;
  let failed = 0;
  try {
    const digests = await queueModerationDigests(db, env.PUBLIC_SITE_URL);
    if (digests > 0) console.log(`mail: ${digests} moderation e-mail(s) queued`);
    // Batches until nothing is due. A claimed or failed message is not due again within this run,
    // so this ends even when every message fails.
    for (;;) {
      const batch = await deliverOutbox(db, transport, { from: config.from, limit: 50 });
      sent += batch.sent;
      failed += batch.failed;
      if (batch.sent + batch.failed === 0) break;
    }
  } finally {
    transport.close();
    await db.close();
  }
  console.log(`mail: ${sent} sent, ${failed} failed (via ${config.smtp?.host}:${config.smtp?.port})`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
