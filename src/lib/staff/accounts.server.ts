import { z } from 'zod';
import { type StaffRole, staffRoles } from '../auth/roles';
import type { CallerDb, Tx } from '../db/types';

/**
 * Staff accounts as admins manage them in the browser (issue 18, part 2). Every function runs as
 * the caller, so the database decides: only admins read and change staff_members (RLS), an admin
 * cannot demote or deactivate themselves, there is always an active admin, and a deactivation or
 * role change ends that member's sessions at once (triggers, migration 20261206082000). The
 * audit log records each change with who made it (trigger staff_members_audit).
 */

export interface StaffMember {
  userId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  lastSignedInAt: Date | null;
  /** Whether an invitation e-mail was ever sent (the audit log keeps every one). */
  invited: boolean;
}

export type StaffChangeError =
  | 'staff.notAllowed'
  | 'staff.notFound'
  | 'staff.invalid'
  | 'staff.lastAdmin'
  | 'staff.self';

export type StaffChange =
  | { ok: true; displayName: string; changed: boolean }
  | { ok: false; code: StaffChangeError };

const UserId = z.string().uuid();
const Role = z.enum(staffRoles);

/** Every staff member, admins first, then by name. Null when the caller is no admin. */
export async function listStaff(db: CallerDb): Promise<StaffMember[] | null> {
  return db.run(async (tx) => {
    if (!(await isAdmin(tx))) return null;
    const rows = await tx.sql<{
      user_id: string;
      email: string;
      display_name: string;
      role: StaffRole;
      active: boolean;
      last_signed_in_at: Date | string | null;
      invited: boolean;
    }>`select user_id, email, display_name, role, active, last_signed_in_at,
         exists (select 1 from public.audit_log a
                 where a.entity = 'staff_members' and a.entity_id = user_id::text
                   and a.action = 'staff_members.invite') as invited
       from public.staff_members
       order by active desc, array_position(array['admin', 'moderator', 'analyst', 'facilitator']::public.staff_role[], role),
         lower(display_name), email`;
    return rows.map((r) => ({
      userId: r.user_id,
      email: r.email,
      displayName: r.display_name,
      role: r.role,
      active: r.active,
      lastSignedInAt: r.last_signed_in_at === null ? null : new Date(r.last_signed_in_at),
      invited: r.invited,
    }));
  });
}

/** Gives a staff member another role; their sessions end (they sign in again with the new role). */
export function changeRole(db: CallerDb, userId: unknown, role: unknown): Promise<StaffChange> {
  const id = UserId.safeParse(userId);
  const next = Role.safeParse(role);
  if (!id.success || !next.success) return Promise.resolve({ ok: false, code: 'staff.invalid' });
  return change(
    db,
    id.data,
    (tx) =>
      tx.sql<{ display_name: string }>`update public.staff_members set role = ${next.data}
      where user_id = ${id.data} and role <> ${next.data} returning display_name`,
  );
}

/** Deactivates (sessions end, no sign-in) or reactivates a staff member. */
export function setActive(db: CallerDb, userId: unknown, active: boolean): Promise<StaffChange> {
  const id = UserId.safeParse(userId);
  if (!id.success) return Promise.resolve({ ok: false, code: 'staff.invalid' });
  return change(
    db,
    id.data,
    (tx) =>
      tx.sql<{ display_name: string }>`update public.staff_members set active = ${active}
      where user_id = ${id.data} and active <> ${active} returning display_name`,
  );
}

async function change(
  db: CallerDb,
  userId: string,
  update: (tx: Tx) => Promise<{ display_name: string }[]>,
): Promise<StaffChange> {
  try {
    return await db.run(async (tx): Promise<StaffChange> => {
      if (!(await isAdmin(tx))) return { ok: false, code: 'staff.notAllowed' };
      const [updated] = await update(tx);
      if (updated) return { ok: true, displayName: updated.display_name, changed: true };
      // Nothing updated: already so, or no such member.
      const [existing] = await tx.sql<{ display_name: string }>`
        select display_name from public.staff_members where user_id = ${userId}`;
      return existing
        ? { ok: true, displayName: existing.display_name, changed: false }
        : { ok: false, code: 'staff.notFound' };
    });
  } catch (error) {
    const code = refusal(error);
    if (code) return { ok: false, code };
    throw error;
  }
}

async function isAdmin(tx: Tx): Promise<boolean> {
  const [row] = await tx.sql<{ admin: boolean }>`select private.has_role('admin') as admin`;
  return row?.admin === true;
}

/** The database's own refusals (migration 20261206082000) name their rule in the message. */
function refusal(error: unknown): 'staff.lastAdmin' | 'staff.self' | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = String((e as { message?: unknown }).message ?? '');
    if (message.startsWith('staff.lastAdmin')) return 'staff.lastAdmin';
    if (message.startsWith('staff.self')) return 'staff.self';
  }
  return null;
}
