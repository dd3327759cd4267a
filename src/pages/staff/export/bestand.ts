import { PassThrough, Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { canExport, contentDisposition, parseExportRequest } from '../../../lib/exports/filters';
import { ExportError, startExport } from '../../../lib/exports/index.server';
import { confirmation, themesWithoutReaction } from '../../../lib/exports/options.server';

/**
 * Streams one export file. Refusals answer before any byte is sent: back to the form with a
 * message (303). A consultation or version that does not exist (deleted, never there, or not an
 * id at all) shows the form with its message and status 404. The report (docx, md) of themes
 * without "wat doen we ermee" is only made once the form has shown that warning for exactly this
 * choice. The database checks the role again (private.record_export) and records the export in
 * the audit log.
 */
export const GET: APIRoute = async ({ locals, url, redirect, rewrite }) => {
  const params = (code: string) => {
    const next = new URLSearchParams(url.searchParams);
    next.delete('bevestigd');
    next.set('fout', code);
    return next;
  };
  const back = (code: string) => redirect(`/staff/export?${params(code)}`, 303);
  const notFound = () => rewrite(`/staff/export?${params('export.notFound')}`);
  if (!locals.staff) return redirect('/staff/inloggen?reden=nodig&terug=/staff/export', 303);
  if (!canExport(locals.staff.staffRole)) return back('export.forbidden');
  const parsed = parseExportRequest(url.searchParams);
  if (!parsed.success)
    return parsed.error.issues.every((i) => i.path[0] === 'source') ? notFound() : back('export.invalid');

  const { format, consultation, source } = parsed.data;
  if (format === 'docx' || format === 'md') {
    const missing = await themesWithoutReaction(locals.db, consultation, source);
    if (missing === null) return notFound();
    if (missing.length > 0 && url.searchParams.get('bevestigd') !== confirmation(consultation, source))
      return back('export.reactionMissing');
  }

  let prepared: Awaited<ReturnType<typeof startExport>>;
  try {
    prepared = await startExport(locals.db, parsed.data);
  } catch (error) {
    if (error instanceof ExportError) return error.code === 'export.notFound' ? notFound() : back(error.code);
    throw error;
  }
  const body = new PassThrough();
  prepared.write(body).catch((error: unknown) => {
    // Headers are out already: break the download off so a half file is never taken for whole.
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': prepared.contentType,
      'content-disposition': contentDisposition(prepared.fileName),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
};
