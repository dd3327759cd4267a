import type { StaffRole } from '../auth/roles';
import type { CallerDb } from '../db/types';

/** The signed-in staff member as the staff header shows them. */
export interface SignedInPerson {
  readonly name: string;
  readonly email: string;
  readonly role: StaffRole;
}

/**
 * The caller's own membership (RLS: staff read their own row), for the header. Falls back to the
 * e-mail address when the row has no usable name; null for callers that are not staff.
 */
export async function readSignedInPerson(db: CallerDb): Promise<SignedInPerson | null> {
  const caller = db.caller;
  if (caller.kind !== 'staff') return null;
  const [row] = await db.run(
    (tx) =>
      tx.sql<{ display_name: string }>`
      select display_name from public.staff_members where user_id = ${caller.userId}::uuid`,
  );
  const name = row?.display_name?.trim();
  return { name: name || caller.email, email: caller.email, role: caller.staffRole };
}
