import { isRealInstant } from '../http/query';

/**
 * The queue's keyset cursor: the last row's created_at (with microseconds, as Postgres keeps it)
 * and id, as opaque base64url. Decoding checks the shape, so a tampered cursor is an error code,
 * never an SQL error.
 */
export interface QueueCursor {
  /** created_at in UTC, e.g. 2026-11-24T10:00:00.123456Z */
  readonly at: string;
  readonly id: string;
}

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(value: string): QueueCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string') return undefined;
    // A real day and time: 30 February used to pass Date.parse and fail in Postgres (issue 16).
    if (!isRealInstant(at) || !idPattern.test(id)) return undefined;
    return { at, id };
  } catch {
    return undefined;
  }
}
