import { expect, type Page, test } from '@playwright/test';
import { ageBandLabels, noAnswerLabel, profileQuestions } from '../../src/lib/inputs/profile.nl';
import { expectAccessible, signIn, stepUntil } from './support';

// Issue 20, items 5, 6 and 7: the resident journey's pages.

/** Sees what the page looks like on paper, then back on screen. */
async function onPaper(page: Page, check: () => Promise<void>): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  await check();
  await page.emulateMedia({ media: 'screen' });
}

/** Replaces the browser's print dialog, which would block the test, by a counter. */
async function countPrints(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    (window as unknown as { prints: number }).prints = 0;
    window.print = () => {
      (window as unknown as { prints: number }).prints++;
    };
  });
  return () => page.evaluate(() => (window as unknown as { prints: number }).prints);
}

test('one label per answer; the code is copied and printed; "mijn inzending" prints first, JSON stays', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000); // two accessibility scans and two page prints on a busy machine
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/meedoen/inwoner');
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await page.getByRole('textbox').first().fill('Een hulp die mij helpt het zelf te doen.');
  const age = page.getByLabel(profileQuestions.ageBand);
  await stepUntil(page, age);
  // The form's list is the one list of labels.
  expect(await age.locator('option').allTextContents()).toEqual([
    noAnswerLabel,
    ...Object.values(ageBandLabels),
  ]);
  await age.selectOption('65-74');
  await page.getByLabel('Ja', { exact: true }).check();
  await stepUntil(page, page.getByLabel(/Ik ga akkoord/));
  await page.getByLabel(/Ik ga akkoord/).check();
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();

  // Thank-you page: copy the code, print the page.
  await expect(page).toHaveURL(/\/bedankt$/);
  const code = (await page.locator('.dm-code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await page.getByRole('button', { name: 'Kopieer de code' }).click();
  await expect(page.getByRole('status')).toHaveText('De code is gekopieerd.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  const prints = await countPrints(page);
  await page.getByRole('button', { name: 'Deze pagina afdrukken' }).click();
  expect(await prints()).toBe(1);
  await onPaper(page, async () => {
    await expect(page.locator('.dm-code')).toBeVisible();
    // Paper has no links: the address is written out; menu, footer and buttons stay off it.
    await expect(page.getByText(/op https?:\/\/\S+\/mijn-inzending/)).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
    await expect(page.locator('footer')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Kopieer de code' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Deze pagina afdrukken' })).toBeHidden();
  });
  await expectAccessible(page);

  // "Mijn inzending" names the answers as the form did.
  await page.getByRole('link', { name: 'uw antwoorden bekijken of verwijderen' }).click();
  await page.getByLabel('Uw code').fill(code);
  await page.getByRole('button', { name: 'Bekijk mijn antwoorden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw antwoorden');
  const answerTo = (question: string) =>
    page
      .locator('dl > div')
      .filter({ has: page.getByText(question, { exact: true }) })
      .locator('dd');
  await expect(answerTo(profileQuestions.ageBand)).toHaveText('65 tot 75 jaar');
  await expect(answerTo(profileQuestions.receivesHelp)).toHaveText('Ja');
  await expect(page.locator('main')).not.toContainText('65-74');

  // Print is the main way to keep them; the JSON file is still there for those who want it.
  const print = page.getByRole('button', { name: 'Afdrukken' });
  const json = page.getByRole('button', { name: 'Download als bestand (JSON)' });
  await expect(print).toHaveClass(/utrecht-button--(primary|secondary)-action/);
  await expect(json).toHaveClass(/utrecht-button--subtle/);
  expect((await print.boundingBox())?.y ?? 1e9).toBeLessThan((await json.boundingBox())?.y ?? 0);
  const printsHere = await countPrints(page);
  await print.click();
  expect(await printsHere()).toBe(1);
  await onPaper(page, async () => {
    await expect(answerTo(profileQuestions.ageBand)).toBeVisible();
    await expect(print).toBeHidden();
    await expect(json).toBeHidden();
  });
  await expectAccessible(page);
});

test('without JavaScript the thank-you page shows the code as text, with no buttons that would not work', async ({
  browser,
  baseURL,
}) => {
  // JavaScript off in the browser: blocking /_astro/*.js is not enough, small scripts are inlined.
  // (axe needs JavaScript; the page is scanned with it in the sweep below.)
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/meedoen/inwoner');
  await page.getByRole('textbox').first().fill('Zonder scripts verstuurd.');
  await page.getByLabel(/Ik ga akkoord/).check();
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page).toHaveURL(/\/bedankt$/);
  await expect(page.locator('.dm-code')).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByText(/Bewaar deze code: schrijf hem op/)).toBeVisible();
  await expect(page.getByRole('button')).toHaveCount(0);
  await context.close();
});

