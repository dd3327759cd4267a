import type { APIRoute } from 'astro';
import { getAppContext } from '../../lib/app/context.server';
import { sessionCookie } from '../../lib/auth/session.server';
import { endSession } from '../../lib/auth/sessions.server';

/**
 * Sign-out is a POST (with the CSRF token), so a link elsewhere cannot sign staff out. It ends the
 * session record, so a copy of the token is refused from now on, not only this browser's cookie.
 *
 * On a shared tablet the next person must not open the last one's pages: the answer asks the
 * browser to drop its HTTP cache (`Clear-Site-Data: "cache"`), and the sign-out form first deletes
 * the facilitator app's kept pages and synced notes (src/lib/roadtour/client/forget.ts). Not
 * "storage": that would also delete the roadtour notes not sent yet, which must stay.
 */
export const POST: APIRoute = async ({ cookies, locals }) => {
  if (locals.staff) await endSession((await getAppContext()).db, locals.staff.sessionId);
  cookies.delete(sessionCookie, { path: '/' });
  return new Response(null, {
    status: 303,
    headers: { location: '/staff/inloggen?reden=uitgelogd', 'clear-site-data': '"cache"' },
  });
};
