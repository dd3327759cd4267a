import type { APIRoute } from 'astro';
import { getAppContext } from '../../lib/app/context.server';
import { sessionCookie } from '../../lib/auth/session.server';
import { endSession } from '../../lib/auth/sessions.server';

/**
 * Sign-out is a POST (with the CSRF token), so a link elsewhere cannot sign staff out. It ends the
 * session record, so a copy of the token is refused from now on, not only this browser's cookie.
 */
export const POST: APIRoute = async ({ cookies, locals, redirect }) => {
  if (locals.staff) await endSession((await getAppContext()).db, locals.staff.sessionId);
  cookies.delete(sessionCookie, { path: '/' });
  return redirect('/staff/inloggen?reden=uitgelogd', 303);
};
