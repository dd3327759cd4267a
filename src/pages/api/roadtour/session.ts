import type { APIRoute } from 'astro';
import { sessionCookie } from '../../../lib/auth/session.server';
import { json, notSignedIn } from '../../../lib/roadtour/http';

/**
 * The facilitator app's CSRF token, for a page that was opened from the device's cache after the
 * browser lost its cookie (the middleware has just set a fresh one). 401 when not signed in.
 */
export const GET: APIRoute = ({ locals, cookies }) => {
  if (!locals.staff) return notSignedIn(cookies.has(sessionCookie));
  return json({ csrfToken: locals.csrfToken });
};
