import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Audience } from '../content/schema';
import { service } from '../db/caller';
import type { Database } from '../db/types';
import { mappingFor } from './mapping';
import { fileMessages, rowMessage } from './messages.nl';
import { FileProblem, readSheet } from './read.server';
import { checkRows } from './rows';
import { readContext, sourceNamed, storeRows } from './store.server';
import type { ImportOutcome } from './types';

export interface ImportFileOptions {
  /** The consultation's slug. */
  readonly consultation: string;
  /** Path of the .xlsx or .csv. */
  readonly file: string;
  /** Where the rows come from ("Papieren formulieren wijkcentrum"): found by name or made. */
  readonly source: string;
  /** The audience of rows without a doelgroep column. */
  readonly audience?: Audience;
  /**
   * Store the valid rows of a sheet that also has rows with errors. Without it such a sheet
   * stores nothing (the outcome lists the errors): fix the file, or confirm with this.
   */
  readonly onlyValidRows?: boolean;
}

/**
 * Imports a spreadsheet from the command line, as the server (the audit log says "systeem, via de
 * opdrachtregel"). Maps the columns with the source's remembered mapping, else by their names, and
 * remembers the mapping used. Throws an Error with a Dutch message for an unreadable file or an
 * unknown consultation; row problems come back in the outcome's errors.
 */
export async function importSpreadsheetFile(
  db: Database,
  options: ImportFileOptions,
): Promise<ImportOutcome> {
  const name = options.source.trim();
  if (name.length < 2 || name.length > 120) throw new Error('Geef de bron een naam van 2 tot 120 tekens.');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(options.file);
  } catch (error) {
    throw new Error(`Het bestand ${options.file} kan niet worden gelezen: ${(error as Error).message}`);
  }
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(path.basename(options.file), bytes);
  } catch (error) {
    if (error instanceof FileProblem)
      throw new Error(
        `${options.file}: ${fileMessages[error.code]}${error.line ? ` (regel ${error.line})` : ''}`,
      );
    throw error;
  }
  return db.transaction(service, async (tx) => {
    const context = await readContext(tx, { slug: options.consultation });
    if (!context) throw new Error(`De raadpleging "${options.consultation}" bestaat niet.`);
    const source = await sourceNamed(tx, context.consultationId, name);
    const { mapping, ambiguous } = mappingFor(sheet, context.questions, source.mapping, options.audience);
    const checked = checkRows(sheet, context, mapping, {
      sourceId: source.id,
      ambiguous,
      ...(options.audience ? { audience: options.audience } : {}),
    });
    const errors = checked.errors.map((e) => ({ ...e, message: rowMessage(e) }));
    const nothing = {
      batchId: null,
      items: [],
      errors,
      rows: { total: checked.total, imported: 0, alreadyImported: 0, invalid: checked.invalidRows },
    };
    if (checked.headerBroken || checked.valid.length === 0) return nothing;
    if (checked.errors.length > 0 && !options.onlyValidRows) return nothing;
    await tx.query(`update public.import_sources set mapping = $2::jsonb where id = $1`, [
      source.id,
      JSON.stringify(mapping),
    ]);
    const stored = await storeRows(tx, {
      context,
      sourceId: source.id,
      fileName: path.basename(options.file),
      bytes,
      via: 'cli',
      checked,
    });
    return {
      batchId: stored.batchId,
      items: stored.items,
      errors,
      rows: {
        total: checked.total,
        imported: stored.imported,
        alreadyImported: stored.alreadyImported,
        invalid: checked.invalidRows,
      },
    };
  });
}
