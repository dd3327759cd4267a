import { z } from 'zod';
import type { CallerDb } from '../db/types';
import { pageFrom, type Quote, type ResultsPage } from '../publishing/page';

export interface PublishedVersion {
  readonly id: string;
  /** The title the analyst gave the public page. */
  readonly title: string;
  readonly publishedAt: Date;
}

export interface Results {
  readonly consultation: { id: string; slug: string; title: string };
  /** The version shown, or null while nothing is published. */
  readonly publication: (PublishedVersion & { readonly current: boolean }) | null;
  /** Every version on the public page, newest first ("eerdere versies"). */
  readonly versions: readonly PublishedVersion[];
  readonly page: ResultsPage;
}

interface Row {
  consultation: { id: string; slug: string; title: string };
  publication: { id: string; title: string; publishedAt: string; page: unknown } | null;
  current: string | null;
  versions: { id: string; title: string; publishedAt: string }[];
  quotes: Record<string, Quote>;
}

const emptyPage: ResultsPage = { themes: [], audiences: [], items: 0, advices: [] };

/** How long a server process keeps a page it read: a new publication shows within this time. */
export const resultsCacheMs = 5_000;
const cache = new Map<string, { until: number; value: Promise<Results | null> }>();
const cacheLimit = 200;

/**
 * The public page as every visitor gets it: read once per server process every few seconds
 * (`resultsCacheMs`), so many visits at once (the results e-mail sends everyone at the same
 * moment) cost the database one read, and never hold up answers being submitted. The read is the
 * same for every caller (a security-definer function), so sharing it leaks nothing.
 */
export function readResults(db: CallerDb, slug: string, versionId?: string): Promise<Results | null> {
  const key = `${slug}\u0000${versionId ?? ''}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  if (cache.size >= cacheLimit) cache.clear();
  const value = readPublishedResults(db, slug, versionId);
  cache.set(key, { until: now + resultsCacheMs, value });
  value.catch(() => cache.delete(key));
  return value;
}

/** Forgets the pages this process read: after a publication or withdrawal here. */
export function forgetResults(): void {
  cache.clear();
}

/**
 * What the public "wat we hoorden" page shows: the published version (the newest, or the one
 * asked for), frozen when it was published. One database call that applies the publication rule
 * once, so a visit costs the same at 100 or 100,000 answers. Null: no such public consultation,
 * or a version that is not (or no longer) on the public page.
 */
export async function readPublishedResults(
  db: CallerDb,
  slug: string,
  versionId?: string,
): Promise<Results | null> {
  if (versionId !== undefined && !z.string().uuid().safeParse(versionId).success) return null;
  const [row] = await db.run(
    (tx) =>
      tx.sql<{ results: Row | null }>`
      select public.published_results(${slug}, ${versionId ?? null}::uuid) as results`,
  );
  const results = row?.results;
  if (!results) return null;
  if (versionId && !results.publication) return null;
  const version = (v: { id: string; title: string; publishedAt: string }): PublishedVersion => ({
    id: v.id,
    title: v.title,
    publishedAt: new Date(v.publishedAt),
  });
  return {
    consultation: results.consultation,
    publication: results.publication
      ? { ...version(results.publication), current: results.publication.id === results.current }
      : null,
    versions: results.versions.map(version),
    page: results.publication ? pageFrom(results.publication.page, results.quotes) : emptyPage,
  };
}
