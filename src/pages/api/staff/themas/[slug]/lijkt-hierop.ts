import type { APIRoute } from 'astro';
import { z } from 'zod';
import { boardError, boardJson, boardRoute } from '../../../../../lib/theme-board/http.server';
import { similarItems } from '../../../../../lib/theme-board/search.server';

/** "Lijkt hierop": items most similar to an item (`?bericht=`) or a theme (`?thema=`), not in it yet. */
export const GET: APIRoute = async ({ locals, params, url }) => {
  const consultationId = await boardRoute(locals, params.slug);
  if (consultationId instanceof Response) return consultationId;
  const uuid = z.string().uuid();
  const item = uuid.safeParse(url.searchParams.get('bericht'));
  const theme = uuid.safeParse(url.searchParams.get('thema'));
  if (!item.success && !theme.success) return boardError('board.notFound');
  const to = item.success ? { itemId: item.data } : { themeId: theme.data as string };
  return boardJson(await similarItems(locals.db, consultationId, to));
};
