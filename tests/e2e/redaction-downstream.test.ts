import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { postAnswer, signIn } from './support';

// What a moderator takes out never leaves the system: not in exports, not on the public page.
test('a redacted phone number and a name the detector missed appear nowhere downstream', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const phone = '06-12345678';
  const name = 'Zilverschoon';
  await postAnswer(
    page.request,
    baseURL ?? '',
    `Proef doorgifte: ${name} zegt bel ${phone} als het niet gaat.`,
  );

  await signIn(page, 'moderator@doemee.test');
  await page.goto('/staff/moderatie?status=new&zoek=doorgifte');
  const item = page.locator('li[data-item-id]', { hasText: 'Proef doorgifte' });
  await expect(item.locator('mark', { hasText: phone })).toBeVisible();
  await item.getByRole('button', { name: 'Voorstellen toepassen' }).click();
  await expect(item.locator('[data-item-text]')).toContainText('bel [telefoonnummer] als');

  // The name was not proposed (or was: then it is already gone); select it and take it out.
  if ((await item.locator('[data-item-text]').textContent())?.includes(name)) {
    await item.locator('[data-item-text]').evaluate((p, word) => {
      for (const span of p.querySelectorAll('[data-offset]')) {
        const node = span.firstChild;
        const at = node?.textContent?.indexOf(word) ?? -1;
        if (!node || at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
        return;
      }
    }, name);
    await expect(page.getByText(`Gekozen: “${name}”`)).toBeVisible();
    await page.getByRole('button', { name: 'Selectie weglakken' }).click();
    await expect(page.locator('.dm-live')).toHaveText('De gekozen tekst is weggehaald.');
  }
  await expect(item.locator('[data-item-text]')).not.toContainText(name);
  await item.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(page.locator('li[data-item-id]', { hasText: 'Proef doorgifte' })).toHaveCount(0);

  // The analyst (a fresh session) exports: the redacted text, and neither the number nor the name.
  await page.context().clearCookies();
  await signIn(page, 'analist@doemee.test');
  await page.goto('/staff/export');
  await page.getByRole('radio', { name: /RFC 4180/ }).check();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Downloaden' }).click(),
  ]);
  const csv = await readFile(await file.path(), 'utf8');
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  const row = rows.find((r) => Object.values(r).some((v) => v.includes('Proef doorgifte')));
  expect(row, 'the approved answer is exported').toBeDefined();
  expect(JSON.stringify(row)).toContain('[telefoonnummer]');
  expect(csv).not.toContain(phone);
  expect(csv).not.toContain(name);

  // And the public page never shows them.
  const results = await (await page.request.get('/resultaten/krachtig-oud-worden')).text();
  expect(results).not.toContain(phone);
  expect(results).not.toContain(name);
});
