import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openPglite } from '../../../src/lib/db/pglite.server';
import type { Database } from '../../../src/lib/db/types';
import { driver, freshDatabase, type TestDatabase } from '../../support/db';
import { repoRoot } from '../../support/paths';
import { buildFixture, slug } from '../exports/support';

// `npm run -s export`: the contract that checks outside the repository use. On PGlite the CLI
// opens an embedded database under DATA_DIR (a copy of the migrated template with the demo data);
// on PostgreSQL it gets DATABASE_URL of a fresh database.
const work = mkdtempSync(path.join(tmpdir(), 'dm-export-cli-'));
let env: NodeJS.ProcessEnv;
let db: Database;
let disposable: TestDatabase | undefined;
const versionId = randomUUID();

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
  const fx = await buildFixture(db);
  await db.asOwner(
    (tx) => tx.sql`insert into public.theme_snapshots (id, consultation_id, label, themes, assignments)
      select ${versionId}, ${fx.consultationId}, 'Versie voor de raad',
        (select jsonb_agg(jsonb_build_object('id', t.id, 'label', t.label, 'description_md', t.description_md,
           'reaction_md', t.reaction_md, 'status', t.status, 'position', t.position)) from public.themes t
         where t.consultation_id = ${fx.consultationId} and t.status = 'active'),
        (select jsonb_agg(jsonb_build_object('theme_id', a.theme_id, 'input_item_id', a.input_item_id,
           'is_primary', a.is_primary, 'score', a.score)) from public.theme_assignments a
         where a.consultation_id = ${fx.consultationId})`,
  );
  // The embedded database is one process's: the CLI opens it after this process lets go.
  if (driver === 'pglite') await db.close();
}, 120_000);
afterAll(async () => {
  await disposable?.dispose();
  rmSync(work, { recursive: true, force: true });
});

function exportCli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['src/cli/export.ts', ...args], {
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

const out = (name: string) => path.join(work, name);

describe('npm run -s export', () => {
  test('writes the report of the current state and of a version, and a spreadsheet', {
    timeout: 180_000,
  }, async () => {
    const docx = await exportCli('--consultation', slug, '--format', 'docx', '--out', out('verslag.docx'));
    expect(docx.stderr).not.toMatch(/Error/);
    expect(docx.status, docx.stderr).toBe(0);
    // Warned about the theme without "wat doen we ermee" (it is marked in the report).
    expect(docx.stderr).toMatch(/without "wat doen we ermee".*Familie, buren en mantelzorgers/);
    const files = unzipSync(new Uint8Array(readFileSync(out('verslag.docx'))));
    expect(strFromU8(files['word/document.xml'] as Uint8Array)).toContain('Participatieverslag');
    expect(Object.keys(files).some((p) => p.startsWith('word/media/'))).toBe(true);

    const version = await exportCli(
      '--consultation',
      slug,
      '--format',
      'xlsx',
      '--version',
      versionId.toUpperCase(),
      '--out',
      out('versie.xlsx'),
    );
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toContain(`versie-`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out('versie.xlsx')) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Inbreng')?.rowCount).toBeGreaterThan(10);

    for (const format of ['csv', 'md', 'json']) {
      const run = await exportCli('--consultation', slug, '--format', format, '--out', out(`data.${format}`));
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(out(`data.${format}`)).length).toBeGreaterThan(100);
    }
    expect(JSON.parse(readFileSync(out('data.json'), 'utf8')).items.length).toBeGreaterThan(10);
    // The audit log names the command line as the origin.
    const check = driver === 'pglite' ? await openPglite({ dataDir: path.join(work, 'data', 'pglite') }) : db;
    try {
      const rows = await check.asOwner(
        (tx) => tx.sql<{ actor_role: string; detail: { via: string; format: string } }>`
          select actor_role, detail from public.audit_log where action = 'export.create' order by id`,
      );
      expect(rows.map((r) => [r.actor_role, r.detail.via, r.detail.format])).toEqual([
        ['service_role', 'cli', 'docx'],
        ['service_role', 'cli', 'xlsx'],
        ['service_role', 'cli', 'csv'],
        ['service_role', 'cli', 'md'],
        ['service_role', 'cli', 'json'],
      ]);
    } finally {
      if (check !== db) await check.close();
    }
  });

  test.each([
    [['--consultation', 'bestaat-niet', '--format', 'docx'], /Unknown consultation "bestaat-niet"/],
    [['--consultation', 'Geen Slug!', '--format', 'docx'], /Unknown consultation/],
    [['--consultation', slug, '--format', 'docx', '--version', randomUUID()], /Unknown version/],
    [['--consultation', slug, '--format', 'xlsx', '--version', 'geen-id'], /Unknown version "geen-id"/],
  ])('exits 1 with a clear message: %j', { timeout: 120_000 }, async (args, message) => {
    const target = out(`fout-${randomUUID()}.docx`);
    const run = await exportCli(...args, '--out', target);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(work).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  test.each([
    [['--format', 'docx', '--out', 'x.docx']],
    [['--consultation', slug, '--format', 'pdf', '--out', 'x.pdf']],
  ])('exits 2 on bad usage: %j', async (args) => {
    const run = await exportCli(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Usage: npm run -s export/);
  });
});
