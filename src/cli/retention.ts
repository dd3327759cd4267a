/**
 * The retention job, for a daily timer (see README "Privacy: retention"):
 *   npm run retention     deletes contact e-mail addresses, unredacted originals and received documents after the
 *                         consultation's retention date; prints the counts; idempotent
 * Works on the embedded database (DATA_DIR; stop the server first) and on DATABASE_URL.
 */
import { readEnv } from '../lib/config/env.server';
import { openDatabase } from '../lib/db/open.server';
import { purgeExpired } from '../lib/retention/purge.server';

async function main(): Promise<void> {
  const db = await openDatabase(readEnv());
  try {
    const counts = await purgeExpired(db);
    console.log(
      `Retention: ${counts.consultations} consultation(s) past their retention date; deleted ` +
        `${counts.contactEmails} contact e-mail address(es), ${counts.outboxMessages} outbox message(s), ` +
        `${counts.originals} unredacted original(s), ${counts.uploads} spreadsheet upload(s) never imported, ` +
        `${counts.documents} letter(s) or document(s) as received.`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
