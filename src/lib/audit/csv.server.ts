import { stringify } from 'csv-stringify/sync';
import { sqlState } from '../db/errors';
import type { CallerDb } from '../db/types';
import { neutraliseFormula } from '../exports/formula';
import { isAdmin, readPage } from './log.server';
import { changeLine, readable } from './readable';
import { type AuditCursor, type AuditFilter, AuditFilterSchema, decodeAuditCursor } from './schema';

/** At most this many entries in one download: an auditor narrows the period for more. */
export const CSV_MAX_ENTRIES = 20_000;
const PAGE = 500;

export const csvHeaders = ['Volgnummer', 'Wanneer', 'Wie', 'Wat', 'Onderdeel', 'Wijzigingen'] as const;

export type AuditCsv =
  | { ok: true; csv: string; count: number; truncated: boolean }
  | { ok: false; code: 'audit.invalidFilter' | 'audit.notAllowed' };

/**
 * The filtered log as CSV for an auditor: the same words, names and Amsterdam times as the page,
 * UTF-8 with a BOM and ";" like the other CSV export for Dutch Excel, every text cell neutralised
 * against formulas. The download itself is recorded in the log (private.record_export) in the
 * same transaction, so a download that fails is not logged and a logged one happened.
 */
export async function auditLogCsv(db: CallerDb, filter: AuditFilter): Promise<AuditCsv> {
  const parsed = AuditFilterSchema.safeParse(filter);
  if (!parsed.success) return { ok: false, code: 'audit.invalidFilter' };
  try {
    return await db.run(async (tx) => {
      if (!(await isAdmin(tx))) return { ok: false, code: 'audit.notAllowed' } as const;
      const records: string[][] = [];
      let cursor: AuditCursor | undefined;
      let truncated = false;
      do {
        const page = await readPage(tx, parsed.data, cursor, PAGE);
        for (const entry of page.entries) {
          if (records.length >= CSV_MAX_ENTRIES) break;
          const r = readable(entry, page.names);
          records.push([
            String(r.id),
            r.when,
            r.who,
            r.action,
            r.subject,
            r.changes.map(changeLine).join('\n'),
          ]);
        }
        cursor = page.nextCursor ? decodeAuditCursor(page.nextCursor) : undefined;
        if (records.length >= CSV_MAX_ENTRIES && cursor) truncated = true;
      } while (cursor && !truncated);
      await tx.sql`select private.record_export('csv', 'logboek', ${JSON.stringify(parsed.data)}::jsonb,
        ${JSON.stringify({ entries: records.length })}::jsonb, 'web')`;
      const csv = stringify(
        [[...csvHeaders], ...records.map((row) => row.map((cell) => neutraliseFormula(cell)))],
        {
          delimiter: ';',
          record_delimiter: 'windows',
          bom: true,
          // csv-stringify only quotes the record delimiter (CRLF); a bare line break between the
          // changes must be quoted too, or a spreadsheet starts a new row there.
          quoted_match: /[\r\n]/,
        },
      );
      return { ok: true, csv, count: records.length, truncated } as const;
    });
  } catch (error) {
    if (sqlState(error) === '42501') return { ok: false, code: 'audit.notAllowed' };
    throw error;
  }
}
