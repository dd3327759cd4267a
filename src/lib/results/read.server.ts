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

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emptyPage: ResultsPage = { themes: [], audiences: [], items: 0 };

/**
 * What the public "wat we hoorden" page shows: the published version (the newest, or the one
 * asked for), frozen when it was published. One database call that applies the publication rule
 * once, so a visit costs the same at 100 or 100,000 answers. Null: no such public consultation,
 * or a version that is not (or no longer) on the public page.
 */
export async function readResults(db: CallerDb, slug: string, versionId?: string): Promise<Results | null> {
  if (versionId !== undefined && !uuid.test(versionId)) return null;
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
