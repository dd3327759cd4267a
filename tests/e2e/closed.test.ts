import { expect, test } from '@playwright/test';
import { closedBaseURL } from '../playwright.config';
import { expectAccessible } from './support';

// The second test server: the same consultation, closed since yesterday.
test.use({ baseURL: closedBaseURL });

test('a closed consultation says so and links to the results instead of the form', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('status')).toContainText('Meedoen kon tot');
  await expect(page.getByRole('link', { name: 'Doe mee', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Lees wat we hoorden.' }).click();
  await expect(page).toHaveURL(/\/resultaten\/krachtig-oud-worden$/);

  await page.goto('/meedoen/inwoner');
  await expect(page.getByRole('status')).toContainText('Meedoen kon tot');
  await expect(page.getByRole('link', { name: 'Bekijk wat we hoorden' })).toBeVisible();
  await expect(page.locator('textarea')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Versturen/ })).toHaveCount(0);
  await expectAccessible(page);
});

test('a closed consultation refuses answers posted anyway, with a Dutch message', async ({ page }) => {
  // A form kept open in a tab since before the closing date, or a script: the server decides.
  await page.goto('/meedoen/inwoner');
  const csrf = (await page.context().cookies()).find((c) => c.name === 'dm_csrf')?.value ?? '';
  expect(csrf).not.toBe('');
  const response = await page.request.post('/meedoen/inwoner', {
    form: {
      csrf,
      inzending: crypto.randomUUID(),
      'antwoord-krachtig-oud-worden': 'Te laat, maar toch.',
      toestemming: 'ja',
    },
    headers: { origin: closedBaseURL },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(409);
  // The page answers with the notice that the consultation has closed, not with the form.
  const page409 = await response.text();
  expect(page409).toContain('Meedoen kon tot');
  expect(page409).not.toContain('<textarea');

  // The enhanced form asks for JSON: the same refusal, as JSON.
  const json = await page.request.post('/meedoen/inwoner', {
    form: {
      csrf,
      inzending: crypto.randomUUID(),
      'antwoord-krachtig-oud-worden': 'Te laat, maar toch.',
      toestemming: 'ja',
    },
    headers: { origin: closedBaseURL, accept: 'application/json' },
  });
  expect(json.status()).toBe(409);
  expect(await json.json()).toMatchObject({
    error: { message: 'Meedoen kan niet meer. De termijn is voorbij.' },
  });
});
