import { jsonError } from '../http/responses';
import { type AbuseMessageKey, abuseText } from './messages.nl';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small Dutch page for answers the middleware gives before any route runs. */
function page(
  status: number,
  title: string,
  paragraphs: string[],
  headers: Record<string, string>,
): Response {
  const body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}</main></body></html>`;
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function wantsJson(request: Request, pathname: string): boolean {
  return (
    pathname === '/api' ||
    pathname.startsWith('/api/') ||
    (request.headers.get('accept') ?? '').includes('application/json')
  );
}

/** 429 with Retry-After (seconds) and the clock time to retry, as JSON or a page. */
export function tooManyRequests(
  request: Request,
  pathname: string,
  retryAt: Date,
  now = new Date(),
): Response {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  const headers = { 'retry-after': String(seconds) };
  const message = abuseText('rate.limited.body', retryAt, now);
  if (wantsJson(request, pathname)) {
    const response = jsonError(429, 'rate.limited', message, { retryAt: retryAt.toISOString() });
    response.headers.set('retry-after', headers['retry-after']);
    return response;
  }
  return page(429, abuseText('rate.limited.title'), [message, abuseText('rate.limited.draft')], headers);
}

/** 413 for a body over REQUEST_MAX_BYTES. */
export function payloadTooLarge(request: Request, pathname: string): Response {
  const key: AbuseMessageKey = 'request.tooLarge.body';
  if (wantsJson(request, pathname)) return jsonError(413, 'request.tooLarge', abuseText(key));
  return page(
    413,
    abuseText('request.tooLarge.title'),
    [abuseText(key), abuseText('rate.limited.draft')],
    {},
  );
}
