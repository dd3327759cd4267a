import type { APIRoute } from 'astro';
import { chooseDigest } from '../../../lib/mail/digest.server';
import { backToQueue, canModerate } from '../../../lib/moderation/view';

/**
 * A moderator turns their daily moderation e-mail on or off (issue 20, item 15): a plain form on
 * /staff/moderatie, back there with a message.
 */
export const POST: APIRoute = async ({ locals, redirect }) => {
  if (!locals.staff) return redirect('/staff/inloggen?reden=nodig&terug=/staff/moderatie', 303);
  if (!canModerate(locals.staff.staffRole)) return new Response('Geen toegang', { status: 403 });
  const form = locals.form ?? new FormData();
  const on = await chooseDigest(locals.db, form.get('digest') === 'ja');
  const back = new URL(backToQueue(form.get('terug')), 'http://x');
  back.searchParams.delete('fout');
  back.searchParams.delete('ook');
  back.searchParams.set('gelukt', on ? 'digestOn' : 'digestOff');
  return redirect(`${back.pathname}${back.search}#dagelijkse-e-mail`, 303);
};
