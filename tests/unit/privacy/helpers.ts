import { detectPersonalData, type PiiSpan, type PiiType } from '~/lib/privacy';

/** Detected spans as "TYPE:value" strings, for readable table-driven assertions. */
export function found(text: string, only?: PiiType): string[] {
  return detectPersonalData(text)
    .filter((s) => !only || s.type === only)
    .map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
}

/**
 * Parses inline markup «TYPE|value» into a text and its gold spans (the format
 * the shared data README describes), so hand-written cases can be scored.
 */
export function parseMarkup(marked: string): { text: string; spans: PiiSpan[] } {
  const spans: PiiSpan[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/«([A-Z]+)\|([^»|]+)»/g)) {
    text += marked.slice(last, m.index);
    const value = m[2] ?? '';
    spans.push({ type: m[1] as PiiType, start: text.length, end: text.length + value.length });
    text += value;
    last = m.index + m[0].length;
  }
  return { text: text + marked.slice(last), spans };
}
