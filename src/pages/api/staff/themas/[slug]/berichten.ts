import type { APIRoute } from 'astro';
import { z } from 'zod';
import { boardError, boardJson, boardRoute } from '../../../../../lib/theme-board/http.server';
import { readThemeItems } from '../../../../../lib/theme-board/search.server';

/** The items of one theme (`?thema=<id>`), or the items without a theme (`?thema=geen`). */
export const GET: APIRoute = async ({ locals, params, url }) => {
  const consultationId = await boardRoute(locals, params.slug);
  if (consultationId instanceof Response) return consultationId;
  const theme = url.searchParams.get('thema') ?? '';
  if (theme !== 'geen' && !z.string().uuid().safeParse(theme).success) return boardError('board.notFound');
  return boardJson(await readThemeItems(locals.db, consultationId, theme === 'geen' ? null : theme));
};
