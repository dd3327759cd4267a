import type { APIRoute } from 'astro';
import { sessionCookie } from '../../lib/auth/session.server';

/** Sign-out is a POST (with the CSRF token), so a link elsewhere cannot sign staff out. */
export const POST: APIRoute = ({ cookies, redirect }) => {
  cookies.delete(sessionCookie, { path: '/' });
  return redirect('/staff/inloggen?reden=uitgelogd', 303);
};
