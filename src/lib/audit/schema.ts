import { z } from 'zod';
import { isoDay, isRealDay, isRealInstant, queryObject } from '../http/query';

/**
 * A day as people type it in the filter ("6-12-2026", "06-12-2026") or as a date picker sends it
 * ("2026-12-06"): both become JJJJ-MM-DD; anything else stays as typed and is refused by isoDay.
 */
export function dayFromInput(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value.trim());
  if (!dutch) return value.trim();
  const iso = `${dutch[3]}-${(dutch[2] as string).padStart(2, '0')}-${(dutch[1] as string).padStart(2, '0')}`;
  return isRealDay(iso) ? iso : value.trim();
}

/** JJJJ-MM-DD as the filter shows it: "6-12-2026". */
export function dayForInput(iso: string | undefined): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return match ? `${Number(match[3])}-${Number(match[2])}-${match[1]}` : (iso ?? '');
}

/** The filters of the audit log screen, as they come from the query string. */
export const AuditFilterSchema = z
  .object({
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
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'tot voor vanaf' });
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

/**
 * The filter from the query string of /staff/logboek and /staff/logboek.csv (the same names, so
 * the download link carries the page's filters): empty fields mean "no filter".
 */
export function filterFromQuery(params: URLSearchParams): AuditFilter {
  const q = queryObject(params);
  const value = (name: string) => q[name]?.trim() || undefined;
  return {
    entity: value('soort'),
    actorId: value('wie'),
    entityId: value('id'),
    from: dayFromInput(value('van')),
    to: dayFromInput(value('tot')),
  };
}
