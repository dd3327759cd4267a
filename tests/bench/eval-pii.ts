/**
 * Scores the PII detector on a labelled JSONL file (id, text, spans).
 *
 *   npm run eval:pii                      # every set: the shared dev set, tests/unit/privacy/fixtures/*.txt,
 *                                         # tests/fixtures/pii/*.{jsonl,txt} (own and independent hold-out sets)
 *   npm run eval:pii -- --input FILE.jsonl
 *   npm run eval:pii -- --input FILE.txt  # inline markup «TYPE|value», one text a line
 *
 * Prints precision, recall and F1 per type for exact span matches and for
 * partial overlap (a prediction counts when it overlaps an unmatched gold span
 * of the same type), plus micro-averaged totals.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  detectPersonalData,
  isPiiType,
  PII_TYPES,
  type PiiSpan,
  type PiiType,
} from '../../src/lib/privacy/index';

export interface LabelledText {
  id: string;
  text: string;
  spans: PiiSpan[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export type MatchMode = 'exact' | 'partial';

export interface Score {
  byType: Record<PiiType, Counts>;
  total: Counts;
}

function finish(tp: number, fp: number, fn: number): Counts {
  // With nothing predicted and nothing to find, the detector is perfect on that type.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function matches(gold: PiiSpan, pred: PiiSpan, mode: MatchMode): boolean {
  if (gold.type !== pred.type) return false;
  if (mode === 'exact') return gold.start === pred.start && gold.end === pred.end;
  return gold.start < pred.end && pred.start < gold.end;
}

/**
 * Scores predictions against gold spans, one document at a time. Each gold
 * span can be matched by at most one prediction (one-to-one).
 */
export function scoreSpans(
  docs: readonly { gold: readonly PiiSpan[]; pred: readonly PiiSpan[] }[],
  mode: MatchMode = 'exact',
): Score {
  const raw = Object.fromEntries(PII_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<
    PiiType,
    { tp: number; fp: number; fn: number }
  >;
  for (const { gold, pred } of docs) {
    const used = new Set<number>();
    for (const p of pred) {
      const hit = gold.findIndex((g, i) => !used.has(i) && matches(g, p, mode));
      if (hit >= 0) {
        used.add(hit);
        raw[p.type].tp++;
      } else {
        raw[p.type].fp++;
      }
    }
    gold.forEach((g, i) => {
      if (!used.has(i)) raw[g.type].fn++;
    });
  }
  const byType = Object.fromEntries(
    PII_TYPES.map((t) => [t, finish(raw[t].tp, raw[t].fp, raw[t].fn)]),
  ) as Record<PiiType, Counts>;
  const sum = (k: 'tp' | 'fp' | 'fn') => PII_TYPES.reduce((n, t) => n + raw[t][k], 0);
  return { byType, total: finish(sum('tp'), sum('fp'), sum('fn')) };
}

/** Reads labelled JSONL; throws with the line number when a line is malformed. */
export function loadLabelled(file: string): LabelledText[] {
  const docs: LabelledText[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      const value = JSON.parse(line) as Partial<LabelledText>;
      if (typeof value.text !== 'string' || !Array.isArray(value.spans)) {
        throw new Error(`${where}: expected "text" (string) and "spans" (array)`);
      }
      for (const span of value.spans) {
        if (!isPiiType(span?.type) || !Number.isInteger(span.start) || !Number.isInteger(span.end)) {
          throw new Error(`${where}: invalid span ${JSON.stringify(span)}`);
        }
      }
      docs.push({ id: String(value.id ?? i + 1), text: value.text, spans: value.spans });
    });
  return docs;
}

/**
 * Parses inline markup «TYPE|value» into a text and its gold spans (the format
 * shared/data/make_dev_pii.py converts). Offsets are UTF-16 code units.
 */
export function parseMarkup(marked: string): { text: string; spans: PiiSpan[] } {
  const spans: PiiSpan[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/«([A-Z]+)\|([^»|]+)»/g)) {
    const type = m[1];
    if (!isPiiType(type)) throw new Error(`unknown span type ${type} in: ${marked}`);
    text += marked.slice(last, m.index);
    const value = m[2] ?? '';
    spans.push({ type, start: text.length, end: text.length + value.length });
    text += value;
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  if (text.includes('«') || text.includes('»')) throw new Error(`unparsed marker in: ${marked}`);
  return { text, spans };
}

/** Reads a markup file: one text a line; blank lines and `#` comment lines are skipped. */
export function loadMarkup(file: string, idPrefix = 'm'): LabelledText[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line, i) => ({ id: `${idPrefix}${i + 1}`, ...parseMarkup(line) }));
}

/** Runs the detector over labelled texts and scores it in both modes. */
export function evaluate(docs: readonly LabelledText[]): Record<MatchMode, Score> {
  const pairs = docs.map((d) => ({ gold: d.spans, pred: detectPersonalData(d.text) }));
  return { exact: scoreSpans(pairs, 'exact'), partial: scoreSpans(pairs, 'partial') };
}

export function formatTable(scores: Record<MatchMode, Score>): string {
  const f = (n: number) => n.toFixed(3);
  const header = `${'type'.padEnd(9)} ${'gold'.padStart(5)} ${'pred'.padStart(5)} ${'tp'.padStart(4)}  ${'P'.padStart(5)}  ${'R'.padStart(5)}  ${'F1'.padStart(5)}  | partial ${'P'.padStart(5)}  ${'R'.padStart(5)}  ${'F1'.padStart(5)}`;
  const row = (label: string, e: Counts, p: Counts) =>
    `${label.padEnd(9)} ${String(e.tp + e.fn).padStart(5)} ${String(e.tp + e.fp).padStart(5)} ${String(e.tp).padStart(4)}  ${f(e.precision)}  ${f(e.recall)}  ${f(e.f1)}  |         ${f(p.precision)}  ${f(p.recall)}  ${f(p.f1)}`;
  const lines = [header, '-'.repeat(header.length)];
  for (const t of PII_TYPES) lines.push(row(t, scores.exact.byType[t], scores.partial.byType[t]));
  lines.push('-'.repeat(header.length));
  lines.push(row('TOTAL', scores.exact.total, scores.partial.total));
  return lines.join('\n');
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_DEV_FILE = path.resolve(repoRoot, '../shared/data/dev-pii.jsonl');

/** The labelled sets scored when no --input is given, in this order. */
export function defaultSets(): string[] {
  const listed = (dir: string, exts: readonly string[]) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => exts.some((e) => f.endsWith(e)))
          .sort()
          .map((f) => path.join(dir, f))
      : [];
  return [
    ...(existsSync(DEFAULT_DEV_FILE) ? [DEFAULT_DEV_FILE] : []),
    ...listed(path.resolve(repoRoot, 'tests/unit/privacy/fixtures'), ['.txt']),
    ...listed(path.resolve(repoRoot, 'tests/fixtures/pii'), ['.jsonl', '.txt']),
  ];
}

function main(argv: readonly string[]): void {
  const i = argv.indexOf('--input');
  const files = i >= 0 ? [argv[i + 1]] : defaultSets();
  if (files.some((f) => !f) || files.length === 0) {
    console.error('usage: eval-pii [--input FILE.jsonl | --input FILE.txt]');
    process.exit(2);
  }
  for (const file of files as string[]) {
    const docs = file.endsWith('.jsonl') ? loadLabelled(file) : loadMarkup(file);
    console.log(`${docs.length} texts from ${path.relative(process.cwd(), file) || file}\n`);
    console.log(formatTable(evaluate(docs)));
    console.log('');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
