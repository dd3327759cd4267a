import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, postAnswer, signIn } from './support';

/** A resident answers with a plain form post; returns the reference code from the thank-you page. */
async function answer(page: Page, baseURL: string, text: string): Promise<string> {
  await postAnswer(page.request, baseURL, text);
  await page.goto('/bedankt');
  return ((await page.locator('.dm-code').textContent()) ?? '').trim();
}

test('an admin removes a person’s input by reference code, and the log shows it without the text', async ({
  page,
  baseURL,
}) => {
  const secret = 'Mijn buurman Zilverschoon helpt met de vuilnisbak';
  const code = await answer(page, baseURL ?? '', secret);
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

  await signIn(page, 'beheer@doemee.test');
  await page.getByRole('link', { name: 'Verzoek om verwijderen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verzoek om verwijderen' })).toBeVisible();
  await expectAccessible(page);

  // A wrong code: a clear message.
  await page.getByLabel('Code van de inzending').fill('nope');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze code klopt niet');

  // The right code, typed loosely: the admin sees what will be removed, then confirms.
  await page.getByLabel('Code van de inzending').fill(code.toLowerCase().replace('-', ' '));
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByRole('heading', { name: `Gevonden: inzending ${code}` })).toBeVisible();
  await expect(page.getByText(secret)).toBeVisible();
  expect(page.url()).not.toContain(code);
  await expectAccessible(page);
  await page.getByLabel(/Ja, verwijder deze inzending/).check();
  await page.getByRole('button', { name: 'Inzending verwijderen' }).click();
  await expect(page.getByRole('status')).toContainText(`De inzending ${code} is verwijderd: 1 antwoorden`);

  // Looking again finds nothing.
  await page.getByLabel('Code van de inzending').fill(code);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByRole('alert')).toContainText('We vinden geen inzending met deze code');

  // The log records the deletion, never the text.
  await page.goto('/staff');
  // The management screens are under "Beheer" in the menu, which stays marked below it.
  const mainMenu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await mainMenu.getByRole('link', { name: 'Beheer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beheer' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link')).toHaveText([
    'Uitgaande e-mail',
    'Verzoek om verwijderen',
    'Raadplegingen',
    'Medewerkers',
    'Logboek',
  ]);
  await expectAccessible(page);
  await page.getByRole('main').getByRole('link', { name: 'Logboek' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logboek' })).toBeVisible();
  await expect(mainMenu.getByRole('link', { name: 'Beheer' })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link')).toHaveText([
    'Werkplek',
    'Beheer',
  ]);
  await page.getByLabel('Soort').selectOption({ label: 'Inzendingen' });
  await page.getByRole('button', { name: 'Filteren' }).click();
  await expect(page).toHaveURL(/soort=submissions/);
  const row = page.locator('tr[data-audit-id]').first();
  await expect(row).toContainText('Inzending verwijderd');
  await expect(row).toContainText('beheer@doemee.test');
  await expect(page.locator('main')).not.toContainText('Zilverschoon');
  await expectAccessible(page);

  // Every staff screen leads back to the workplace from the header.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkplek' }).click();
  await expect(page).toHaveURL(/\/staff$/);
});

test('only admins see the log and the removal screen', async ({ page }) => {
  await signIn(page, 'moderator@doemee.test');
  await expect(page.getByRole('link', { name: 'Logboek' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Beheer' })).toHaveCount(0);
  for (const path of ['/staff/logboek', '/staff/verwijderverzoek', '/staff/beheer']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
  }
});

test('the log pages with a keyset cursor and refuses a tampered one', async ({ page }) => {
  await signIn(page, 'beheer@doemee.test');
  await page.goto('/staff/logboek');
  const next = page.getByRole('link', { name: 'Volgende pagina' });
  if ((await next.count()) > 0) {
    const first = await page.locator('tr[data-audit-id]').first().getAttribute('data-audit-id');
    await next.click();
    await expect(page).toHaveURL(/na=/);
    expect(await page.locator('tr[data-audit-id]').first().getAttribute('data-audit-id')).not.toBe(first);
  }
  const response = await page.goto('/staff/logboek?na=kapot!');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Deze pagina bestaat niet meer');
});
