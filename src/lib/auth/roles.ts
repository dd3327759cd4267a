/** Staff roles, from most to least powerful. Residents never sign in. */
export const staffRoles = ['admin', 'moderator', 'analyst', 'facilitator'] as const;
export type StaffRole = (typeof staffRoles)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (staffRoles as readonly string[]).includes(value);
}
