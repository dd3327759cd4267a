/**
 * Adds a staff account (embedded mode, or any Postgres without Supabase Auth; refused on a Supabase
 * project, where Supabase Auth owns the accounts).
 *   npm run staff:add -- --email naam@zoetermeer.nl --role moderator [--name "Naam"] [--password …]
 * Without --password a strong one is generated and shown once.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createStaffAccount } from '../lib/auth/accounts.server';
import { staffRoles } from '../lib/auth/roles';
import { onSupabaseProject } from '../lib/auth/sign-in.server';
import { readEnv } from '../lib/config/env.server';
import { openDatabase, prepareForServing } from '../lib/db/open.server';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
  },
});

async function main(): Promise<number> {
  if (!values.email || !values.role) {
    console.error(
      `Usage: npm run staff:add -- --email <e-mail> --role <${staffRoles.join('|')}> [--name <naam>] [--password <wachtwoord>]`,
    );
    return 2;
  }
  const env = readEnv();
  if (env.SUPABASE_URL) {
    console.error(
      'SUPABASE_URL is set: invite staff in Supabase Auth, then add them to public.staff_members.',
    );
    return 2;
  }
  const password = values.password ?? randomBytes(15).toString('base64url');
  const db = await openDatabase(env);
  // Supabase Auth owns auth.users on a Supabase project: an account made here could never sign in.
  if (await onSupabaseProject(db)) {
    await db.close();
    console.error(
      'This database belongs to a Supabase project: invite staff in Supabase Auth (Authentication → Users → Invite user), then add them to public.staff_members. The server needs SUPABASE_URL and SUPABASE_ANON_KEY.',
    );
    return 2;
  }
  try {
    await prepareForServing(env, db);
    const result = await createStaffAccount(db, {
      email: values.email,
      role: values.role as (typeof staffRoles)[number],
      displayName: values.name ?? values.email,
      password,
    });
    if (!result.ok) {
      console.error(
        result.code === 'account.exists'
          ? `An account for ${values.email} already exists.`
          : `Invalid input:\n  ${result.issues?.join('\n  ')}`,
      );
      return 1;
    }
    console.log(
      `Account created: ${values.email} (${values.role})${values.password ? '' : `\nPassword (shown once): ${password}`}`,
    );
    return 0;
  } finally {
    await db.close();
  }
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
