import type { APIRoute } from 'astro';
import { loadForEditor } from '../../../../../lib/consultations/editor.server';
import { consultationToYaml, yamlFileName } from '../../../../../lib/consultations/yaml.server';

/** The consultation as a YAML file (admins): the format of content/consultations/*.yaml. */
export const GET: APIRoute = async ({ locals, params, redirect }) => {
  const slug = params.slug ?? '';
  if (!locals.staff)
    return redirect(
      `/staff/inloggen?reden=nodig&terug=/staff/beheer/consultaties/${encodeURIComponent(slug)}`,
      303,
    );
  if (locals.staff.staffRole !== 'admin') return new Response('Alleen beheerders.', { status: 403 });
  const stored = await loadForEditor(locals.db, slug);
  if (!stored) return new Response(null, { status: 404 });
  return new Response(consultationToYaml(stored.definition, stored.version), {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${yamlFileName(stored.definition.slug)}"`,
      'cache-control': 'private, no-store',
    },
  });
};
