import { z } from 'zod';

/**
 * The shape of an unsubscribe token: what the database allows (20–100 characters), limited to
 * characters that survive a URL unencoded. Anything else is junk and never reaches a query.
 */
export const UnsubscribeTokenSchema = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9._~-]+$/);

/** The site's public address without a trailing slash; a path prefix (https://x.nl/doemee) is kept. */
export function siteBase(siteUrl: string): string {
  const url = new URL(siteUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError('The site URL must be http(s).');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function resultsUrl(siteUrl: string, consultationSlug: string): string {
  return `${siteBase(siteUrl)}/resultaten/${encodeURIComponent(consultationSlug)}`;
}

export function unsubscribeUrl(siteUrl: string, token: string): string {
  return `${siteBase(siteUrl)}/afmelden?token=${encodeURIComponent(token)}`;
}
