import type { APIRoute } from 'astro';
import { readOriginal } from '../../../../lib/written-input/read.server';

/** The document as received, for admins, until the retention date (RLS returns it to nobody else). */
export const GET: APIRoute = async ({ params, locals }) => {
  const staff = locals.staff;
  if (!staff)
    return new Response(null, { status: 303, headers: { location: '/staff/inloggen?reden=nodig' } });
  if (staff.staffRole !== 'admin')
    return new Response('Alleen beheerders mogen dit downloaden.', { status: 403 });
  const original = await readOriginal(locals.db, params.id ?? '');
  if (!original)
    return new Response('Dit document is er niet (meer). Na de bewaartermijn wordt het verwijderd.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  const name = (original.fileName ?? 'tekst.txt').replace(/["\\\r\n]/g, '_');
  const body = original.content ?? new TextEncoder().encode(original.body);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': original.content ? original.mediaType : 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
};
