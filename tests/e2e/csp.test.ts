import { expect, type Page, test } from '@playwright/test';
import { demoPassword } from '../playwright.config';

// The strict Content-Security-Policy must not break anything: no page may report a violation or a
// console error, and every Svelte island must hydrate (Astro removes `ssr` from an island when it
// has hydrated).

/** Collects CSP violations (seen by the page itself) and console errors. */
async function watch(page: Page): Promise<{ violations: string[]; errors: string[] }> {
  const seen = { violations: [] as string[], errors: [] as string[] };
  await page.exposeFunction('__reportViolation', (text: string) => seen.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation(t: string): void }).__reportViolation(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

async function expectHydrated(page: Page): Promise<void> {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}

const pages = [
  '/',
  '/film',
  '/privacy',
  '/meedoen',
  '/meedoen/inwoner',
  '/meedoen/aanbieder',
  '/resultaten/krachtig-oud-worden',
  '/bedankt',
  '/staff/inloggen',
];

for (const path of pages) {
  test(`no CSP violation or console error on ${path}`, async ({ page }) => {
    const seen = await watch(page);
    await page.goto(path);
    // client:visible islands hydrate once seen.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expectHydrated(page);
    await page.waitForLoadState('networkidle');
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}

test('the islands work under the policy: answer form, results chart, moderation queue', async ({ page }) => {
  test.setTimeout(60_000);
  const seen = await watch(page);

  // The answer form is enhanced (steps with "Volgende") and keeps a draft.
  await page.goto('/meedoen/inwoner');
  await expectHydrated(page);
  await page.getByRole('textbox').first().fill('Onder de strenge CSP.');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByText('Stap 2 van')).toBeVisible();

  // The chart draws on its canvas.
  await page.goto('/resultaten/krachtig-oud-worden');
  const canvas = page.getByRole('img', { name: /Staafdiagram/ }).locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  await expectHydrated(page);
  await expect.poll(() => canvas.evaluate((c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(0);
  const box = await page.locator('.dm-chart').boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(100); // the height set from script, not a style attribute

  // The moderation queue hydrates for a signed-in moderator.
  await page.goto('/staff/inloggen');
  await page.getByLabel('E-mailadres').fill('moderator@doemee.test');
  await page.getByLabel('Wachtwoord').fill(demoPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto('/staff/moderatie');
  await expect(page.getByRole('heading', { level: 1, name: 'Moderatie' })).toBeVisible();
  await expectHydrated(page);
  await page.waitForLoadState('networkidle');

  expect(seen.violations).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('an injected inline script is blocked and reported', async ({ page }) => {
  // Proves the watcher (and the policy) work: a script added as HTML does not run.
  const seen = await watch(page);
  await page.goto('/privacy');
  const ran = await page.evaluate(async () => {
    const holder = document.createElement('div');
    document.body.append(holder);
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    holder.append(script);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => seen.violations.length).toBeGreaterThan(0);
  expect(seen.violations[0]).toMatch(/^script-src/);
});
