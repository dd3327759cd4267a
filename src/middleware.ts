import { defineMiddleware } from 'astro:middleware';
import type { APIContext, MiddlewareNext } from 'astro';
import { bodyTooLarge, readBodyWithin } from './lib/abuse/body-limit';
import { bucketFor, limitFor, rateLimit } from './lib/abuse/counters.server';
import { clientKey } from './lib/abuse/keys.server';
import { methodAllowed, methodNotAllowedAnswer } from './lib/abuse/methods.js';
import { clientAddressOf } from './lib/abuse/request';
import { payloadTooLarge, tooManyRequests } from './lib/abuse/responses';
import { getAppContext } from './lib/app/context.server';
import {
  csrfCookie,
  csrfField,
  csrfHeader,
  csrfMatches,
  needsCsrfCheck,
  newCsrfToken,
} from './lib/auth/csrf';
import { readSession, sessionCookie } from './lib/auth/session.server';
import { sessionIsLive } from './lib/auth/sessions.server';
import { readEnv } from './lib/config/env.server';
import { anonymous } from './lib/db/caller';
import { isBadInput, isClientGone, isUnavailable } from './lib/db/errors';
import { forCaller } from './lib/db/types';
import { badRequestAnswer } from './lib/http/bad-request.js';
import { canonicalPath } from './lib/http/canonical-path.js';
import { isApiPath, jsonMessage } from './lib/http/responses';
import { securityHeaders } from './lib/http/security-headers.js';
import { t } from './lib/i18n/nl';
import { Timing } from './lib/timing';
import { MAX_FILE_BYTES } from './lib/written-input/schema';

const staffArea = /^\/staff(\/|$)/;
// Signing in, and setting a password from an e-mailed link, need no session.
const publicStaffPages = new Set([
  '/staff/inloggen',
  '/staff/inloggen/',
  '/staff/wachtwoord-instellen',
  '/staff/wachtwoord-instellen/',
  '/staff/wachtwoord-vergeten',
  '/staff/wachtwoord-vergeten/',
]);

