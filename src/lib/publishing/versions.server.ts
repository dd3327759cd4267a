import { sqlState } from '../db/errors';
import type { CallerDb, Database } from '../db/types';
import { type MailMessage, queueResultsMessages, resultsMessage, resultsUrl } from '../mail';
import { forgetResults } from '../results/read.server';
import { comparePages, type PageChange, pageFrom, type Quote, type ResultsPage, shownItemIds } from './page';

/**
 * Publishing "wat we hoorden" as deliberate steps, each run as the caller (analysts and admins;
 * the database refuses everyone else): freeze a version on the board, preview it here with what
 * changes against the page online now, publish it under a public title, withdraw it, and, once
 * something is published, send the one results e-mail.
 */

export type PublishErrorCode =
  | 'publish.notFound'
  | 'publish.draftConsultation'
  | 'publish.noThemes'
  | 'publish.notAllowed'
  | 'publish.alreadyWithdrawn'
  | 'publish.mailAlreadySent'
  | 'publish.nothingPublished';

export type PublishResult<T> = ({ ok: true } & T) | { ok: false; code: PublishErrorCode };

export interface VersionSummary {
  /** The snapshot's id: a version is a frozen snapshot of the board. */
  readonly id: string;
  /** The internal name the analyst gave it on the board. */
  readonly label: string;
  readonly createdAt: Date;
  readonly themes: number;
  /** Its publications, newest first (a version may be published, withdrawn and published again). */
  readonly publications: readonly {
    id: string;
    title: string;
    publishedAt: Date;
    withdrawnAt: Date | null;
  }[];
}

export interface PublishingState {
  readonly consultation: { id: string; slug: string; title: string; status: string };
  readonly versions: readonly VersionSummary[];
  /** The publication residents see now, if any. */
  readonly current: { id: string; title: string; publishedAt: Date; snapshotId: string } | null;
  /** Formal advices of the consultation, and how many of them the college adopted a response to. */
  readonly advices: { readonly total: number; readonly adopted: number };
  readonly mail: {
    /** When the one results e-mail was sent, if it was. */
    readonly sentAt: Date | null;
    /** Distinct addresses that asked for it and have not had it. */
    readonly recipients: number;
  };
}

export async function readPublishing(db: CallerDb, slug: string): Promise<PublishingState | null> {
  return db.run(async (tx) => {
    const [consultation] = await tx.sql<{
      id: string;
      slug: string;
      title: string;
      status: string;
      results_mail_queued_at: Date | null;
    }>`select id, slug, title, status::text as status, results_mail_queued_at
       from public.consultations where slug = ${slug}`;
    if (!consultation) return null;
    const snapshots = await tx.sql<{ id: string; label: string; created_at: Date; themes: number }>`
      select id, label, created_at,
        (select count(*)::int from jsonb_array_elements(themes) t
         where t ->> 'status' = 'active' and t ->> 'published_at' is not null) as themes
      from public.theme_snapshots where consultation_id = ${consultation.id}
      order by created_at desc, id desc`;
    const publications = await tx.sql<{
      id: string;
      snapshot_id: string;
      title: string;
      published_at: Date;
      withdrawn_at: Date | null;
    }>`select id, snapshot_id, title, published_at, withdrawn_at from public.results_publications
       where consultation_id = ${consultation.id} order by published_at desc, id desc`;
    const [recipients] = await tx.sql<{ n: number }>`
      select private.results_mail_recipients(${consultation.id}::uuid) as n`;
    const [advices] = await tx.sql<{ total: number; adopted: number }>`
      select count(*)::int as total, count(response_adopted_on)::int as adopted
      from public.written_inputs
      where consultation_id = ${consultation.id} and kind = 'advies' and saved_at is not null`;
    const current = publications.find((p) => p.withdrawn_at === null) ?? null;
    return {
      consultation: {
        id: consultation.id,
        slug: consultation.slug,
        title: consultation.title,
        status: consultation.status,
      },
      versions: snapshots.map((s) => ({
        id: s.id,
        label: s.label,
        createdAt: new Date(s.created_at),
        themes: s.themes,
        publications: publications
          .filter((p) => p.snapshot_id === s.id)
          .map((p) => ({
            id: p.id,
            title: p.title,
            publishedAt: new Date(p.published_at),
            withdrawnAt: p.withdrawn_at ? new Date(p.withdrawn_at) : null,
          })),
      })),
      current: current
        ? {
            id: current.id,
            title: current.title,
            publishedAt: new Date(current.published_at),
            snapshotId: current.snapshot_id,
          }
        : null,
      advices: { total: advices?.total ?? 0, adopted: advices?.adopted ?? 0 },
      mail: {
        sentAt: consultation.results_mail_queued_at ? new Date(consultation.results_mail_queued_at) : null,
        recipients: recipients?.n ?? 0,
      },
    };
  });
}

export interface Preview {
  readonly version: { id: string; label: string; createdAt: Date };
  readonly page: ResultsPage;
  /** Against the page online now; every theme is "added" when nothing is online. */
  readonly changes: readonly PageChange[];
}

