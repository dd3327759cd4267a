import type { Env } from '../config/env.server';
import { anonymous } from '../db/caller';
import type { Database, Tx } from '../db/types';
import { mayHaveBody } from './methods.js';

/** Which limit a request counts against. */
export type Bucket = 'submit' | 'signin' | 'unsubscribe' | 'api' | 'post';

/**
 * The rate-limit bucket for a request, or null for reads (GET, HEAD). Every method that may carry
 * a body has one, so no method escapes the limits (issue 16: the list used to name four methods).
 */
export function bucketFor(method: string, pathname: string): Bucket | null {
  if (!mayHaveBody(method)) return null;
  if (/^\/meedoen\/[^/]+\/?$/.test(pathname)) return 'submit';
  if (/^\/staff\/(inloggen|wachtwoord-vergeten)\/?$/.test(pathname)) return 'signin';
  if (/^\/afmelden\/?$/.test(pathname)) return 'unsubscribe';
  if (pathname === '/api' || pathname.startsWith('/api/')) return 'api';
  return 'post';
}

/** Requests per client per minute for a bucket; 0 means no limit. */
export function limitFor(env: Env, bucket: Bucket): number {
  switch (bucket) {
    case 'submit':
      return env.RATE_LIMIT_SUBMIT_PER_MINUTE;
    case 'signin':
      return env.RATE_LIMIT_SIGNIN_PER_MINUTE;
    case 'unsubscribe':
      return env.RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE;
    case 'api':
      return env.RATE_LIMIT_API_PER_MINUTE;
    case 'post':
      return env.RATE_LIMIT_POST_PER_MINUTE;
  }
}

export interface Count {
  hits: number;
  windowEnd: Date;
}

/** Adds `cost` hits (0: only reads) to a key's counter in the current fixed window. */
export async function countHit(
  tx: Tx,
  bucket: string,
  key: string,
  windowSeconds: number,
  cost = 1,
): Promise<Count> {
  const [row] = await tx.query<{ hits: number; window_end: Date | string }>(
    'select hits, window_end from private.abuse_hit($1, $2, $3, $4)',
    [bucket, key, windowSeconds, cost],
  );
  return { hits: Number(row?.hits ?? 0), windowEnd: new Date(row?.window_end ?? Date.now()) };
}

export type RateDecision = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Counts one request of a client against its bucket's limit, in a one-minute fixed window shared
 * by every server through the database. One round trip, and the commit does not wait for the
 * log to reach the disk: a counter lost in a crash costs nothing, and every public POST pays this.
 */
export async function rateLimit(
  db: Database,
  bucket: Bucket,
  key: string,
  limit: number,
  /** The request's signal: nothing is counted for a client that has gone before its turn. */
  signal?: AbortSignal,
): Promise<RateDecision> {
  if (limit <= 0) return { allowed: true };
  const [, rows] = await db.batch(
    anonymous,
    [
      { text: 'set local synchronous_commit = off' },
      {
        text: 'select hits, window_end from private.abuse_hit($1, $2, 60, 1)',
        params: [`rate:${bucket}`, key],
      },
    ],
    { signal },
  );
  const row = rows?.[0] as { hits: number; window_end: Date | string } | undefined;
  const hits = Number(row?.hits ?? 0);
  return hits <= limit
    ? { allowed: true }
    : { allowed: false, retryAt: new Date(row?.window_end ?? Date.now()) };
}
