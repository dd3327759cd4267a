import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { expectAccessible, signIn } from './support';

/** Chooses a format on /staff/export, downloads it and returns the file's name and bytes. */
async function download(page: Page, format: RegExp): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('radio', { name: format }).check();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Downloaden' }).click(),
  ]);
  const bytes = await readFile(await file.path());
  expect(bytes.length).toBeGreaterThan(0);
  return { name: file.suggestedFilename(), bytes };
}

const date = /\d{4}-\d{2}-\d{2}/.source;

test('an analyst downloads every export from the staff area', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'analist@doemee.test');
  await page.getByRole('link', { name: 'Gegevens downloaden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gegevens downloaden' })).toBeVisible();
  await expectAccessible(page);

  // Warned before the report goes out: one accepted theme has no "wat doen we ermee" yet.
  await expect(page.getByRole('status').filter({ hasText: 'Familie, buren en mantelzorgers' })).toBeVisible();
  const base = '/staff/export/bestand?consultation=krachtig-oud-worden&format=docx';
  const unwarned = await page.request.get(`${base}&source=current`, { maxRedirects: 0 });
  expect(unwarned.status()).toBe(303);
  expect(unwarned.headers().location).toContain('fout=export.reactionMissing');
  // A version that never existed, or is not an id at all: 404.
  for (const source of ['99999999-0000-4000-8000-000000000009', 'geen-versie'])
    expect((await page.request.get(`${base}&source=${source}`, { maxRedirects: 0 })).status()).toBe(404);

  const docx = await download(page, /Participatieverslag \(Word/);
  expect(docx.name).toMatch(new RegExp(`^participatieverslag-krachtig-oud-worden-huidig-${date}\\.docx$`));
  const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml'] as Uint8Array);
  expect(xml).toContain('Wat doen we ermee');
  expect(xml).toContain('Beweegochtend in Meerzicht');

  const xlsx = await download(page, /Spreadsheet/);
  expect(xlsx.name).toMatch(new RegExp(`^inbreng-en-themas-krachtig-oud-worden-huidig-${date}\\.xlsx$`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual([
    "Thema's",
    'Inbreng',
    'Per doelgroep',
    'Bijeenkomsten',
  ]);
  const itemRows = (workbook.getWorksheet('Inbreng')?.rowCount ?? 0) - 1;
  expect(itemRows).toBeGreaterThan(10);

  const csvNl = await download(page, /Nederlandse Excel/);
  const nl = parse(csvNl.bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
  expect(nl.length).toBe(itemRows);

  const csv = await download(page, /RFC 4180/);
  expect(csv.name).toMatch(/-rfc4180-.*\.csv$/);
  expect((parse(csv.bytes, { columns: true }) as unknown[]).length).toBe(itemRows);

  const md = await download(page, /Markdown/);
  expect(md.bytes.toString('utf8')).toMatch(/^# Participatieverslag: /);

  const json = await download(page, /JSON/);
  expect((JSON.parse(json.bytes.toString('utf8')) as { items: unknown[] }).items.length).toBe(itemRows);

  // Filters apply: only online input from mantelzorgers.
  await page.getByLabel('Doelgroep').selectOption('mantelzorger');
  await page.getByLabel('Kanaal').selectOption('online');
  const filtered = await download(page, /RFC 4180/);
  const rows = parse(filtered.bytes, { columns: true }) as Record<string, string>[];
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThan(itemRows);
  expect(new Set(rows.map((r) => `${r.Doelgroep}/${r.Kanaal}`))).toEqual(new Set(['Mantelzorger/Online']));
});

test('the dashboard draws every chart with the seeded data, with tables and PNG download', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, 'analist@doemee.test');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const titles = [
    'Inbreng per dag',
    'Inbreng per doelgroep',
    'Roadtour per bijeenkomst',
    "Thema's per doelgroep",
    'Voortgang moderatie',
  ];
  for (const title of titles) {
    const section = page.getByRole('region', { name: title, exact: true });
    await section.scrollIntoViewIfNeeded();
    await expect(section.locator('canvas')).toHaveCount(1);
    // Drawn: the PNG button is enabled once chart.js has rendered the canvas (until then the
    // canvas has the browser's default 150 px).
    await expect(section.getByRole('button', { name: /Download als PNG/ })).toBeEnabled();
    // A real height (the CSP once blocked the inline style that set it, leaving a flat strip).
    expect((await section.locator('canvas').boundingBox())?.height ?? 0).toBeGreaterThan(150);
    await expect(section.getByRole('table')).toBeVisible();
    expect(await section.getByRole('table').locator('tbody tr').count()).toBeGreaterThan(0);
  }
  // The moderation table shows items waiting, which analysts cannot read but may count.
  const moderation = page.getByRole('region', { name: 'Voortgang moderatie', exact: true });
  const waiting = moderation.getByRole('row', { name: /Wacht op moderatie/ });
  await expect(waiting).toBeVisible();
  const cells = await waiting.getByRole('cell').allTextContents();
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('region', { name: 'Inbreng per doelgroep', exact: true })
      .getByRole('button', { name: /Download als PNG/ })
      .click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/^doelgroep-krachtig-oud-worden-.*\.png$/);
  const bytes = await readFile(await png.path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await expectAccessible(page);

  // Filtering by audience narrows the figures.
  await page.getByLabel('Doelgroep', { exact: true }).selectOption('mantelzorger');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await expect(page).toHaveURL(/audience=mantelzorger/);
  const audienceTable = page
    .getByRole('region', { name: 'Inbreng per doelgroep', exact: true })
    .getByRole('table');
  await expect(audienceTable.locator('tbody tr')).toHaveCount(1);
});

test('a moderator cannot download exports', async ({ page }) => {
  await signIn(page, 'moderator@doemee.test');
  await expect(page.getByRole('link', { name: 'Gegevens downloaden' })).toHaveCount(0);
  const response = await page.goto('/staff/export');
  expect(response?.status()).toBe(403);
  await page.goto('/staff/export/bestand?consultation=krachtig-oud-worden&format=csv');
  await expect(page).toHaveURL(/fout=export\.forbidden/);
  expect((await page.goto('/staff/dashboard'))?.status()).toBe(403);
});