/** 503; JSON for the API and for the answer form's own fetch (it shows the message). */
function unavailable(pathname: string, wantsJson: boolean): Response {
  if (isApiPath(pathname) || wantsJson) {
    const response = jsonMessage(503, 'error.unavailable.body');
    response.headers.set('retry-after', '60');
    return response;
  }
  const body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('error.unavailable.title')}</title></head><body><main><h1>${t('error.unavailable.title')}</h1><p>${t('error.unavailable.body')}</p></main></body></html>`;
  return new Response(body, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '60', 'cache-control': 'no-store' },
  });
}

const isFormBody = (request: Request) =>
  /application\/x-www-form-urlencoded|multipart\/form-data/i.test(request.headers.get('content-type') ?? '');

/**
 * The posted form, read once here for the CSRF check and handed to the page (`locals.form`):
 * 'tooLarge' past the size limit, 'broken' when the body claims to be a form but is not one, null
 * for a body that is no form (the API's JSON: its routes read it, so it stays unread).
 */
async function postedForm(
  request: Request,
  maxBytes: number,
): Promise<FormData | 'broken' | 'tooLarge' | null> {
  if (!isFormBody(request)) return null;
  const body = await readBodyWithin(request, maxBytes);
  if (body === 'tooLarge') return body;
  try {
    const headers = { 'content-type': request.headers.get('content-type') ?? '' };
    return await new Response(body, { headers }).formData();
  } catch {
    return 'broken';
  }
}

function submittedCsrfToken(request: Request, form: FormData | 'broken' | null): string | null {
  const header = request.headers.get(csrfHeader);
  if (header) return header;
  const value = form instanceof FormData ? form.get(csrfField) : null;
  return typeof value === 'string' ? value : null;
}

/** For a client that has closed its connection (nginx's 499): nobody receives it. */
const clientGone = () => new Response(null, { status: 499 });

/** Rendered responses carry the security headers even without the server wrapper. */
function secured(response: Response): Response {
  for (const [name, value] of Object.entries(securityHeaders))
    if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

/** Forms that carry a document upload; their body may be as large as the document limit. */
const uploadPaths = new Set(['/staff/inbreng/nieuw']);

/** Request-size limit, read once (no database needed, so it works before anything else). */
let maxBodyBytes: number | undefined;
/** SERVER_TIMING, read once. */
let serverTiming: boolean | undefined;

export const onRequest = defineMiddleware(async (context, next) => {
  // Prerendered pages (at build time too) pass through without reading the settings.
  if (context.isPrerendered) return secured(await handle(context, next));
  serverTiming ??= readEnv().SERVER_TIMING === 'true';
  if (!serverTiming) return secured(await handle(context, next));
  const timing = new Timing();
  context.locals.timing = timing;
  const response = secured(await handle(context, next));
  try {
    response.headers.set('server-timing', timing.header());
  } catch {
    // A response with immutable headers (Response.redirect) goes without.
  }
  return response;
});

const handle = async (context: APIContext, next: MiddlewareNext): Promise<Response> => {
  context.locals.t = t;
  const { pathname } = context.url;
  // One spelling per path before any check below (src/cli/serve.mjs already does this in production).
  const canonical = canonicalPath(pathname);
  if (canonical !== pathname)
    return new Response(null, {
      status: 308,
      headers: { location: canonical + context.url.search, 'cache-control': 'no-store' },
    });
  // Methods no route implements: answered before anything (the body above all) is read.
  // src/cli/serve.mjs already does this in production; this covers any other way in.
  if (!methodAllowed(context.request.method, pathname)) {
    const { status, headers, body } = methodNotAllowedAnswer(pathname, context.request.headers.get('accept'));
    return new Response(body, { status, headers });
  }
  if (context.isPrerendered) return next();
  // The client closed its connection while this request waited for its turn: nobody reads the
  // answer, so no work is done for it (issue 21).
  if (context.request.signal.aborted) return clientGone();

  let token = context.cookies.get(csrfCookie)?.value;
  if (!token || token.length < 32) {
    token = newCsrfToken();
    context.cookies.set(csrfCookie, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
  }
  context.locals.csrfToken = token;

  // Every method that may carry a body has a bucket, and so the size limit.
  const bucket = bucketFor(context.request.method, pathname);
  maxBodyBytes ??= readEnv().REQUEST_MAX_BYTES;
  // Staff upload letters and documents (issue 19): the file's own limit plus room for the form.
  const limit = uploadPaths.has(pathname) ? Math.max(maxBodyBytes, MAX_FILE_BYTES + 64 * 1024) : maxBodyBytes;
  let form: Awaited<ReturnType<typeof postedForm>>;
  const formStarted = context.locals.timing?.mark() ?? 0;
  try {
    form = needsCsrfCheck(context.request.method) ? await postedForm(context.request, limit) : null;
    context.locals.timing?.since('form', formStarted);
  } catch (error) {
    // The body stopped coming because the client went away: not an error of ours.
    if (context.request.signal.aborted) return clientGone();
    throw error;
  }
  if (form === 'tooLarge' || (form === null && bucket && (await bodyTooLarge(context.request, limit))))
    return payloadTooLarge(context.request, pathname);
  // A body that says it is a form but cannot be read as one: 400 here, so no route has to care.
  if (form === 'broken') {
    if (isApiPath(pathname)) return jsonMessage(400, 'error.invalid');
    return new Response(t('error.invalid'), {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  if (form) context.locals.form = form;
  if (
    needsCsrfCheck(context.request.method) &&
    !csrfMatches(context.cookies.get(csrfCookie)?.value, submittedCsrfToken(context.request, form))
  ) {
    if (isApiPath(pathname)) return jsonMessage(403, 'error.csrf');
    return new Response(t('error.csrf'), {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }

  try {
    const app = await getAppContext();
    const token = await readSession(app.sessionSecret, context.cookies.get(sessionCookie)?.value);
    // A valid signature is not enough: the session must not have been ended (sign-out,
    // deactivation, a role change). One statement per staff request, none for residents.
    const staff = token && (await sessionIsLive(app.db, token)) ? token : null;
    context.locals.staff = staff;
    if (bucket) {
      const rateStarted = context.locals.timing?.mark() ?? 0;
      const decision = await rateLimit(
        app.db,
        bucket,
        clientKey(app.sessionSecret, clientAddressOf(context)),
        limitFor(app.env, bucket),
        context.request.signal,
      );
      context.locals.timing?.since('ratelimit', rateStarted);
      if (!decision.allowed) return tooManyRequests(context.request, pathname, decision.retryAt);
    }
    context.locals.db = forCaller(
      app.db,
      staff
        ? { kind: 'staff', userId: staff.userId, email: staff.email, staffRole: staff.staffRole }
        : anonymous,
    );

    if (staffArea.test(pathname) && !publicStaffPages.has(pathname) && !staff) {
      const reason = context.cookies.has(sessionCookie) ? 'verlopen' : 'nodig';
      if (reason === 'verlopen') context.cookies.delete(sessionCookie, { path: '/' });
      return context.redirect(`/staff/inloggen?reden=${reason}&terug=${encodeURIComponent(pathname)}`, 303);
    }

    const pageStarted = context.locals.timing?.mark() ?? 0;
    const response = await next();
    context.locals.timing?.since('page', pageStarted);
    if (staffArea.test(pathname)) response.headers.set('cache-control', 'no-store');
    return response;
  } catch (error) {
    // The connection is closed: nobody reads this answer, and nothing was started for it.
    if (isClientGone(error)) return clientGone();
    if (isUnavailable(error)) {
      console.error('database unavailable:', error instanceof Error ? error.message : error);
      return unavailable(
        pathname,
        context.request.headers.get('accept')?.includes('application/json') ?? false,
      );
    }
    // The safety net for what validation missed: bad input is the request's fault, not ours.
    if (isBadInput(error)) {
      console.warn('bad input reached the database:', error instanceof Error ? error.message : error);
      const { status, headers, body } = badRequestAnswer(pathname, context.request.headers.get('accept'));
      return new Response(body, { status, headers });
    }
    throw error;
  }
};
