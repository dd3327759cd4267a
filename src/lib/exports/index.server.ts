import type { Writable } from 'node:stream';
import type { CallerDb } from '../db/types';
import { writeCsv } from './csv.server';
import { writeDocx } from './docx.server';
import { type ExportRequest, exportFileName, formatInfo } from './filters';
import { streamItems } from './items.server';
import { writeJson } from './json.server';
import { themeName } from './labels.nl';
import { writeMarkdown } from './markdown-report';
import { prepareExport } from './report.server';
import type { Report } from './types';
import { writeXlsx } from './xlsx.server';

export { ExportError } from './report.server';

export interface PreparedExport {
  readonly report: Report;
  readonly fileName: string;
  readonly contentType: string;
  /** Writes the file to `out` and ends it; resolves with the number of items written. */
  write(out: Writable): Promise<number>;
}

/**
 * Checks the caller may export, reads the figures and records the export in the audit log; the
 * returned write() then streams the file. Two steps, so an HTTP answer can refuse with a status
 * before any byte of the file is sent.
 */
export async function startExport(
  db: CallerDb,
  request: ExportRequest,
  options: { batchSize?: number; via?: 'web' | 'cli' } = {},
): Promise<PreparedExport> {
  const { format, ...filters } = request;
  const { report, scope } = await prepareExport(db, format, filters, options.via);
  // Candidates (the engine's proposals nobody accepted yet) are named as such in every row.
  const labels = new Map(report.themes.map((t) => [t.id, themeName(t)]));
  const items = () => streamItems(db, scope, labels, options.batchSize);
  const write = (out: Writable): Promise<number> => {
    switch (format) {
      case 'docx':
        return writeDocx(report, out);
      case 'xlsx':
        return writeXlsx(report, items(), out);
      case 'csv-nl':
        return writeCsv(items(), out, 'nl');
      case 'csv':
        return writeCsv(items(), out, 'rfc4180');
      case 'md':
        return writeMarkdown(report, out);
      case 'json':
        return writeJson(report, items(), out);
    }
  };
  return {
    report,
    fileName: exportFileName(format, report.consultation.slug, report.generatedAt, report.snapshot),
    contentType: formatInfo[format].contentType,
    write,
  };
}
