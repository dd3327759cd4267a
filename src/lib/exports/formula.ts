/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell whose text starts with one of
 * these characters may be run as a formula by Excel, LibreOffice or Google Sheets. We prefix such
 * text with a single quote, which makes every spreadsheet program show it as plain text.
 */
const dangerous = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/**
 * What may come before the formula and not be seen (issue 16: `\u200B=HYPERLINK(…)` passed):
 * white space of any kind (tab, CR/LF, NBSP, the Unicode spaces and line separators) and the
 * invisible format characters (Unicode category Cf: zero-width space and joiners, word joiner,
 * BOM, soft hyphen, the bidi marks and embeddings), plus the few invisible letters that are not Cf.
 */
const invisibleStart =
  /^(?:[\s\p{Cf}\u115F\u1160\u17B4\u17B5\u3164\uFFA0]|\u034F|\u180B|\u180C|\u180D|\u180E|\u180F)+/u;

export function neutraliseFormula(text: string): string {
  if (text.length === 0) return text;
  // The first character itself (a tab, CR or LF is dangerous on its own), or the first one seen.
  const visible = text.replace(invisibleStart, '');
  return dangerous.has(text[0] as string) || dangerous.has(visible[0] as string) ? `'${text}` : text;
}

/** Neutralises strings; numbers, dates and empty values stay what they are. */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
