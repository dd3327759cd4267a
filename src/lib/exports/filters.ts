import { z } from 'zod';
import { audiences } from '../content/schema';
import { isoDay, queryObject } from '../http/query';

export const exportFormats = ['docx', 'xlsx', 'csv-nl', 'csv', 'md', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const channels = ['online', 'roadtour', 'import', 'schriftelijk'] as const;
const empty = (value: unknown) => (value === '' || value === null ? undefined : value);

/** What staff choose on /staff/export (also the query string of /api/staff/export). */
export const ExportRequestSchema = z
  .object({
    consultation: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(80),
    /** "current" or a theme snapshot id. */
    source: z.union([z.literal('current'), z.string().uuid()]).default('current'),
    audience: z.preprocess(empty, z.enum(audiences).optional()),
    channel: z.preprocess(empty, z.enum(channels).optional()),
    /** Inclusive days in Europe/Amsterdam. */
    from: z.preprocess(empty, isoDay.optional()),
    to: z.preprocess(empty, isoDay.optional()),
    format: z.enum(exportFormats),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { path: ['to'], message: 'to before from' });

export type ExportRequest = z.infer<typeof ExportRequestSchema>;
export type ExportFilters = Omit<ExportRequest, 'format'>;

export function parseExportRequest(
  params: URLSearchParams,
): ReturnType<typeof ExportRequestSchema.safeParse> {
  return ExportRequestSchema.safeParse(queryObject(params));
}

/** Only these roles may export (the database refuses everyone else as well). */
export function canExport(role: string): boolean {
  return role === 'analyst' || role === 'admin';
}

export const formatInfo: Record<ExportFormat, { extension: string; contentType: string; label: string }> = {
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Participatieverslag (Word, .docx)',
  },
  xlsx: {
    extension: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Spreadsheet (Excel, .xlsx)',
  },
  'csv-nl': {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    label: 'CSV voor Nederlandse Excel (puntkomma, decimale komma)',
  },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', label: 'CSV standaard (RFC 4180, komma)' },
  md: { extension: 'md', contentType: 'text/markdown; charset=utf-8', label: 'Verslag in Markdown (.md)' },
  json: {
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    label: 'Alle gegevens als JSON',
  },
};

const baseName: Record<ExportFormat, string> = {
  docx: 'participatieverslag',
  xlsx: 'inbreng-en-themas',
  'csv-nl': 'inbreng',
  csv: 'inbreng-rfc4180',
  md: 'participatieverslag',
  json: 'export',
};

const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(d);

/**
 * A Dutch file name that says what the file holds, so two exports never look alike:
 * a version (theme snapshot) by its date and short id, e.g.
 * participatieverslag-krachtig-oud-worden-versie-2026-12-06-3f2a9c1b.docx, and the current state
 * by the day it was taken, e.g. participatieverslag-krachtig-oud-worden-huidig-2026-12-06.docx.
 */
export function exportFileName(
  format: ExportFormat,
  consultationSlug: string,
  now = new Date(),
  version: { id: string; createdAt: Date } | null = null,
): string {
  const what = version ? `versie-${day(version.createdAt)}-${version.id.slice(0, 8)}` : `huidig-${day(now)}`;
  return `${baseName[format]}-${consultationSlug}-${what}.${formatInfo[format].extension}`;
}

/** Content-Disposition with an ASCII name (our names are ASCII already) and its RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
