import { expect, test } from '@playwright/test';
import { expectAccessible } from './support';

// Issue 18, part 2: "wachtwoord vergeten" on the sign-in page. The page never says whether an
// address has an account; the flow from e-mail to new password is in
// tests/integration/auth/password-links.test.ts (with a real SMTP server).
test('wachtwoord vergeten: reachable from the sign-in page, the same answer for every address', async ({
  page,
}) => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/staff/inloggen');
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' })).toBeVisible();
    await expectAccessible(page);
  }

  // A typo is named at the field.
  await page.getByLabel('E-mailadres').fill('geen-adres');
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByText('Vul een e-mailadres in')).toBeVisible();
  await expect(page.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true');

  const answers: string[] = [];
  for (const address of ['moderator@doemee.test', 'niemand@doemee.test']) {
    await page.goto('/staff/wachtwoord-vergeten');
    await page.getByLabel('E-mailadres').fill(address);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    const status = page.getByRole('status');
    await expect(status).toContainText('Als dit e-mailadres bij ons bekend is');
    answers.push((await status.textContent()) ?? '');
  }
  expect(answers[0]).toBe(answers[1]);
  await expectAccessible(page);
});
