import { z } from 'zod';

export const defaultMailFrom = 'Doe Mee Zoetermeer <doemee@zoetermeer.nl>';

/** An empty or blank variable counts as unset (an `.env` line like `SMTP_HOST=`). */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

/** `name@example.nl` or `Naam <name@example.nl>`: what nodemailer accepts as a From address. */
const mailbox = /^(?:[^<>\r\n]*<[^@<>\s]+@[^@<>\s]+\.[^@<>\s]+>|[^@<>\s]+@[^@<>\s]+\.[^@<>\s]+)$/;

const MailEnvSchema = z
  .object({
    /** SMTP server; unset: nothing is sent, messages stay in the outbox. */
    SMTP_HOST: optionalText,
    /** Default 465 when SMTP_SECURE is true, else 587. */
    SMTP_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    /** true: TLS from the first byte (port 465). false: STARTTLS when the server offers it. */
    SMTP_SECURE: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
    SMTP_USER: optionalText,
    SMTP_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
    MAIL_FROM: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(320)
        .regex(mailbox, 'must be an address, optionally with a name: Naam <adres@example.nl>')
        .default(defaultMailFrom),
    ),
  })
  .superRefine((env, ctx) => {
    if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [env.SMTP_USER === undefined ? 'SMTP_USER' : 'SMTP_PASSWORD'],
        message: 'set SMTP_USER and SMTP_PASSWORD together',
      });
  });

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
}

export interface MailConfig {
  readonly from: string;
  /** null when SMTP_HOST is unset: messages are queued in the outbox and not sent. */
  readonly smtp: SmtpConfig | null;
}

/** The mail settings from the environment; throws a readable error when one is invalid. */
export function readMailConfig(source: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = MailEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid mail configuration in environment variables:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (!env.SMTP_HOST) return { from: env.MAIL_FROM, smtp: null };
  const secure = env.SMTP_SECURE ? env.SMTP_SECURE === 'true' : env.SMTP_PORT === 465;
  return {
    from: env.MAIL_FROM,
    smtp: {
      host: env.SMTP_HOST,
      port: env.SMTP_PORT ?? (secure ? 465 : 587),
      secure,
      ...(env.SMTP_USER && env.SMTP_PASSWORD !== undefined
        ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } }
        : {}),
    },
  };
}
