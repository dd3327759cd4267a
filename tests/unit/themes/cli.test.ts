import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpus, GUIDED_THEMES } from './fixtures';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const cli = path.join(repoRoot, 'src/cli/cluster.ts');
const run = (args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8', cwd: repoRoot });

describe('cluster CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'themes-cli-'));
  const input = path.join(dir, 'in.jsonl');
  const items = corpus(8);
  writeFileSync(
    input,
    `${items.map((i) => JSON.stringify({ id: i.id, text: i.text, extra: 1 })).join('\n')}\n`,
  );

  it('prints one JSON line per item in guided mode', () => {
    const themes = path.join(dir, 'themes.json');
    writeFileSync(themes, JSON.stringify({ themes: GUIDED_THEMES }));
    const res = run(['--input', input, '--themes', themes]);
    expect(res.status).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(items.map((i) => i.id));
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['id', 'label', 'secondary', 'theme']);
      expect(typeof l.label).toBe('string');
      expect(Array.isArray(l.secondary)).toBe(true);
    }
    expect(lines.filter((l) => GUIDED_THEMES.some((t) => t.id === l.theme)).length).toBeGreaterThan(
      items.length / 2,
    );
  }, 30_000);

  it('reads background documents from a folder with --background', () => {
    const bg = path.join(dir, 'background');
    mkdirSync(bg);
    writeFileSync(
      path.join(bg, 'plan.txt'),
      'De eigen bijdrage hangt af van het inkomen. Ouderen met aow betalen minder.',
    );
    const res = run(['--input', input, '--background', bg]);
    expect(res.status).toBe(0);
    expect(res.stdout.trim().split('\n')).toHaveLength(items.length);
    const missing = run(['--input', input, '--background', path.join(dir, 'nope')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/background folder not found/);
  }, 30_000);

  it('fails with a message and exit code 1 on bad input', () => {
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id": "a"}\n');
    const res = run(['--input', bad]);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/needs a "text"/);
    expect(run(['--input', input, '--k', 'x']).status).toBe(1);
    expect(run([]).stderr).toMatch(/--input is required/);
  }, 30_000);
});
