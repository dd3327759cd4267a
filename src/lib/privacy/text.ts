/** Small text helpers shared by the address and name detectors. */
import type { Range } from './patterns';

export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

export function overlapsAny(range: Range, ranges: readonly Range[]): boolean {
  return ranges.some((r) => overlaps(range, r));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds a whole-word regex for a list of phrases (spaces match any single space). */
export function phraseRegExp(phrases: readonly string[], flags: string): RegExp {
  const alternatives = [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/ /g, '[ \\u00a0]'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, `${flags}u`);
}

/** Ranges of every occurrence of the phrases matched by `re` (a global regex). */
export function rangesOf(text: string, re: RegExp): Range[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * True when `pos` starts a sentence or a heading item: start of text, or
 * after . ! ? : or a line break (skipping spaces, quotes and brackets).
 */
export function isSentenceStart(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && /[\s"'“”‘’([«»•*-]/u.test(text[i] ?? '')) {
    if (text[i] === '\n') return true;
    i--;
  }
  return i < 0 || /[.!?:;]/.test(text[i] ?? '');
}

/** The word right before `pos` (letters, hyphens and dots), or ''. */
export function previousWord(text: string, pos: number): string {
  const m = /([\p{L}\p{M}.'’-]+)[ \u00a0]+$/u.exec(text.slice(Math.max(0, pos - 40), pos));
  return m?.[1] ?? '';
}
