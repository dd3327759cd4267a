import type { StaffRole } from '../auth/roles';

/** Who brings letters and advices in (and sees them): moderators, analysts, admins. */
export const mayBringIn = (role: StaffRole): boolean =>
  role === 'admin' || role === 'moderator' || role === 'analyst';

/** Who writes the college's response to an advice point, and exports it: analysts and admins. */
export const mayAnswer = (role: StaffRole): boolean => role === 'admin' || role === 'analyst';

export const writtenKindLabels = { advies: 'Formeel advies', brief: 'Brief of document' } as const;
