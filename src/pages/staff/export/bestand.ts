import { PassThrough, Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { canExport, contentDisposition, parseExportRequest } from '../../../lib/exports/filters';
import { ExportError, startExport } from '../../../lib/exports/index.server';

/**
 * Streams one export file. Refusals answer before any byte is sent: back to the form with a
 * message (303), or a status code for programs that ask for JSON. The database checks the role
 * again (private.record_export) and records the export in the audit log.
 */
export const GET: APIRoute = async ({ locals, url, redirect }) => {
  const back = (code: string) => {
    const params = new URLSearchParams(url.searchParams);
    params.set('fout', code);
    return redirect(`/staff/export?${params}`, 303);
  };
  if (!locals.staff) return redirect('/staff/inloggen?reden=nodig&terug=/staff/export', 303);
  if (!canExport(locals.staff.staffRole)) return back('export.forbidden');
  const parsed = parseExportRequest(url.searchParams);
  if (!parsed.success) return back('export.invalid');

  let prepared: Awaited<ReturnType<typeof startExport>>;
  try {
    prepared = await startExport(locals.db, parsed.data);
  } catch (error) {
    if (error instanceof ExportError) return back(error.code);
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
