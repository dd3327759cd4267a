import { z } from 'zod';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f]/;

export const SignInSchema = z.object({
  // No control characters: Postgres refuses NUL in text, which made a typed NUL a server error
  // (found by the HTTP fuzz test).
  email: z
    .string()
    .trim()
    .min(3)
    .max(254)
    .refine((v) => !controlCharacters.test(v)),
  password: z
    .string()
    .min(1)
    .max(200)
    .refine((v) => !v.includes('\u0000')),
});

/** Only paths inside the staff area are followed after sign-in (no open redirect). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/staff(\/[\w\-/]*)?$/.test(value) ? value : '/staff';
}
