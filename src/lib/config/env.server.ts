import path from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Every setting the server reads, in one place; README lists the same table. */
const EnvSchema = z.object({
  /** PostgreSQL (hosted Supabase or any). Unset: the embedded PGlite database. */
  DATABASE_URL: optionalText,
  /** Pool size per server process for DATABASE_URL. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** "false" behind a transaction-mode pooler (Supabase port 6543). */
  DATABASE_PREPARE: z.enum(['true', 'false']).default('true'),
  /** Where the embedded database and the local secret live. */
  DATA_DIR: z.string().default('.data'),
  /** Secret for local staff session tokens (HS256, at least 32 characters). Generated under DATA_DIR when unset. */
  AUTH_JWT_SECRET: optionalText,
  /** Hosted Supabase Auth for staff sign-in instead of local accounts. */
  SUPABASE_URL: optionalText,
  SUPABASE_ANON_KEY: optionalText,
  /** Seeds demo data and demo staff accounts into an empty embedded database. */
  DEMO_SEED: z.enum(['true', 'false']).optional(),
  /** Public address of the site, for links in e-mails. */
  PUBLIC_SITE_URL: z.string().url().default('http://localhost:4321'),
});

export type Env = z.output<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in environment variables:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The repository root: where supabase/, content/ and .data/ are found. */
export const projectRoot = process.env.PROJECT_ROOT ?? process.cwd();

export function resolveFromRoot(...parts: string[]): string {
  return path.resolve(projectRoot, ...parts);
}

/** Where the consultations are defined: content/ unless CONTENT_DIR points elsewhere (tests, a second municipality). */
export function contentDir(): string {
  return process.env.CONTENT_DIR ? path.resolve(process.env.CONTENT_DIR) : resolveFromRoot('content');
}
