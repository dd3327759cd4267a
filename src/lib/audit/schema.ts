import { z } from 'zod';
import { isoDay, isRealInstant } from '../http/query';

/** The filters of the audit log screen, as they come from the query string. */
export const AuditFilterSchema = z.object({
  entity: z
    .string()
    .regex(/^[a-z_]{1,60}$/)
    .optional(),
  actorId: z.string().uuid().optional(),
  entityId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL byte cannot reach Postgres
    .regex(/^[^\u0000-\u001F\u007F]*$/)
    .optional(),
  /** Days in the municipality's time zone, both inclusive. */
  from: isoDay.optional(),
  to: isoDay.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export interface AuditCursor {
  /** `at` in UTC with microseconds, as Postgres keeps it. */
  readonly at: string;
  readonly id: number;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url');
}

/** A tampered cursor gives undefined, never an SQL error. */
export function decodeAuditCursor(value: string): AuditCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed as unknown[];
    // A real day and time: 30 February used to pass Date.parse and fail in Postgres (issue 16).
    if (typeof at !== 'string' || !isRealInstant(at)) return undefined;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return undefined;
    return { at, id };
  } catch {
    return undefined;
  }
}
