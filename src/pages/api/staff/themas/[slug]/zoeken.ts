import type { APIRoute } from 'astro';
import { queryText } from '../../../../../lib/http/query';
import { boardJson, boardRoute } from '../../../../../lib/theme-board/http.server';
import { searchItems } from '../../../../../lib/theme-board/search.server';

/** Dutch full-text search over the consultation's approved input (`?q=`). */
export const GET: APIRoute = async ({ locals, params, url }) => {
  const consultationId = await boardRoute(locals, params.slug);
  if (consultationId instanceof Response) return consultationId;
  return boardJson(await searchItems(locals.db, consultationId, queryText(url.searchParams.get('q'))));
};