/** The public page exactly as a publication of this version would show it, and what it changes. */
export async function previewVersion(
  db: CallerDb,
  consultationId: string,
  snapshotId: string,
): Promise<Preview | null> {
  return db.run(async (tx) => {
    const [version] = await tx.sql<{ id: string; label: string; created_at: Date; page: unknown }>`
      select s.id, s.label, s.created_at, public.preview_results_version(s.id) as page
      from public.theme_snapshots s where s.id = ${snapshotId} and s.consultation_id = ${consultationId}`;
    if (!version) return null;
    const [online] = await tx.sql<{ page: unknown }>`
      select page from public.results_publications
      where consultation_id = ${consultationId} and withdrawn_at is null
      order by published_at desc, id desc limit 1`;
    const quoteIds = [version.page, online?.page].flatMap(shownItemIds);
    const quotes: Record<string, Quote> = {};
    if (quoteIds.length > 0)
      for (const q of await tx.sql<{ id: string; body: string; audience: string; channel: string }>`
        select id, body, audience::text as audience, channel::text as channel from public.input_items
        where status = 'approved' and id in (select jsonb_array_elements_text(${JSON.stringify(quoteIds)}::text::jsonb)::uuid)`)
        quotes[q.id] = { body: q.body, audience: q.audience, channel: q.channel };
    const page = pageFrom(version.page, quotes);
    return {
      version: { id: version.id, label: version.label, createdAt: new Date(version.created_at) },
      page,
      changes: comparePages(online ? pageFrom(online.page, quotes) : null, page),
    };
  });
}

/** Database refusals of the publishing functions, as codes the pages turn into Dutch. */
async function refusals<T extends object>(work: () => Promise<T>): Promise<PublishResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    const state = sqlState(error);
    const message = error instanceof Error ? error.message : '';
    if (state === 'P0001' && /^publish\.\w+$/.test(message))
      return { ok: false, code: message as PublishErrorCode };
    if (state === '42501') return { ok: false, code: 'publish.notAllowed' };
    if (state === '22P02' || state === '23503') return { ok: false, code: 'publish.notFound' };
    throw error;
  }
}

/** Puts a version on the public page under a public title. */
export async function publishVersion(
  db: CallerDb,
  consultationId: string,
  snapshotId: string,
  title: string,
) {
  const result = await refusals(() =>
    db.run(async (tx) => {
      const [owned] = await tx.sql<{ id: string }>`
        select id from public.theme_snapshots where id = ${snapshotId} and consultation_id = ${consultationId}`;
      if (!owned) throw Object.assign(new Error('publish.notFound'), { code: 'P0001' });
      const [row] = await tx.sql<{ id: string }>`
        select public.publish_results_version(${snapshotId}::uuid, ${title}) as id`;
      return { publicationId: row?.id ?? '' };
    }),
  );
  forgetResults();
  return result;
}

/** Takes a publication off the public page; the version before it, if any, shows again. */
export async function withdrawPublication(db: CallerDb, consultationId: string, publicationId: string) {
  const result = await refusals(() =>
    db.run(async (tx) => {
      const [row] = await tx.sql<{ withdrawn: boolean }>`
        select public.withdraw_results_version(p.id) as withdrawn
        from public.results_publications p where p.id = ${publicationId} and p.consultation_id = ${consultationId}`;
      if (!row) throw Object.assign(new Error('publish.notFound'), { code: 'P0001' });
      if (!row.withdrawn) throw Object.assign(new Error('publish.alreadyWithdrawn'), { code: 'P0001' });
      return {};
    }),
  );
  forgetResults();
  return result;
}

/** The results e-mail as recipients will get it (with a sample unsubscribe link). */
export function previewResultsMail(
  consultation: { slug: string; title: string },
  siteUrl: string,
): MailMessage {
  return resultsMessage({
    consultationTitle: consultation.title,
    resultsUrl: resultsUrl(siteUrl, consultation.slug),
    unsubscribeUrl: new URL('/afmelden?token=voorbeeld', siteUrl).toString(),
  });
}

/**
 * Sends the one results e-mail: claims it as the caller (analysts and admins, once per
 * consultation, only with a version online), then queues one message per address as the service
 * caller. A second click or a colleague at the same moment queues nothing.
 */
export function sendResultsMail(db: CallerDb, database: Database, consultationId: string, siteUrl: string) {
  return refusals(async () => {
    const claimed = await db.run(async (tx) => {
      const [state] = await tx.sql<{ sent: boolean; published: boolean }>`
        select results_mail_queued_at is not null as sent,
          exists (select 1 from public.results_publications p
                  where p.consultation_id = c.id and p.withdrawn_at is null) as published
        from public.consultations c where c.id = ${consultationId}`;
      if (!state) throw Object.assign(new Error('publish.notFound'), { code: 'P0001' });
      const [row] = await tx.sql<{ claimed: boolean }>`
        select public.claim_results_mail(${consultationId}::uuid) as claimed`;
      if (row?.claimed) return true;
      throw Object.assign(
        new Error(state.published ? 'publish.mailAlreadySent' : 'publish.nothingPublished'),
        {
          code: 'P0001',
        },
      );
    });
    const queued = claimed ? await queueResultsMessages(database, consultationId, siteUrl) : 0;
    return { queued };
  });
}
