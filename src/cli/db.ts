/**
 * Database chores for the command line.
 *   tsx src/cli/db.ts migrate         migrations + content/ (what every server also does on start)
 *   tsx src/cli/db.ts setup --demo    the above, plus demo data and accounts on an empty database
 *   tsx src/cli/db.ts seed            demo data and accounts now (refuses a database with data)
 *   tsx src/cli/db.ts reset           deletes the embedded database (asks nothing: for development)
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readEnv, resolveFromRoot } from '../lib/config/env.server';
import { openDatabase, prepareForServing } from '../lib/db/open.server';
import { type DemoAccount, isEmpty, seedDemo } from '../lib/demo/seed.server';

const [command, ...flags] = process.argv.slice(2);
const env = readEnv();
const accountsFile = path.join(resolveFromRoot(env.DATA_DIR), 'demo-accounts.json');

function printAccounts(accounts: readonly DemoAccount[]): void {
  console.log('\nDemo-accounts voor de medewerkers (alleen lokaal):');
  for (const a of accounts) console.log(`  ${a.role.padEnd(12)} ${a.email.padEnd(26)} ${a.password}`);
  console.log(`  (ook bewaard in ${path.relative(process.cwd(), accountsFile)})\n`);
}

async function main(): Promise<void> {
  if (command === 'reset') {
    if (env.DATABASE_URL) throw new Error('reset only deletes the embedded database; DATABASE_URL is set.');
    await rm(path.join(resolveFromRoot(env.DATA_DIR), 'pglite'), { recursive: true, force: true });
    await rm(accountsFile, { force: true });
    console.log('Embedded database deleted.');
    return;
  }
  if (!['migrate', 'setup', 'seed'].includes(command ?? '')) {
    console.error('Usage: tsx src/cli/db.ts migrate | setup [--demo] | seed | reset');
    process.exitCode = 2;
    return;
  }
  const db = await openDatabase(env);
  try {
    const { migrated, consultations } = await prepareForServing(env, db);
    console.log(
      `Database ${db.driver}: ${migrated.length} migration(s) applied; content synchronised: ${consultations.join(', ')}`,
    );
    const wantsDemo =
      command === 'seed' || (command === 'setup' && flags.includes('--demo') && env.DEMO_SEED !== 'false');
    if (!wantsDemo) return;
    if (await isEmpty(db)) {
      const accounts = await seedDemo(db, resolveFromRoot('supabase', 'seed.sql'), process.env.DEMO_PASSWORD);
      await mkdir(path.dirname(accountsFile), { recursive: true });
      await writeFile(accountsFile, JSON.stringify(accounts, null, 2), { mode: 0o600 });
      console.log('Demo data added.');
      printAccounts(accounts);
    } else if (command === 'seed') {
      throw new Error('The database already holds data; demo data is only added to an empty database.');
    } else {
      const saved = await readFile(accountsFile, 'utf8').catch(() => null);
      if (saved) printAccounts(JSON.parse(saved) as DemoAccount[]);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
