import { z } from 'zod';

export const SignInSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

/** Only paths inside the staff area are followed after sign-in (no open redirect). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/staff(\/[\w\-/]*)?$/.test(value) ? value : '/staff';
}
