import { z } from 'zod';

/**
 * Reading query strings (issue 16, item 12): every page and API route reads its parameters
 * through these, so a value that only looks right (30 February, a NUL byte, a 5,000-character
 * search) is refused or cleaned here, before it can reach the database and turn into a 500.
 */

/** Y-M-D as numbers when that day exists in the calendar (no rolling over, as Date.parse does). */
function realDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Year 0 does not exist in Postgres' calendar; dates before 1000 are typing errors anyway.
  if (year < 1000) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day written JJJJ-MM-DD that exists: 2026-02-28 yes, 2026-02-30 and 2026-13-01 no. */
export function isRealDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && realDay(value);
}

/**
 * An instant in UTC with up to microseconds, as keyset cursors carry it
 * (`2026-11-24T10:00:00.123456Z`), on a day that exists and at a time of day that exists.
 */
export function isRealInstant(value: string): boolean {
  const match = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/.exec(value);
  if (!match || !realDay(value)) return false;
  return Number(match[1]) < 24 && Number(match[2]) < 60 && Number(match[3]) < 60;
}

/** zod: an existing calendar day, JJJJ-MM-DD. */
export const isoDay = z.string().refine(isRealDay, 'geen bestaande datum');

/** Control characters (NUL above all: Postgres cannot store or compare it) and lone surrogates. */
const unwanted =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Search text from a query string: without control characters, trimmed, at most `max` long. */
export function queryText(value: string | null | undefined, max = 200): string {
  return (value ?? '').replace(unwanted, ' ').trim().slice(0, max).trim();
}

/**
 * The parameters as an object for a zod schema: the first value of a repeated parameter
 * (`?van=a&van=b` is a list to some parsers; one value here, always a string).
 */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params)
    if (!Object.hasOwn(out, key))
      // defineProperty: a parameter called __proto__ stays a plain key.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
