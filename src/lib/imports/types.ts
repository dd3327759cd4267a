import type { Audience } from '../content/schema';

/** One cell as read from the file: text (trimmed), a date (from .xlsx), or empty. */
export type Cell = string | Date | null;

/** One data row of the sheet, by its number as the spreadsheet program shows it. */
export interface SheetRow {
  readonly point: number;
  readonly cells: readonly Cell[];
  /** This row's bytes were in another character set than the rest of the file (CSV only). */
  readonly otherEncoding?: boolean;
}

/** A spreadsheet as read: the header row and the data rows after it (empty rows left out). */
export interface Sheet {
  readonly fileType: 'xlsx' | 'csv';
  /** The character set a CSV was read in. */
  readonly encoding?: 'utf-8' | 'windows-1252' | 'mixed';
  /** The header texts, one per column; an empty header reads "Kolom C". */
  readonly headers: readonly string[];
  /** The header's row number (1 unless rows above it are empty). */
  readonly headerPoint: number;
  readonly rows: readonly SheetRow[];
}

/** Where a column goes. Stored in the mapping as these strings. */
export type Target =
  | 'negeren'
  | 'doelgroep'
  | 'datum'
  | 'leeftijd'
  | 'wijk'
  | 'hulp'
  | 'organisatie'
  | `vraag:${Audience}:${string}`;

/** Column header → target; '' is "not chosen yet". */
export type Mapping = Readonly<Record<string, Target | ''>>;

/** Problems with the file as a whole: nothing can be shown or imported. */
export type FileError =
  | 'file.missing'
  | 'file.tooLarge'
  | 'file.type'
  | 'file.empty'
  | 'file.unreadable'
  | 'file.tooManyRows'
  | 'file.tooManyColumns';

/** Problems with the header row or one data row; the point says which row. */
export type RowErrorCode =
  | 'header.missing'
  | 'header.duplicate'
  | 'column.unknown'
  | 'column.ambiguous'
  | 'column.twice'
  | 'row.encoding'
  | 'row.noAnswers'
  | 'row.audienceMissing'
  | 'row.audience'
  | 'row.otherAudience'
  | 'row.date'
  | 'row.ageBand'
  | 'row.wijk'
  | 'row.receivesHelp'
  | 'row.organisation'
  | 'row.tooLong';

export interface RowError {
  /** The row's number in the sheet (the header row for header and column errors). */
  readonly point: number;
  readonly code: RowErrorCode;
  /** The column's header, where one column is at fault. */
  readonly column?: string;
  /** The value that could not be read (shortened), or the candidates of an ambiguous column. */
  readonly value?: string;
}

/** A consultation's question, as the mapping offers it. */
export interface ImportQuestion {
  readonly id: string;
  readonly audience: Audience;
  readonly key: string;
  readonly prompt: string;
  readonly maxLength: number;
}

/** What the mapping and the row checks need to know about the consultation. */
export interface ImportContext {
  readonly consultationId: string;
  readonly slug: string;
  readonly title: string;
  readonly questions: readonly ImportQuestion[];
  /** The wijken the profile question offers. */
  readonly wijken: readonly string[];
}

/** One row ready to be stored. */
export interface ValidRow {
  readonly point: number;
  readonly hash: string;
  readonly audience: Audience;
  readonly writtenAt: Date | null;
  readonly ageBand: string | null;
  readonly wijk: string | null;
  readonly receivesHelp: string | null;
  readonly organisationName: string | null;
  readonly answers: readonly { readonly question: ImportQuestion; readonly text: string }[];
}

/** The preview: every row either valid or with its errors. */
export interface Checked {
  readonly valid: readonly ValidRow[];
  readonly errors: readonly RowError[];
  /** Data rows in the sheet (not counting the header and empty rows). */
  readonly total: number;
  /** Rows with at least one error (a header error makes every row invalid). */
  readonly invalidRows: number;
  /** True when the header row itself is wrong: no row can be imported until the mapping is fixed. */
  readonly headerBroken: boolean;
}

/** What importSpreadsheetFile returns (the CLI prints the items). */
export interface ImportOutcome {
  /** The import's record, or null when nothing was stored. */
  readonly batchId: string | null;
  /** The input items created, one per answered question of each new row. */
  readonly items: readonly { id: string; point: number; text: string }[];
  /** Every problem, by row; with errors and without `onlyValidRows` nothing is stored. */
  readonly errors: readonly (RowError & { message: string })[];
  readonly rows: {
    readonly total: number;
    readonly imported: number;
    readonly alreadyImported: number;
    readonly invalid: number;
  };
}
