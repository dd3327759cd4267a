/**
 * Detects personal data in JSONL texts.
 *
 *   npm run -s pii -- --input FILE.jsonl     # or --input - / no --input: read stdin
 *
 * Each input line is a JSON object with `id` (string or number) and `text`
 * (string); blank lines are ignored. Output: one JSON line per input line,
 * {"id": …, "spans": [{"type", "start", "end"}, …]}, offsets in UTF-16 code units.
 *
 * Bad input is all-or-nothing: the whole input is checked first, and if the
 * file is missing or any line is not valid JSON or lacks id/text, every problem
 * is reported on stderr with its line number, nothing is printed on stdout and
 * the exit code is 1. A usage error exits with 2.
 */
import { readFileSync } from 'node:fs';
import { detectPersonalData } from '../lib/privacy/index';

interface InputRecord {
  id: string | number;
  text: string;
}

function usage(message: string): never {
  process.stderr.write(`pii: ${message}\nusage: pii [--input FILE.jsonl | --input -]\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): string {
  let input = '-';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--input') {
      const value = argv[i + 1];
      if (value === undefined) usage('--input needs a file name or -');
      input = value;
      i++;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: pii [--input FILE.jsonl | --input -]\n');
      process.exit(0);
    } else {
      usage(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return input;
}

function readInput(input: string): string {
  try {
    // File descriptor 0 reads all of stdin synchronously, piped or redirected.
    return readFileSync(input === '-' ? 0 : input, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pii: cannot read ${input === '-' ? 'stdin' : input}: ${reason}\n`);
    process.exit(1);
  }
}

function parseLine(line: string, lineNo: number): InputRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `line ${lineNo}: invalid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `line ${lineNo}: expected a JSON object`;
  }
  const { id, text } = value as { id?: unknown; text?: unknown };
  if (typeof id !== 'string' && typeof id !== 'number')
    return `line ${lineNo}: missing "id" (string or number)`;
  if (typeof text !== 'string') return `line ${lineNo}: missing "text" (string)`;
  return { id, text };
}

function main(): void {
  const input = parseArgs(process.argv.slice(2));
  const lines = readInput(input).split(/\r?\n/);
  const records: InputRecord[] = [];
  const errors: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line, i + 1);
    if (typeof parsed === 'string') errors.push(parsed);
    else records.push(parsed);
  });
  if (errors.length > 0) {
    const name = input === '-' ? 'stdin' : input;
    for (const e of errors) process.stderr.write(`pii: ${name}: ${e}\n`);
    process.exit(1);
  }
  const out = records.map((r) => {
    const spans = detectPersonalData(r.text).map(({ type, start, end }) => ({ type, start, end }));
    return JSON.stringify({ id: r.id, spans });
  });
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
}

main();
