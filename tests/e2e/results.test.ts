import { expect, test } from '@playwright/test';
import { expectAccessible } from './support';

test('the results page shows the published themes with a chart and the same numbers as a table', async ({
  page,
}) => {
  await page.goto('/resultaten/krachtig-oud-worden');
  await expect(page.getByRole('heading', { level: 1, name: 'Wat we hoorden' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Berichten per thema' });
  await expect(table).toBeVisible();
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(1);
  // Every theme in the table has its own section.
  for (const name of await rows.locator('th').allTextContents()) {
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  }
  // The seeded theme that is not published stays off the page.
  await expect(page.getByText('Familie, buren en mantelzorgers')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /Staafdiagram/ }).locator('canvas')).toBeVisible();
  await expectAccessible(page);
});

test('an unknown consultation has no results page', async ({ request }) => {
  expect((await request.get('/resultaten/bestaat-niet')).status()).toBe(404);
});
