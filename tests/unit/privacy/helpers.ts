import { detectPersonalData, type PiiType } from '~/lib/privacy';

/** Detected spans as "TYPE:value" strings, for readable table-driven assertions. */
export function found(text: string, only?: PiiType): string[] {
  return detectPersonalData(text)
    .filter((s) => !only || s.type === only)
    .map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
}

// One parser for markup in tests and in the evaluator (tests/bench/eval-pii.ts).
export { parseMarkup } from '../../bench/eval-pii';
