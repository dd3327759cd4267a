import path from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** http: or https:, without a user name or password in it (the key goes in EMBEDDINGS_API_KEY). */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Every setting the server reads, in one place; README lists the same table. */
const EnvFields = z.object({
  /** PostgreSQL (hosted Supabase or any). Unset: the embedded PGlite database. */
  DATABASE_URL: optionalText,
  /**
   * The tables' owner, for migrations and the content sync at start. Unset: DATABASE_URL does that
   * too (and must then be the owner). Set it when DATABASE_URL is a login role of its own.
   */
  DATABASE_MIGRATION_URL: optionalText,
  /** Pool size per server process for DATABASE_URL. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** "false" behind a transaction-mode pooler (Supabase port 6543). */
  DATABASE_PREPARE: z.enum(['true', 'false']).default('true'),
  /** Where the embedded database and the local secret live. */
  DATA_DIR: z.string().default('.data'),
  /** Secret for local staff session tokens (HS256, at least 32 characters). Generated under DATA_DIR when unset. */
  AUTH_JWT_SECRET: optionalText,
  /** Hosted Supabase Auth for staff sign-in instead of local accounts. */
  SUPABASE_URL: optionalText.refine((v) => v === undefined || isHttpUrl(v), 'must be an http(s):// address'),
  SUPABASE_ANON_KEY: optionalText,
  /**
   * Supabase's service_role key, for its admin API: with it, admins invite staff from the browser
   * (Supabase Auth mode). Server-side only; never sent to a browser.
   */
  SUPABASE_SERVICE_ROLE_KEY: optionalText,
  /** Seeds demo data and demo staff accounts into an empty embedded database. */
  DEMO_SEED: z.enum(['true', 'false']).optional(),
  /** Public address of the site, for links in e-mails. */
  PUBLIC_SITE_URL: z.string().url().default('http://localhost:4321'),
  // Abuse protection (src/lib/abuse/README.md). A rate limit of 0 switches that limit off.
  /** Proxies in front of the server whose X-Forwarded-For is trusted: unset/0 none, "true" one, or a count. */
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((v) => (v === '' || v === 'false' ? 0 : v === 'true' ? 1 : Number(v)))
    .pipe(z.number().int().min(0).max(10))
    .default('0'),
  /** Answer form posts per client per minute. */
  RATE_LIMIT_SUBMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  /** Staff sign-in attempts per client per minute. */
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  /** Unsubscribe posts per client per minute. */
  RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  /** API requests that change something (POST, PUT, PATCH, DELETE) per client per minute. */
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  /** Any other POST per client per minute. */
  RATE_LIMIT_POST_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  /** Failed sign-ins for one typed address that go through at once; after that a doubling wait. */
  SIGNIN_THROTTLE_FREE_ACCOUNT: z.coerce.number().int().min(0).max(1000).default(5),
  /** Failed sign-ins from one client that go through at once (several staff may share an address). */
  SIGNIN_THROTTLE_FREE_CLIENT: z.coerce.number().int().min(0).max(10_000).default(20),
  /** The longest wait between attempts, in seconds; 0 switches the throttle off. */
  SIGNIN_THROTTLE_MAX_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** The answer form is refused when sent sooner than this after it was shown. */
  FORM_MIN_SECONDS: z.coerce.number().min(0).max(600).default(3),
  /** Largest request body for any POST (bytes). */
  REQUEST_MAX_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** A Server-Timing header on every rendered answer (the submit benchmark's profile); never in production. */
  SERVER_TIMING: z.enum(['true', 'false']).default('false'),
  // Optional semantic backend of the theme engine (src/lib/embeddings/README.md): off unless EMBEDDINGS_URL is set.
  /** An OpenAI-compatible embeddings server the municipality runs: POST {EMBEDDINGS_URL}/v1/embeddings. */
  EMBEDDINGS_URL: optionalText.refine(
    (v) => v === undefined || isHttpUrl(v),
    'must be an http(s):// address',
  ),
  /** The model name sent with every request; vectors are cached per item and model. Required with EMBEDDINGS_URL. */
  EMBEDDINGS_MODEL: optionalText.refine((v) => v === undefined || v.length <= 200, 'at most 200 characters'),
  /** Sent as "Authorization: Bearer …" when set. */
  EMBEDDINGS_API_KEY: optionalText,
  /** Texts per request (text-embeddings-inference accepts 32 by default). */
  EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(32),
  /** Time allowed per request, in milliseconds. */
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Expected vector length; unset: the first answer's (every vector must then have it). */
  EMBEDDINGS_DIMENSIONS: optionalText.pipe(z.coerce.number().int().min(1).max(16_384).optional()),
});

/** Rules across variables. */
const EnvSchema = EnvFields.superRefine((env, ctx) => {
  // One without the other used to fall back to local accounts without a word.
  if ((env.SUPABASE_URL === undefined) !== (env.SUPABASE_ANON_KEY === undefined))
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [env.SUPABASE_URL === undefined ? 'SUPABASE_URL' : 'SUPABASE_ANON_KEY'],
      message: 'SUPABASE_URL and SUPABASE_ANON_KEY go together: set both (Supabase Auth) or neither',
    });
  if (env.EMBEDDINGS_URL !== undefined && env.EMBEDDINGS_MODEL === undefined)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['EMBEDDINGS_MODEL'],
      message: 'required when EMBEDDINGS_URL is set (the model name the server expects)',
    });
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
