import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { maxColumns, maxFileBytes, maxRows } from './limits';
import type { Cell, FileError, Sheet, SheetRow } from './types';

export class FileProblem extends Error {
  constructor(
    readonly code: FileError,
    /** Where in the file, when known (a CSV line). */
    readonly line?: number,
  ) {
    super(code);
    this.name = 'FileProblem';
  }
}

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0]; // old binary .xls

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Which kind of file this is, by its name and its first bytes, before anything parses it: an
 * .xlsx is a zip archive; a CSV is text (no NUL bytes, not a zip or old .xls). Refuses the rest.
 */
export function fileTypeOf(name: string, bytes: Uint8Array): 'xlsx' | 'csv' {
  if (bytes.byteLength === 0) throw new FileProblem('file.empty');
  if (bytes.byteLength > maxFileBytes) throw new FileProblem('file.tooLarge');
  const ext = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase();
  if (ext === 'xlsx') {
    if (!startsWith(bytes, zipMagic)) throw new FileProblem('file.type');
    return 'xlsx';
  }
  if (ext === 'csv' || ext === 'txt') {
    if (startsWith(bytes, zipMagic) || startsWith(bytes, oleMagic)) throw new FileProblem('file.type');
    if (bytes.subarray(0, 65_536).includes(0)) throw new FileProblem('file.type');
    return 'csv';
  }
  throw new FileProblem('file.type');
}

/** Reads an .xlsx or .csv into its header and rows. Throws FileProblem for an unusable file. */
export async function readSheet(name: string, bytes: Uint8Array): Promise<Sheet> {
  const type = fileTypeOf(name, bytes);
  const sheet = type === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  if (sheet.headers.length > maxColumns) throw new FileProblem('file.tooManyColumns');
  if (sheet.rows.length > maxRows) throw new FileProblem('file.tooManyRows');
  return sheet;
}

const columnLetter = (index: number): string => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/** Spaces collapsed, no control characters, trimmed. */
export function cleanCell(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim()
  );
}

const isEmpty = (cells: readonly Cell[]) => cells.every((c) => c === null || c === '');

/** Header row and data rows from raw rows (by row number); leading and wholly empty rows dropped. */
function shape(
  fileType: Sheet['fileType'],
  raw: readonly { point: number; cells: Cell[]; otherEncoding?: boolean }[],
  encoding?: Sheet['encoding'],
): Sheet {
  const filled = raw.filter((r) => !isEmpty(r.cells));
  const header = filled[0];
  if (!header) throw new FileProblem('file.empty');
  const width = Math.max(...filled.map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, i) => {
    const cell = header.cells[i];
    const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : (cell ?? '');
    return text === '' ? `Kolom ${columnLetter(i)}` : text.replace(/\s+/g, ' ');
  });
  const rows: SheetRow[] = filled.slice(1).map((r) => ({
    point: r.point,
    cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? null),
    ...(r.otherEncoding ? { otherEncoding: true } : {}),
  }));
  return { fileType, headers, headerPoint: header.point, rows, ...(encoding ? { encoding } : {}) };
}

// ───────────────────────── xlsx ─────────────────────────

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') return cleanCell(value) || null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'object') {
    if ('richText' in value) return cleanCell(value.richText.map((r) => r.text).join('')) || null;
    if ('result' in value) return xlsxCell((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return cleanCell(value.text) || null;
    if ('error' in value) return null;
  }
  return null;
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw new FileProblem('file.unreadable');
  }
  // The first worksheet with anything on it.
  const worksheet = workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!worksheet) throw new FileProblem('file.empty');
  if (worksheet.rowCount > maxRows + 50) throw new FileProblem('file.tooManyRows');
  if (worksheet.columnCount > maxColumns) throw new FileProblem('file.tooManyColumns');
  const raw: { point: number; cells: Cell[] }[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, point) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = xlsxCell(cell.value);
    });
    raw.push({ point, cells: Array.from(cells, (c) => c ?? null) });
  });
  return shape('xlsx', raw);
}

// ───────────────────────── csv ─────────────────────────

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/** The physical lines of a byte buffer (split at LF, each keeping its CR). */
function byteLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  lines.push(bytes.subarray(start));
  return lines;
}

const isAscii = (line: Uint8Array) => line.every((b) => b < 0x80);

/**
 * The text of a CSV and the lines that were in another character set. Excel writes "CSV UTF-8"
 * with a byte order mark, and plain "CSV" in Windows-1252; a file pasted together from both has
 * lines of each. Each line is read in the set it is valid in; when both occur, the Windows-1252
 * lines are reported (their accents may be wrong) instead of guessed.
 */
export function decodeCsv(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'windows-1252' | 'mixed';
  otherLines: Set<number>;
} {
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: 'utf-8', otherLines: new Set() };
  } catch {
    // Not valid UTF-8 as a whole: line by line.
  }
  const lines = byteLines(body);
  const kinds = lines.map((line) => {
    if (isAscii(line)) return 'ascii' as const;
    try {
      utf8.decode(line);
      return 'utf-8' as const;
    } catch {
      return 'windows-1252' as const;
    }
  });
  const hadBom = body !== bytes;
  const anyUtf8 = hadBom || kinds.includes('utf-8');
  if (!anyUtf8) return { text: windows1252.decode(body), encoding: 'windows-1252', otherLines: new Set() };
  const otherLines = new Set<number>();
  const text = lines
    .map((line, i) => {
      if (kinds[i] !== 'windows-1252') return utf8.decode(line);
      otherLines.add(i + 1);
      return windows1252.decode(line);
    })
    .join('\n');
  return { text, encoding: 'mixed', otherLines };
}

/** `;` (Dutch Excel) or `,` (RFC 4180), or a tab: whichever the header line has most of outside quotes. */
export function delimiterOf(text: string): string {
  let inQuotes = false;
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  const [best] = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ';';
}

function readCsv(bytes: Uint8Array): Sheet {
  const { text, encoding, otherLines } = decodeCsv(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new FileProblem('file.unreadable', typeof line === 'number' ? line : undefined);
  }
  let previousEnd = 0;
  const raw = records.map(({ record, info }, index) => {
    // The physical lines this record spans (a quoted answer may hold line breaks).
    const first = previousEnd + 1;
    const last = Math.max(info.lines, first);
    previousEnd = last;
    let other = false;
    for (let line = first; line <= last; line++) if (otherLines.has(line)) other = true;
    return {
      // The row number a spreadsheet program shows: one per record.
      point: index + 1,
      cells: record.map((value) => cleanCell(value) || null),
      otherEncoding: other,
    };
  });
  return shape('csv', raw, encoding);
}
