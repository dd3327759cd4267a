import { expect, type Page, test } from '@playwright/test';
import { demoPassword } from '../playwright.config';
import { expectAccessible, signIn } from './support';

/**
 * Issue 18, part 2: an admin manages staff accounts in the browser. A role change and a
 * deactivation sign the person out at once (their very next request goes to the sign-in page).
 */
const here = '/staff/beheer/medewerkers';
const moderatorRow = (page: Page) => page.locator('tr[data-medewerker="moderator@doemee.test"]');

async function signedOut(page: Page): Promise<void> {
  await page.reload();
  await expect(page).toHaveURL(/\/staff\/inloggen\?reden=verlopen/);
}

test('an admin makes the moderator an analyst, then deactivates them; the moderator is signed out each time', async ({
  page,
  browser,
}) => {
  const moderatorContext = await browser.newContext();
  const moderator = await moderatorContext.newPage();
  try {
    await signIn(moderator, 'moderator@doemee.test');
    await moderator.goto('/staff/moderatie');
    await expect(moderator.getByRole('heading', { level: 1 })).toBeVisible();

    await signIn(page, 'beheer@doemee.test');
    await page.goto(here);
    await expect(page.getByRole('heading', { level: 1, name: 'Medewerkers' })).toBeVisible();
    await expect(moderatorRow(page)).toContainText('Moderator (demo)');
    await expect(moderatorRow(page)).toContainText('Actief');
    // The admin's own row has no controls, and says why.
    const own = page.locator('tr[data-medewerker="beheer@doemee.test"]');
    await expect(own).toContainText('Dit bent u');
    await expect(own.getByRole('button')).toHaveCount(0);
    await expectAccessible(page);

    // Role change.
    await page.getByLabel('Nieuwe rol voor Moderator (demo)').selectOption({ label: 'Analist' });
    await moderatorRow(page).getByRole('button', { name: 'Rol opslaan' }).click();
    await expect(page).toHaveURL(/gedaan=rol/);
    await expect(page.getByRole('status')).toHaveText('De rol van Moderator (demo) is nu analist.');
    await expect(moderatorRow(page)).toContainText('Analist');
    await signedOut(moderator);

    // Signed in again, now as analyst; moderation is no longer theirs.
    await moderator.getByLabel('E-mailadres').fill('moderator@doemee.test');
    await moderator.getByLabel('Wachtwoord').fill(demoPassword);
    await moderator.getByRole('button', { name: 'Inloggen' }).click();
    await expect(moderator).toHaveURL(/\/staff/);
    await page.reload();
    await expect(moderatorRow(page)).not.toContainText('Nog nooit');

    // Deactivation.
    await moderatorRow(page).getByRole('button', { name: 'Moderator (demo) uitzetten' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Moderator (demo) kan niet meer inloggen. Wie ingelogd was, is nu uitgelogd.',
    );
    await expect(moderatorRow(page)).toContainText('Uitgezet');
    await signedOut(moderator);
    await moderator.getByLabel('E-mailadres').fill('moderator@doemee.test');
    await moderator.getByLabel('Wachtwoord').fill(demoPassword);
    await moderator.getByRole('button', { name: 'Inloggen' }).click();
    await expect(moderator).toHaveURL(/\/staff\/inloggen/);
    await expectAccessible(page);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: test.info().outputPath('medewerkers-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: test.info().outputPath('medewerkers-375.png'), fullPage: true });
    await expectAccessible(page);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  } finally {
    // Other tests use the demo moderator: put them back (through the same page).
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(here);
    const row = moderatorRow(page);
    if ((await row.getByRole('button', { name: /weer aanzetten/ }).count()) > 0)
      await row.getByRole('button', { name: /weer aanzetten/ }).click();
    await page.getByLabel('Nieuwe rol voor Moderator (demo)').selectOption({ label: 'Moderator' });
    await moderatorRow(page).getByRole('button', { name: 'Rol opslaan' }).click();
    await moderatorContext.close();
  }
});

test('a moderator is refused the page', async ({ page }) => {
  await signIn(page, 'moderator@doemee.test');
  const response = await page.goto(here);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
});
