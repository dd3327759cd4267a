import type { APIRoute } from 'astro';
import { exportAdvice } from '../../../../lib/advice/export.server';
import { mayAnswer } from '../../../../lib/written-input/roles';

/**
 * The advice as Word, for analysts and admins: `bijlage.docx` the appendix (each point, then
 * "Reactie college"), `tabel.docx` the table (advice | response).
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const shape = params.vorm;
  if (shape !== 'bijlage' && shape !== 'tabel') return new Response(null, { status: 404 });
  const staff = locals.staff;
  if (!staff)
    return new Response(null, { status: 303, headers: { location: '/staff/inloggen?reden=nodig' } });
  if (!mayAnswer(staff.staffRole))
    return new Response('Alleen analisten en beheerders mogen dit downloaden.', { status: 403 });
  const result = await exportAdvice(locals.db, params.id ?? '', shape);
  if (!result.ok)
    return new Response(
      result.code === 'advice.forbidden' ? 'Geen toegang.' : 'Dit advies bestaat niet (meer).',
      {
        status: result.code === 'advice.forbidden' ? 403 : 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      },
    );
  return new Response(new Uint8Array(result.bytes), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="${result.fileName}"`,
      'cache-control': 'no-store',
    },
  });
};
