import { defineMiddleware } from 'astro:middleware';
import type { APIContext, MiddlewareNext } from 'astro';
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
import { anonymous } from './lib/db/caller';
import { isUnavailable } from './lib/db/errors';
import { forCaller } from './lib/db/types';
import { isApiPath, jsonMessage } from './lib/http/responses';
import { securityHeaders } from './lib/http/security-headers.js';
import { t } from './lib/i18n/nl';

const staffArea = /^\/staff(\/|$)/;
const publicStaffPages = new Set(['/staff/inloggen', '/staff/inloggen/']);

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

async function submittedCsrfToken(request: Request): Promise<string | null> {
  const header = request.headers.get(csrfHeader);
  if (header) return header;
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data'))
    return null;
  try {
    const value = (await request.clone().formData()).get(csrfField);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Rendered responses carry the security headers even without the server wrapper. */
function secured(response: Response): Response {
  for (const [name, value] of Object.entries(securityHeaders))
    if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

export const onRequest = defineMiddleware(async (context, next) => secured(await handle(context, next)));

const handle = async (context: APIContext, next: MiddlewareNext): Promise<Response> => {
  context.locals.t = t;
  if (context.isPrerendered) return next();
  const { pathname } = context.url;

  let token = context.cookies.get(csrfCookie)?.value;
  if (!token || token.length < 32) {
    token = newCsrfToken();
    context.cookies.set(csrfCookie, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
  }
  context.locals.csrfToken = token;

  if (
    needsCsrfCheck(context.request.method) &&
    !csrfMatches(context.cookies.get(csrfCookie)?.value, await submittedCsrfToken(context.request))
  ) {
    if (isApiPath(pathname)) return jsonMessage(403, 'error.csrf');
    return new Response(t('error.csrf'), {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }

  try {
    const app = await getAppContext();
    const staff = await readSession(app.sessionSecret, context.cookies.get(sessionCookie)?.value);
    context.locals.staff = staff;
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

    const response = await next();
    if (staffArea.test(pathname)) response.headers.set('cache-control', 'no-store');
    return response;
  } catch (error) {
    if (isUnavailable(error)) {
      console.error('database unavailable:', error instanceof Error ? error.message : error);
      return unavailable(
        pathname,
        context.request.headers.get('accept')?.includes('application/json') ?? false,
      );
    }
    throw error;
  }
};
