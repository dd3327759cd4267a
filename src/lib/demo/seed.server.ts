import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createStaffAccount } from '../auth/accounts.server';
import type { StaffRole } from '../auth/roles';
import type { Database } from '../db/types';
import { detectPersonalData } from '../privacy';

export interface DemoAccount {
  readonly email: string;
  readonly role: StaffRole;
  readonly password: string;
}

const demoStaff: readonly { email: string; role: StaffRole; displayName: string }[] = [
  { email: 'beheer@doemee.test', role: 'admin', displayName: 'Beheerder (demo)' },
  { email: 'moderator@doemee.test', role: 'moderator', displayName: 'Moderator (demo)' },
  { email: 'analist@doemee.test', role: 'analyst', displayName: 'Analist (demo)' },
  { email: 'facilitator@doemee.test', role: 'facilitator', displayName: 'Gespreksleider (demo)' },
];

/** True when nobody has answered yet: only then is demo data added. */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.asOwner(
    (tx) =>
      tx.sql<{ empty: boolean }>`
      select not exists (select 1 from public.submissions) and not exists (select 1 from public.input_items)
        and not exists (select 1 from public.staff_members) as empty`,
  );
  return row?.empty ?? false;
}

/**
 * Demo staff accounts and supabase/seed.sql, for an empty embedded database. Passwords are random
 * per installation unless one is given (tests), and are returned so the start script can show them.
 */
export async function seedDemo(db: Database, seedSqlFile: string, password?: string): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const staff of demoStaff) {
    const secret = password ?? `demo-${randomBytes(9).toString('base64url')}`;
    const created = await createStaffAccount(db, { ...staff, password: secret });
    if (!created.ok)
      throw new Error(`demo account ${staff.email}: ${created.code} ${created.issues?.join('; ') ?? ''}`);
    accounts.push({ email: staff.email, role: staff.role, password: secret });
  }
  const seed = await readFile(seedSqlFile, 'utf8');
  await db.asOwner((tx) => tx.exec(seed));
  await proposeRedactions(db);
  return accounts;
}

/** Runs the personal-data detector over input awaiting moderation, as a submit does for new answers. */
export async function proposeRedactions(db: Database): Promise<number> {
  return db.asOwner(async (tx) => {
    const items = await tx.sql<{ id: string; body: string }>`
      select id, body from public.input_items where status = 'new' and pii_spans = '[]'::jsonb and not redacted`;
    let proposed = 0;
    for (const item of items) {
      const spans = detectPersonalData(item.body);
      if (spans.length === 0) continue;
      await tx.sql`update public.input_items set pii_spans = ${JSON.stringify(spans)}::jsonb where id = ${item.id}`;
      proposed++;
    }
    return proposed;
  });
}
