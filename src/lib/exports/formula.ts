/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell whose text starts with one of
 * these characters may be run as a formula by Excel, LibreOffice or Google Sheets. We prefix such
 * text with a single quote, which makes every spreadsheet program show it as plain text.
 */
const dangerous = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

export function neutraliseFormula(text: string): string {
  return text.length > 0 && dangerous.has(text[0] as string) ? `'${text}` : text;
}

/** Neutralises strings; numbers, dates and empty values stay what they are. */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
