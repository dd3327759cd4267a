/**
 * `npm run -s import` (issue 19, part 4): the contract checks outside the repository use. One JSON
 * line per created input item, exit 1 with a clear message for a file it cannot read.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openPglite } from '../../../src/lib/db/pglite.server';
import type { Database } from '../../../src/lib/db/types';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import { repoRoot } from '../../support/paths';
import { buildPdf } from '../../support/pdf';
import { buildWorld } from '../../support/world';

const work = mkdtempSync(path.join(tmpdir(), 'dm-import-cli-'));
let env: NodeJS.ProcessEnv;
let db: Database;
let disposable: TestDatabase | undefined;
const seed000 = readFileSync(
  new URL('../../../../shared/seeds/000_7b8cba60bcc3d8d6.txt', import.meta.url),
  'utf8',
);

beforeAll(async () => {
  if (driver === 'pglite') {
    db = await openPglite({
      dataDir: path.join(work, 'data', 'pglite'),
      loadDataDir: new Blob([await readFile(inject('migratedTemplate'))]),
    });
    env = { DATA_DIR: path.join(work, 'data'), DATABASE_URL: '' };
  } else {
    disposable = await freshDatabase();
    db = disposable;
    env = { DATABASE_URL: disposable.url };
  }
  await buildWorld(db);
  if (driver === 'pglite') await db.close();
}, 120_000);
afterAll(async () => {
  await disposable?.dispose();
  rmSync(work, { recursive: true, force: true });
});

function importCli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['src/cli/import.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, SUPABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const file = (name: string, content: string | Uint8Array) => {
  const target = path.join(work, name);
  writeFileSync(target, content);
  return target;
};

describe('npm run -s import', () => {
  test('an advice: one JSON line per point, in order', async () => {
    const result = await importCli(
      '--consultation',
      'open',
      '--file',
      file('advies.txt', seed000),
      '--kind',
      'advies',
      '--from',
      'Adviesraad Sociaal Domein',
      '--audience',
      'adviesraad',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; point: number; text: string });
    expect(lines.map((l) => l.point)).toEqual([1, 2, 3, 4, 5]);
    expect(Object.keys(lines[0] ?? {})).toEqual(['id', 'point', 'text']);
    expect(lines[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[0]?.text).toMatch(/^Goed om nu maatregelen te nemen/);
  }, 60_000);

  test('a letter as PDF, with the default kind and audience', async () => {
    const pdf = buildPdf([
      [
        { text: 'Geachte college,', x: 50, y: 800 },
        { text: 'Wij missen de bus naar de markt.', x: 50, y: 770 },
        { text: 'Met vriendelijke groet,', x: 50, y: 740 },
      ],
    ]);
    const result = await importCli(
      '--consultation',
      'open',
      '--file',
      file('brief.pdf', pdf),
      '--from',
      'Ouderenbond',
    );
    expect(result.status).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).text),
    ).toEqual(['Wij missen de bus naar de markt.']);
  }, 60_000);

  test.each([
    [
      'a file that is not there',
      () => path.join(work, 'weg.docx'),
      /Cannot read ".*weg\.docx": no such file/,
    ],
    [
      'an image',
      () => file('foto.txt', new Uint8Array([0xff, 0xd8, 0, 0])),
      /Cannot read ".*foto\.txt": not a \.docx, \.pdf or \.txt file/,
    ],
    [
      'a PDF with a password',
      () => file('geheim.pdf', buildPdf([[{ text: 'x', x: 1, y: 1 }]], { encrypted: true })),
      /protected with a password/,
    ],
    ['a scanned PDF', () => file('scan.pdf', buildPdf([[]])), /holds no text/],
  ])(
    'exits 1 with a clear message for %s',
    async (_, make, message) => {
      const result = await importCli('--consultation', 'open', '--file', make());
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    },
    60_000,
  );

  test('exits 1 for an unknown consultation, 2 on bad usage', async () => {
    const unknown = await importCli(
      '--consultation',
      'nergens',
      '--file',
      file('b.txt', '1. Een.\n2. Twee.'),
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown consultation "nergens"/);
    expect((await importCli('--file', file('c.txt', 'x'))).status).toBe(2);
    expect(
      (await importCli('--consultation', 'open', '--file', file('d.txt', 'x'), '--kind', 'memo')).status,
    ).toBe(2);
  }, 60_000);
});
