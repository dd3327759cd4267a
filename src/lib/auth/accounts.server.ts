import { z } from 'zod';
import { service } from '../db/caller';
import type { Database } from '../db/types';
import { passwordRuleProblem, passwordRuleText } from './password-policy.server';
import { decoyHash, hashPassword, minPasswordLength, verifyPassword } from './passwords.server';
import { type StaffRole, staffRoles } from './roles';

export const NewStaffSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    displayName: z.string().trim().min(1).max(120),
    role: z.enum(staffRoles),
    password: z.string().min(minPasswordLength).max(200),
  })
  .superRefine((staff, context) => {
    const problem = passwordRuleProblem(staff.password, [staff.email, staff.displayName]);
    if (problem && problem !== 'tooShort')
      context.addIssue({ code: 'custom', path: ['password'], message: passwordRuleText[problem] });
  });
export type NewStaff = z.input<typeof NewStaffSchema>;

export type AccountError = 'account.exists' | 'account.invalid';

/** Creates a local account (embedded mode) and its staff membership in one transaction. */
export async function createStaffAccount(
  db: Database,
  input: NewStaff,
): Promise<{ ok: true; userId: string } | { ok: false; code: AccountError; issues?: string[] }> {
  const parsed = NewStaffSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      code: 'account.invalid',
      issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  const staff = parsed.data;
  const passwordHash = await hashPassword(staff.password);
  return db.transaction(service, async (tx) => {
    const existing = await tx.sql`select 1 from auth.users where email = ${staff.email}`;
    if (existing.length > 0) return { ok: false, code: 'account.exists' } as const;
    const [user] = await tx.sql<{ id: string }>`
      insert into auth.users (email, encrypted_password) values (${staff.email}, ${passwordHash}) returning id`;
    if (!user) throw new Error('auth.users insert returned nothing');
    await tx.sql`
      insert into public.staff_members (user_id, email, display_name, role)
      values (${user.id}, ${staff.email}, ${staff.displayName}, ${staff.role})`;
    return { ok: true, userId: user.id } as const;
  });
}

export interface SignedInStaff {
  readonly userId: string;
  readonly email: string;
  readonly staffRole: StaffRole;
  readonly displayName: string;
}

/** Checks a local account's password; null for a wrong password, unknown or inactive account alike. */
export async function verifyCredentials(
  db: Database,
  email: string,
  password: string,
): Promise<SignedInStaff | null> {
  const normalised = email.trim().toLowerCase();
  const [row] = await db.transaction(
    service,
    (tx) =>
      tx.sql<{
        id: string;
        encrypted_password: string | null;
        role: StaffRole;
        display_name: string;
        active: boolean;
      }>`
      select u.id, u.encrypted_password, s.role, s.display_name, s.active
      from auth.users u join public.staff_members s on s.user_id = u.id
      where u.email = ${normalised}`,
  );
  const ok = await verifyPassword(row?.encrypted_password ?? (await decoyHash), password);
  if (!row || !ok || !row.active) return null;
  await db.transaction(
    service,
    (tx) => tx.sql`update auth.users set last_sign_in_at = now() where id = ${row.id}`,
  );
  return { userId: row.id, email: normalised, staffRole: row.role, displayName: row.display_name };
}

/** The staff member behind a verified user id (Supabase Auth mode), or null when not staff. */
export async function findStaff(db: Database, userId: string): Promise<SignedInStaff | null> {
  const [row] = await db.transaction(
    service,
    (tx) =>
      tx.sql<{ email: string; role: StaffRole; display_name: string }>`
      select email, role, display_name from public.staff_members where user_id = ${userId} and active`,
  );
  return row ? { userId, email: row.email, staffRole: row.role, displayName: row.display_name } : null;
}
