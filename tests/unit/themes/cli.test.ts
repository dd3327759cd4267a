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
      expect(Object.keys(l).sort()).toEqual(['id', 'label', 'score', 'secondary', 'theme']);
      expect(typeof l.label).toBe('string');
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(l.score).toBeLessThanOrEqual(1);
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

  it('keeps --manual placements (score 1) and learns from them, also for a theme the analyst made', () => {
    const themes = path.join(dir, 'themes-manual.json');
    writeFileSync(themes, JSON.stringify({ themes: GUIDED_THEMES.slice(0, 3) }));
    const manual = path.join(dir, 'manual.jsonl');
    const placed = ['bewegen-00', 'bewegen-01', 'bewegen-02', 'kosten-03'];
    writeFileSync(
      manual,
      [
        ...placed.slice(0, 3).map((id) => JSON.stringify({ id, theme: 'Sport en bewegen' })),
        JSON.stringify({ id: 'kosten-03', theme: 'wonen' }),
        '',
      ].join('\n'),
    );
    const res = run(['--input', input, '--themes', themes, '--manual', manual]);
    expect(res.status).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; theme: string; label: string; score: number });
    const byId = new Map(lines.map((l) => [l.id, l]));
    expect(byId.get('kosten-03')).toMatchObject({ theme: 'wonen', score: 1 });
    expect(byId.get('bewegen-00')).toMatchObject({
      theme: 'Sport en bewegen',
      label: 'Sport en bewegen',
      score: 1,
    });
    const rest = lines.filter((l) => l.id.startsWith('bewegen-') && !placed.includes(l.id));
    expect(rest.filter((l) => l.theme === 'Sport en bewegen').length).toBeGreaterThan(rest.length / 2);
  }, 30_000);

  it('reports every bad --manual line with its line number and exits 1', () => {
    const manual = path.join(dir, 'manual-bad.jsonl');
    writeFileSync(
      manual,
      [
        JSON.stringify({ id: 'kosten-00', theme: 'kosten' }),
        '{"id": "kosten-01", "theme": ',
        JSON.stringify({ id: 'bestaat-niet', theme: 'kosten' }),
        JSON.stringify({ id: 'kosten-02' }),
        JSON.stringify({ theme: 'kosten' }),
        JSON.stringify({ id: 'kosten-00', theme: 'wonen' }),
      ].join('\n'),
    );
    const res = run(['--input', input, '--manual', manual]);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/manual-bad\.jsonl:2: not valid JSON/);
    expect(res.stderr).toMatch(/manual-bad\.jsonl:3: unknown item id "bestaat-niet"/);
    expect(res.stderr).toMatch(/manual-bad\.jsonl:4: needs a "theme"/);
    expect(res.stderr).toMatch(/manual-bad\.jsonl:5: needs an "id"/);
    expect(res.stderr).toMatch(/manual-bad\.jsonl:6: item "kosten-00" was already placed/);
    expect(res.stderr).not.toMatch(/manual-bad\.jsonl:1:/);
    expect(run(['--input', input, '--manual', path.join(dir, 'nope.jsonl')]).status).toBe(1);
  }, 30_000);
});
