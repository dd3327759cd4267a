import type { APIRoute } from 'astro';
import { boardJson, boardRoute } from '../../../../../lib/theme-board/http.server';
import { readReview } from '../../../../../lib/theme-board/review.server';

/** The review queue ("Twijfelgevallen"): unconfirmed items, most doubtful first. */
export const GET: APIRoute = async ({ locals, params, url }) => {
  const consultationId = await boardRoute(locals, params.slug);
  if (consultationId instanceof Response) return consultationId;
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('aantal')) || 25));
  return boardJson(await readReview(locals.db, consultationId, { limit }));
};
