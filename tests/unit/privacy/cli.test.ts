import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'pii-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the CLI. The main test goes through `npx tsx` exactly as documented; the
 * others call the local tsx binary, which skips npx's start-up time.
 */
function run(args: string[], input?: string, viaNpx = false) {
  const [command, prefix] = viaNpx ? ['npx', ['tsx']] : [path.join(root, 'node_modules/.bin/tsx'), []];
  const result = spawnSync(command, [...prefix, 'src/cli/pii.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = [
  { id: 'a1', text: 'Bel mij op 06-12345678 of mail ans@example.nl.' },
  { id: 2, text: 'Geen persoonsgegevens in deze tekst.' },
  { id: 'a3', text: 'Mijn buurvrouw Ans woont op Dorpsstraat 12, 2711 AB.' },
];
const jsonl = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`;

describe('pii CLI', { timeout: 60_000 }, () => {
  it('prints one JSON line per input line with spans, nothing else', () => {
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, jsonl);
    const { status, stdout } = run(['--input', file], undefined, true);
    expect(status).toBe(0);
    const out = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toEqual([
      {
        id: 'a1',
        spans: [
          { type: 'PHONE', start: 11, end: 22 },
          { type: 'EMAIL', start: 31, end: 45 },
        ],
      },
      { id: 2, spans: [] },
      {
        id: 'a3',
        spans: [
          { type: 'PERSON', start: 15, end: 18 },
          { type: 'ADDRESS', start: 28, end: 42 },
          { type: 'POSTCODE', start: 44, end: 51 },
        ],
      },
    ]);
  });

  it('reads stdin with "--input -" and without --input', () => {
    for (const args of [['--input', '-'], []]) {
      const { status, stdout } = run(args, jsonl);
      expect(status).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(3);
    }
  });

  it('rejects bad lines with their line numbers on stderr and exit code 1', () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"ok","text":"Ans"}\nnot json\n{"id":"x"}\n{"text":"geen id"}\n');
    const { status, stdout, stderr } = run(['--input', file]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('line 2: invalid JSON');
    expect(stderr).toContain('line 3: missing "text"');
    expect(stderr).toContain('line 4: missing "id"');
  });

  it('reports a missing file', () => {
    const { status, stdout, stderr } = run(['--input', path.join(dir, 'nope.jsonl')]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/cannot read .*nope\.jsonl/);
  });
});
