import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { neutraliseFormula } from './formula';
import { itemColumns, itemRow } from './rows';
import type { ExportItem } from './types';

export type CsvDialect = 'nl' | 'rfc4180';

/**
 * The items as CSV, streamed through csv-stringify (it quotes fields with separators, quotes and
 * line breaks correctly). "nl": what Dutch Excel opens by double-click — UTF-8 with a BOM so
 * accents survive, ";" between fields, decimal comma. "rfc4180": comma, CRLF, decimal point.
 * Text cells are neutralised against formula injection in both.
 */
export async function writeCsv(
  items: AsyncIterable<ExportItem>,
  out: Writable,
  dialect: CsvDialect,
): Promise<number> {
  const nl = dialect === 'nl';
  const decimal = nl ? (n: number) => String(n).replace('.', ',') : (n: number) => String(n);
  let count = 0;
  async function* records() {
    yield itemColumns.map((c) => c.header);
    for await (const item of items) {
      count++;
      yield itemRow(item, decimal).map((v) =>
        typeof v === 'number' ? decimal(v) : typeof v === 'string' ? neutraliseFormula(v) : v,
      );
    }
  }
  await pipeline(
    Readable.from(records()),
    // csv-stringify quotes only the record delimiter (CRLF); a bare line break inside an answer must
    // be quoted too, or a spreadsheet starts a new row there.
    stringify({ delimiter: nl ? ';' : ',', record_delimiter: 'windows', bom: nl, quoted_match: /[\r\n]/ }),
    out,
  );
  return count;
}
