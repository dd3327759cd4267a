import type { APIRoute } from 'astro';
import { boardJson, boardRoute } from '../../../../../lib/theme-board/http.server';
import { listSuggestions } from '../../../../../lib/theme-board/suggestions.server';

/** Open suggestions of re-runs ("Verplaatsen naar …?", "Samenvoegen met …?"). */
export const GET: APIRoute = async ({ locals, params }) => {
  const consultationId = await boardRoute(locals, params.slug);
  if (consultationId instanceof Response) return consultationId;
  return boardJson(await listSuggestions(locals.db, consultationId));
};
