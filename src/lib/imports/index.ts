export { type ImportFileOptions, importSpreadsheetFile } from './file.server';
export type { ImportOutcome } from './types';
