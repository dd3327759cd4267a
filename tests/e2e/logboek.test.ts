import { mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expectAccessible, openHydrated, signIn } from './support';

// Issue 18, part 4: after a few actions (moderate, export) the log reads like a register, in
// Dutch with names and Amsterdam times, downloads as CSV, and works at 1280 and 375 pixels.
const screens = process.env.SCREENSHOT_DIR ?? path.resolve(import.meta.dirname, '../../test-results/screens');

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const dutchTime = /^\d{1,2} [a-z]+ \d{4}, \d{2}:\d{2}$/;

/**
 * The register's own words. A download's "filters" echo what someone typed in the filter (the
 * browser tests' fuzzing types dates and ids there), so those rows are left out of the sweep.
 */
async function tableText(page: Page): Promise<string> {
  const rows = await page.locator('.dm-log tr').allTextContents();
  return rows.filter((row) => !row.includes('Logboek gedownload')).join('\n');
}

test('the log reads like a register, filters on Dutch dates and downloads as CSV', async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync(screens, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'beheer@doemee.test');

  // Moderate: approve the first item that can be approved as it is.
  await openHydrated(page, '/staff/moderatie');
  const item = page
    .locator('li[data-item-id]')
    .filter({ has: page.getByRole('button', { name: 'Goedkeuren' }) })
    .first();
  const itemId = await item.getAttribute('data-item-id');
  await item.getByRole('button', { name: 'Goedkeuren' }).click();
  // Approved items leave the "new" list (with or without the page's script).
  await expect(page.locator(`li[data-item-id="${itemId}"]`)).toHaveCount(0);

  // Export: the JSON file of the current state.
  await page.goto('/staff/export');
  await page.getByRole('radio', { name: /JSON/ }).check();
  await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Downloaden' }).click(),
  ]);

  await page.goto('/staff/logboek');
  await expect(page.getByRole('heading', { level: 1, name: 'Logboek' })).toBeVisible();
  const rows = page.locator('tr[data-audit-id]');
  await expect(rows.first()).toContainText('Export gemaakt');
  await expect(rows.first()).toContainText('Beheerder (demo) (beheer@doemee.test)');
  await expect(rows.first()).toContainText('bestandsformaat: JSON');
  await expect(rows.nth(1)).toContainText('Bericht goedgekeurd');
  await expect(rows.nth(1)).toContainText('status: nieuw → goedgekeurd');
  await expect(rows.nth(1)).toContainText(/bericht [0-9a-f]{8} \(/);
  for (const when of await page.locator('tr[data-audit-id] time').allTextContents())
    expect(when).toMatch(dutchTime);
  const text = await tableText(page);
  expect(text).not.toMatch(uuid);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  expect(text).not.toMatch(/\b(export create|toegevoegd_|[a-z]+_[a-z]+ (gewijzigd|toegevoegd))\b/);
  await expectAccessible(page);
  await page.screenshot({ path: path.join(screens, 'logboek-1280-full.png'), fullPage: true });
  await rows.first().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -120));
  await page.screenshot({ path: path.join(screens, 'logboek-1280.png') });
  // As the full-width staff layout will show it: the reading column's width limit taken away.
  await page.evaluate(() => {
    for (let el = document.querySelector('.dm-log')?.parentElement; el; el = el.parentElement)
      el.style.maxInlineSize = 'none';
  });
  await rows.first().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -120));
  await page.screenshot({ path: path.join(screens, 'logboek-1280-wide.png') });
  await page.reload();

  // The demo data's published version, in words (filtered: earlier tests fill the first page).
  await page.goto('/staff/logboek?soort=results_publications');
  await expect(page.locator('.dm-log')).toContainText('Versie gepubliceerd op de website');
  await page.goto('/staff/logboek');

  // The item's name leads to everything that happened to it.
  await rows.nth(1).getByRole('link').click();
  await expect(page).toHaveURL(/[?&]id=/);
  await expect(rows.first()).toContainText('Bericht goedgekeurd');
  await expect(page.getByLabel('Nummer van het onderdeel')).not.toHaveValue('');
  await page.getByRole('link', { name: 'Filters wissen' }).click();

  // Filter on today, typed the Dutch way; the field shows it the same way afterwards.
  const now = new Date();
  const parts = new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const today = `${part('day')}-${part('month')}-${part('year')}`;
  await page.getByLabel('Vanaf datum').fill(today);
  await page.getByLabel('Tot en met datum').fill(today);
  await page.getByLabel('Soort').selectOption({ label: 'Exports en downloads' });
  await page.getByRole('button', { name: 'Filteren' }).click();
  await expect(page).toHaveURL(/soort=export/);
  await expect(page.getByLabel('Vanaf datum')).toHaveValue(today);
  await expect(rows.first()).toContainText('Export gemaakt');

  // A day that does not exist: a Dutch message, not an error page.
  await page.getByLabel('Vanaf datum').fill('30-2-2026');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await expect(page.getByRole('alert')).toContainText('Schrijf een datum als 6-12-2026');
  await page.getByLabel('Vanaf datum').fill(today);
  await page.getByRole('button', { name: 'Filteren' }).click();

  // The CSV with the same filters: Dutch headers, the page's words, and the download is logged.
  const link = page.getByRole('link', { name: /Download dit logboek als CSV/ });
  expect(await link.getAttribute('href')).toContain('soort=export');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^logboek-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const records: string[][] = parse(bytes, { bom: true, delimiter: ';', record_delimiter: ['\r\n', '\n'] });
  expect(records[0]).toEqual(['Volgnummer', 'Wanneer', 'Wie', 'Wat', 'Onderdeel', 'Wijzigingen']);
  expect(records[1]?.[3]).toBe('Export gemaakt');
  expect(records[1]?.[1]).toMatch(dutchTime);
  expect(records.flat().join(' ')).not.toMatch(uuid);
  await page.reload();
  await expect(rows.first()).toContainText('Logboek gedownload');
  // The whole log, kept next to the screenshots for a human to read through.
  const whole = await page.request.get('/staff/logboek.csv');
  expect(whole.status()).toBe(200);
  await writeFile(path.join(screens, 'logboek.csv'), await whole.body());

  // A phone: stacked rows, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/staff/logboek');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(rows.first().locator('td').first()).toBeVisible();
  await expectAccessible(page);
  await rows.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screens, 'logboek-375.png') });
  await rows.nth(3).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screens, 'logboek-375-more.png') });
});

test('only admins can download the log', async ({ page }) => {
  await signIn(page, 'analist@doemee.test');
  const response = await page.request.get('/staff/logboek.csv', { maxRedirects: 0 });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain('Alleen beheerders mogen het logboek lezen.');
});
