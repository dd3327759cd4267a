import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoPassword } from '../playwright.config';

test('the home page shows the consultation', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Doe Mee Zoetermeer/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1, name: /hulp in het huishouden/i })).toBeVisible();
  await expect(page.getByText(/Tot en met: \d+ \w+ \d{4}/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Doe mee', exact: true })).toHaveAttribute('href', '/meedoen');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);
});

test("an unknown address gets a Dutch page with a way back, not the framework's English one", async ({
  page,
}) => {
  const response = await page.goto('/bestaat-niet');
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Naar de startpagina' })).toHaveAttribute('href', '/');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);
});

test('staff can sign in and out', async ({ page }) => {
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/inloggen/);
  await expect(page.getByRole('status')).toContainText('Log in');

  await page.getByLabel('E-mailadres').fill('moderator@doemee.test');
  await page.getByLabel('Wachtwoord').fill('fout-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('alert')).toContainText('klopt niet');

  await page.getByLabel('Wachtwoord').fill(demoPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByText('moderator@doemee.test')).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'dm_session');
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('status')).toContainText('uitgelogd');
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/inloggen/);
});

test('a form post without the CSRF token is refused', async ({ request, baseURL }) => {
  const response = await request.post('/staff/inloggen', {
    form: { email: 'moderator@doemee.test', password: demoPassword },
    headers: { origin: baseURL ?? '' },
  });
  expect(response.status()).toBe(403);
});

test('the unsubscribe button works in a browser (the origin check accepts its post)', async ({ page }) => {
  // A well-formed token that is on no list: the page asks first, the button then answers.
  await page.goto(`/afmelden?token=${'A'.repeat(43)}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Afmelden voor e-mail over de resultaten' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Ja, meld mij af' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Dit adres stond niet (meer) op de lijst' }),
  ).toBeVisible();
});