const screens: [number, number][] = [
  [375, 667],
  [1280, 800],
];
for (const [width, height] of screens) {
  test(`the home page's first screen (${width} × ${height}): what, who, how long and the button`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    const inFirstScreen = async (what: ReturnType<Page['locator']>) => {
      const box = await what.boundingBox();
      expect(box, 'on the page').not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(height);
    };
    await inFirstScreen(page.getByRole('heading', { level: 1 }));
    await inFirstScreen(page.getByText(/hulp in het huishouden anders regelen/));
    const facts = page.getByRole('list', { name: 'Meedoen in het kort' });
    await expect(facts).toContainText('Voor wie:');
    await expect(facts).toContainText('Hoe lang: ongeveer 10 minuten');
    await expect(facts).toContainText(/Tot en met: \d+ \w+ \d{4}/);
    await inFirstScreen(facts);
    await inFirstScreen(page.getByRole('link', { name: 'Doe mee', exact: true }));
    await inFirstScreen(page.getByRole('link', { name: /^Bekijk eerst de film \(\d+ seconden\)$/ }));
    // The long summary is still there, further down; the published results are linked.
    await expect(page.getByRole('heading', { level: 2, name: 'Waar gaat het over?' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Lees wat we hoorden' })).toHaveAttribute(
      'href',
      '/resultaten/krachtig-oud-worden',
    );
    await expect(page.getByRole('link', { name: 'Meer over Doe Mee en de roadtour' })).toHaveAttribute(
      'href',
      '/over',
    );
    await expectAccessible(page);
  });
}

test('the toegankelijkheidsverklaring: linked from the footer, in the government’s format', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Toegankelijkheid' }).click();
  await expect(page).toHaveURL(/\/toegankelijkheid$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toegankelijkheidsverklaring');
  for (const heading of [
    /^Status: [A-E] /,
    'Wat hebben wij zelf getest?',
    'Problemen die wij kennen',
    'Een probleem melden',
    'Niet tevreden?',
    'Datum',
  ])
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  await expect(page.locator('main')).toContainText('WCAG 2.1');
  await expect(page.locator('main')).toContainText(/axe/);
  await expect(page.locator('main')).toContainText(/toetsenbord/);
  await expect(page.getByRole('link', { name: 'doemee@zoetermeer.nl' })).toHaveAttribute(
    'href',
    'mailto:doemee@zoetermeer.nl',
  );
  await expect(page.locator('main')).toContainText(/opgesteld op \d+ \w+ \d{4}/);
  await expectAccessible(page);
});

// The statement says every page is checked with axe: these are all of them (the staff pages as an
// admin, who sees every one). Each also links the statement from its footer.
const publicPages = [
  '/',
  '/film',
  '/meedoen',
  '/meedoen/inwoner',
  '/meedoen/mantelzorger',
  '/meedoen/aanbieder',
  '/meedoen/ouderenbond',
  '/meedoen/partner',
  '/privacy',
  '/over',
  '/toegankelijkheid',
  '/resultaten',
  '/resultaten/krachtig-oud-worden',
  '/mijn-inzending',
  '/bedankt',
  `/afmelden?token=${'A'.repeat(43)}`,
  '/bestaat-niet',
  '/staff/inloggen',
  '/staff/wachtwoord-vergeten',
];
const staffPages = [
  '/staff',
  '/staff/moderatie',
  '/staff/themas',
  '/staff/themas/krachtig-oud-worden',
  '/staff/themas/krachtig-oud-worden/publiceren',
  '/staff/dashboard',
  '/staff/export',
  '/staff/roadtour/',
  '/staff/roadtour/nieuw',
  '/staff/logboek',
  '/staff/outbox',
  '/staff/verwijderverzoek',
  '/staff/beheer/medewerkers',
];

/** One page: the footer links the statement, and axe finds nothing. */
async function checkPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('load');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Toegankelijkheid' })).toHaveAttribute(
    'href',
    '/toegankelijkheid',
  );
  await expectAccessible(page);
}

for (const path of publicPages)
  test(`${path} is axe-clean and links the statement`, async ({ page }) => {
    test.setTimeout(60_000);
    await checkPage(page, path);
  });

for (const path of staffPages)
  test(`staff page ${path} is axe-clean and links the statement`, async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, 'beheer@doemee.test');
    await checkPage(page, path);
  });
