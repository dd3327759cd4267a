/**
 * Theme clustering from the command line.
 *
 *   npm run -s cluster -- --input FILE.jsonl [--themes THEMES.json] [--manual MANUAL.jsonl]
 *                         [--k N] [--seed N] [--background DIR]
 *
 * Reads JSONL lines with at least "id" and "text". Prints one JSONL line per
 * input item on stdout and nothing else:
 *   {"id": …, "theme": "<theme id>", "label": "<theme label>", "secondary": ["<theme id>", …], "score": 0.42}
 * "score" is the engine's confidence in the primary theme, 0–1: lower means
 * more doubt (the order of the board's review queue); 1 for placed items.
 * With --manual, each line {"id": …, "theme": "<theme id>"} is an item the
 * analyst placed: it keeps that theme, and the engine learns from it, exactly
 * as on the board. A theme id that is not in --themes is a theme the analyst
 * made (its id is its label). Lines with bad JSON, a missing field or an
 * unknown item id are all reported on stderr with their line numbers, and the
 * command exits 1 without output.
 * With --themes (shape {"themes": [{"id","label","description"}]}) it runs
 * guided; items that fit none of the themes get a candidate theme ("nieuw-1").
 * With --background DIR, the *.txt and *.md files in DIR (a consultation's own
 * documents, e.g. content/background/krachtig-oud-worden) widen the corpus of
 * the co-occurrence model; they are not clustered. Default: no background, so
 * the output depends on the input file (and themes) alone.
 * Errors go to stderr with exit code 1.
 */
import { readFileSync } from 'node:fs';
import { readBackgroundDir } from '../lib/themes/background.server';
import { clusterThemes } from '../lib/themes/index';
import type { GivenTheme, ManualAssignment, ThemeItem } from '../lib/themes/types';

class UsageError extends Error {}

const USAGE =
  'usage: npm run -s cluster -- --input FILE.jsonl [--themes THEMES.json] [--manual MANUAL.jsonl] [--k N] [--seed N] [--background DIR]';

interface Args {
  input: string;
  themes?: string;
  manual?: string;
  k?: number;
  seed?: number;
  background?: string;
}

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const int = (name: string, v: string, min: number): number => {
      if (!/^\d+$/.test(v) || Number(v) < min)
        throw new UsageError(`${name} must be an integer >= ${min}, got "${v}"`);
      return Number(v);
    };
    switch (flag) {
      case '--input':
        out.input = value();
        break;
      case '--themes':
        out.themes = value();
        break;
      case '--manual':
        out.manual = value();
        break;
      case '--k':
        out.k = int('--k', value(), 1);
        break;
      case '--background':
        out.background = value();
        break;
      case '--seed':
        out.seed = int('--seed', value(), 0);
        break;
      case '--help':
      case '-h':
        throw new UsageError(USAGE);
      default:
        throw new UsageError(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (!out.input) throw new UsageError(`--input is required\n${USAGE}`);
  return out as Args;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} file ${file}: ${(e as Error).message}`);
  }
}

function readItems(file: string): ThemeItem[] {
  const items: ThemeItem[] = [];
  const seen = new Set<string>();
  readText(file, 'input')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new UsageError(`${file}:${i + 1}: not valid JSON`);
      }
      const r = row as { id?: unknown; text?: unknown };
      if (typeof row !== 'object' || row === null || (typeof r.id !== 'string' && typeof r.id !== 'number'))
        throw new UsageError(`${file}:${i + 1}: needs an "id" (string or number)`);
      if (typeof r.text !== 'string') throw new UsageError(`${file}:${i + 1}: needs a "text" string`);
      const id = String(r.id);
      if (seen.has(id)) throw new UsageError(`${file}:${i + 1}: duplicate id "${id}"`);
      seen.add(id);
      items.push({ id, text: r.text });
    });
  if (items.length === 0) throw new UsageError(`${file}: no items`);
  return items;
}

function readThemes(file: string): GivenTheme[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(file, 'themes'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: not valid JSON`);
  }
  const list = (parsed as { themes?: unknown })?.themes;
  if (!Array.isArray(list) || list.length === 0)
    throw new UsageError(`${file}: expected {"themes": [{"id", "label", "description"}, …]}`);
  return list.map((t, i) => {
    const th = t as { id?: unknown; label?: unknown; description?: unknown };
    if (typeof th?.id !== 'string' || th.id === '' || typeof th.label !== 'string')
      throw new UsageError(`${file}: theme ${i + 1} needs a string "id" and "label"`);
    if (th.description !== undefined && typeof th.description !== 'string')
      throw new UsageError(`${file}: theme ${i + 1}: "description" must be a string`);
    return { id: th.id, label: th.label, description: th.description, source: 'expected' as const };
  });
}

/**
 * Manual placements, one {"id", "theme"} per line. Every problem is collected
 * (file:line: what) and reported together, so a caller fixes the file in one go.
 */
function readManual(file: string, text: string, itemIds: ReadonlySet<string>): ManualAssignment[] {
  const out: ManualAssignment[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${file}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      problems.push(`${at}: not valid JSON`);
      return;
    }
    const r = row as { id?: unknown; theme?: unknown };
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.push(`${at}: expected {"id": …, "theme": "<theme id>"}`);
      return;
    }
    if (typeof r.id !== 'string' && typeof r.id !== 'number') {
      problems.push(`${at}: needs an "id" (string or number)`);
      return;
    }
    if (typeof r.theme !== 'string' || r.theme.trim() === '') {
      problems.push(`${at}: needs a "theme" (a non-empty theme id)`);
      return;
    }
    const id = String(r.id);
    if (!itemIds.has(id)) {
      problems.push(`${at}: unknown item id "${id}" (not in the input)`);
      return;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined && earlier !== r.theme) {
      problems.push(`${at}: item "${id}" was already placed in "${earlier}"`);
      return;
    }
    if (earlier === undefined) out.push({ itemId: id, themeId: r.theme });
    seen.set(id, r.theme);
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return out;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const items = readItems(args.input);
  const themes = args.themes ? readThemes(args.themes) : undefined;
  if (themes && args.k !== undefined)
    throw new UsageError('--k applies to unsupervised mode only; drop it or --themes');
  let background: string[] | undefined;
  if (args.background !== undefined) {
    try {
      background = readBackgroundDir(args.background);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const manual =
    args.manual === undefined
      ? undefined
      : readManual(args.manual, readText(args.manual, 'manual'), new Set(items.map((it) => it.id)));
  if (manual && manual.length > 0 && args.k !== undefined)
    throw new UsageError(
      '--k applies to unsupervised mode only; --manual makes the run guided by its themes',
    );
  const result = clusterThemes({ items, themes, manual, k: args.k, seed: args.seed, background });
  const labels = new Map(result.themes.map((t) => [t.id, t.label]));
  const out = result.assignments.map((a) =>
    JSON.stringify({
      id: a.itemId,
      theme: a.themeId,
      label: labels.get(a.themeId),
      secondary: a.secondary.map((s) => s.themeId),
      score: a.score,
    }),
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`cluster: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
