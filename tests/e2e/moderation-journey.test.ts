/**
 * The moderator's journey (issue 20, items 12-15): bulk actions item by item, with and without
 * JavaScript; shortcuts and undo; a redacted item that stays in a search view; admins reading an
 * original; the compact layout; the daily e-mail choice.
 */
import { expect as baseExpect, type Page, test } from '@playwright/test';
import { expectAccessible, openHydrated, postAnswer, signIn } from './support';

// This machine is shared and often busy: pages and islands may take longer than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

// Several answers, sign-ins and axe runs per test: more than the default time on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** A word no other test writes, so a search shows exactly this test's messages. */
function uniqueWord(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return `proef${Array.from({ length: 10 }, () => letters[Math.floor(Math.random() * 26)]).join('')}`;
}

/** Two new answers with the word: one plain, one with a phone number (which cannot be approved). */
async function twoAnswers(page: Page, baseURL: string, word: string) {
  await postAnswer(page.request, baseURL, `Gewoon bericht ${word}: een vaste hulp geeft rust.`);
  await postAnswer(page.request, baseURL, `Bericht met nummer ${word}: bel mij op 06-12312312.`);
}

const search = (word: string, extra = '') => `/staff/moderatie?status=new&zoek=${word}${extra}`;

test.describe('without JavaScript', () => {
  test.beforeEach(async ({ page }) => {
    await page.route('**/_astro/**/*.js', (route) => route.abort());
  });

  test('bulk approve, reject with a reason and hide, item by item, with the failures kept chosen', async ({
    page,
    baseURL,
  }) => {
    const word = uniqueWord();
    await twoAnswers(page, baseURL ?? '', word);
    await signIn(page, 'moderator@doemee.test');
    await page.goto(search(word));
    const items = page.locator('li[data-item-id]');
    await expect(items).toHaveCount(2);
    const plain = items.filter({ hasText: 'Gewoon bericht' });
    const withPii = items.filter({ hasText: 'Bericht met nummer' });

    // The item that cannot be approved says so at its checkbox.
    await expect(withPii.getByLabel('Kiezen')).toHaveAccessibleDescription(/Nog niet goed te keuren/);
    await expect(plain.getByLabel('Kiezen')).not.toHaveAccessibleDescription(/Nog niet/);

    // "Select all on this page" without JavaScript: a link that opens the page with all chosen.
    await page.getByRole('link', { name: 'Alles op deze pagina kiezen' }).click();
    await expect(plain.getByLabel('Kiezen')).toBeChecked();
    await expect(withPii.getByLabel('Kiezen')).toBeChecked();

    // Approve both: one succeeds, the other is named with its reason and stays chosen.
    await page.getByLabel('Met de gekozen berichten').selectOption({ label: 'Goedkeuren' });
    await page.getByRole('button', { name: 'Uitvoeren' }).click();
    const result = page.locator('[data-bulk-result] .utrecht-alert');
    await expect(result).toContainText('1 bericht goedgekeurd. 1 bericht kon niet');
    await expect(result.getByRole('link', { name: /Bericht met nummer/ })).toBeVisible();
    await expect(result).toContainText('bevat misschien persoonsgegevens');
    await expect(plain).toHaveCount(0);
    await expect(withPii).toContainText('Niet gelukt:');
    await expect(withPii.getByLabel('Kiezen')).toBeChecked();
    await expectAccessible(page);

    // Reject needs a reason; the choice stays when it is missing.
    await page.getByLabel('Met de gekozen berichten').selectOption({ label: 'Afwijzen' });
    await page.getByRole('button', { name: 'Uitvoeren' }).click();
    await expect(result).toContainText('Kies waarom u de gekozen berichten afwijst.');
    await expect(withPii.getByLabel('Kiezen')).toBeChecked();
    await page.getByLabel('Met de gekozen berichten').selectOption({ label: 'Afwijzen' });
    await page.getByLabel('Reden bij afwijzen').selectOption({ label: 'Reclame of spam' });
    await page.getByRole('button', { name: 'Uitvoeren' }).click();
    await expect(result).toContainText('1 bericht afgewezen.');
    await expect(withPii).toHaveCount(0);

    // Hide, from the rejected tab.
    await page.goto(`/staff/moderatie?status=rejected&zoek=${word}`);
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Reden: Reclame of spam');
    await items.first().getByLabel('Kiezen').check();
    await page.getByLabel('Met de gekozen berichten').selectOption({ label: 'Verbergen' });
    await page.getByRole('button', { name: 'Uitvoeren' }).click();
    await expect(result).toContainText('1 bericht verborgen.');
    await expect(items).toHaveCount(0);
  });

  test('an item redacted from a search stays on screen, marked, until the moderator moves on', async ({
    page,
    baseURL,
  }) => {
    const word = uniqueWord();
    await postAnswer(page.request, baseURL ?? '', `Zoekproef ${word}: mijn nummer is 06-45645645.`);
    await signIn(page, 'moderator@doemee.test');
    await page.goto(search(word, '&persoonsgegevens=ja'));
    const item = page.locator('li[data-item-id]');
    await expect(item).toHaveCount(1);
    await item.getByRole('button', { name: 'Voorstellen toepassen' }).click();
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Weggelakt.');
    await expect(item.locator('[data-item-text]')).toContainText('[telefoonnummer]');
    // Moving on (the same view again) lets it go: it no longer has personal data.
    await page.goto(search(word, '&persoonsgegevens=ja'));
    await expect(item).toHaveCount(0);
  });
});

test('bulk with JavaScript: per-item results without a page load, selection kept, undo', async ({
  page,
  baseURL,
}) => {
  const word = uniqueWord();
  await twoAnswers(page, baseURL ?? '', word);
  await signIn(page, 'moderator@doemee.test');
  await openHydrated(page, search(word));
  const items = page.locator('li[data-item-id]');
  await expect(items).toHaveCount(2);
  const plain = items.filter({ hasText: 'Gewoon bericht' });
  const withPii = items.filter({ hasText: 'Bericht met nummer' });
  // The link is replaced by a checkbox that chooses every item on the page.
  await expect(page.getByRole('link', { name: 'Alles op deze pagina kiezen' })).toBeHidden();
  await page.getByLabel('Alles op deze pagina kiezen').check();
  await expect(page.getByText('(2 gekozen)')).toBeVisible();

  const url = page.url();
  await page.getByLabel('Met de gekozen berichten').selectOption({ label: 'Goedkeuren' });
  await page.getByRole('button', { name: 'Uitvoeren' }).click();
  await expect(page.locator('.dm-live')).toContainText('1 bericht goedgekeurd. 1 bericht kon niet');
  expect(page.url()).toBe(url);
  await expect(plain).toHaveCount(0);
  await expect(withPii).toContainText('Niet gelukt:');
  await expect(withPii.getByLabel('Kiezen')).toBeChecked();
  await expect(page.locator('[data-bulk-result]')).toBeFocused();

  // Undo (offered for a few seconds) brings the approved one back as new.
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(page.locator('.dm-live')).toHaveText('Ongedaan gemaakt.');
  await expect(plain).toHaveCount(1);
  await expect(plain).toContainText('Nieuw');
  await expect(page.getByRole('button', { name: 'Ongedaan maken' })).toHaveCount(0);
  await expectAccessible(page);
});

test('shortcuts: j starts at the first item, a approves, u undoes, r asks for the reason', async ({
  page,
  baseURL,
}) => {
  const word = uniqueWord();
  await postAnswer(page.request, baseURL ?? '', `Sneltoets een ${word}: boodschappen doen lukt niet meer.`);
  await postAnswer(page.request, baseURL ?? '', `Sneltoets twee ${word}: de ramen lappen is te zwaar.`);
  await signIn(page, 'moderator@doemee.test');
  await openHydrated(page, search(word));
  const items = page.locator('li[data-item-id]');
  await expect(items).toHaveCount(2);
  const first = (await items.first().getAttribute('data-item-id')) ?? '';

  await page.keyboard.press('j');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('a');
  await expect(page.locator('.dm-live')).toHaveText(
    'Het bericht is goedgekeurd. Druk op u om het ongedaan te maken.',
  );
  await expect(page.locator(`#item-${first}`)).toHaveCount(0);
  await page.keyboard.press('u');
  await expect(page.locator('.dm-live')).toHaveText('Ongedaan gemaakt.');
  await expect(page.locator(`#item-${first}`)).toContainText('Nieuw');

  await page.keyboard.press('j');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('r');
  await expect(items.first().getByLabel('Reden')).toBeFocused();
});

test('an admin reads the original of a redacted text, and the reading is in the log', async ({
  page,
  baseURL,
}) => {
  const word = uniqueWord();
  await postAnswer(page.request, baseURL ?? '', `Origineel ${word}: bel 06-78978978 voor een afspraak.`);
  await signIn(page, 'beheer@doemee.test');
  await openHydrated(page, search(word));
  const item = page.locator('li[data-item-id]');
  const itemId = (await item.getAttribute('data-item-id')) ?? '';
  await item.getByRole('button', { name: 'Voorstellen toepassen' }).click();
  await expect(item.locator('[data-item-text]')).toContainText('bel [telefoonnummer] voor');
  await item.getByRole('button', { name: 'Oorspronkelijke tekst' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Oorspronkelijke tekst' })).toBeVisible();
  await expect(page.locator('[data-original]')).toContainText('bel 06-78978978 voor');
  await expect(page.locator('[data-current]')).toContainText('bel [telefoonnummer] voor');
  await expectAccessible(page);

  await page.goto('/staff/logboek');
  await expect(page.getByText('Oorspronkelijke tekst bekeken').first()).toBeVisible();

  // A moderator has no such button, and the page refuses them.
  await page.context().clearCookies();
  await signIn(page, 'moderator@doemee.test');
  await page.goto(search(word));
  await expect(page.getByRole('button', { name: 'Oorspronkelijke tekst' })).toHaveCount(0);
  const token = (await page.locator('input[name=csrf]').first().getAttribute('value')) ?? '';
  const refused = await page.request.post('/staff/moderatie/origineel', {
    form: { csrf: token, itemId, action: 'original' },
    headers: { origin: baseURL ?? '' },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('Alleen een beheerder mag de oorspronkelijke tekst bekijken.');
  expect(await refused.text()).not.toContain('06-78978978');
});

test('compact cards in the full width, and a toolbar that does not cover the focused item', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'moderator@doemee.test');
  await openHydrated(page, '/staff/moderatie?status=alle');
  const toolbar = page.locator('[data-toolbar]');
  const bar = await toolbar.boundingBox();
  expect(bar?.height ?? 999).toBeLessThanOrEqual(80);
  const main = await page.locator('main').boundingBox();
  const card = page
    .locator('li[data-item-id]')
    .filter({ hasNot: page.locator('mark') })
    .first();
  const box = await card.boundingBox();
  // Full width of the main area, and far less than the ~330 px a card took before.
  expect(box?.width ?? 0).toBeGreaterThan((main?.width ?? 0) * 0.9);
  expect(box?.height ?? 999).toBeLessThanOrEqual(200);
  // Walk down the list: every focused item is below the sticky bar, never under it.
  for (let n = 0; n < 8; n++) {
    await page.keyboard.press('j');
    const focused = await page.locator('li[data-item-id]:focus').boundingBox();
    const barNow = await toolbar.boundingBox();
    expect(focused?.y ?? 0).toBeGreaterThanOrEqual((barNow?.y ?? 0) + (barNow?.height ?? 0) - 1);
  }

  await page.setViewportSize({ width: 375, height: 800 });
  const narrow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(narrow).toBeLessThanOrEqual(375);
  await expectAccessible(page);
});

test('a moderator chooses the daily e-mail; an analyst cannot', async ({ page, baseURL }) => {
  await signIn(page, 'moderator@doemee.test');
  await page.goto('/staff/moderatie');
  const choice = page.getByLabel('Stuur mij elke ochtend een e-mail als er nieuwe berichten wachten');
  await expect(choice).not.toBeChecked();
  await expect(page.getByText('Nooit de tekst van een bericht')).toBeVisible();
  await choice.check();
  await page.getByRole('button', { name: 'Keuze opslaan' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'U krijgt elke ochtend een e-mail' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/#dagelijkse-e-mail$/);
  await page.reload();
  await expect(choice).toBeChecked();
  await expectAccessible(page);
  await choice.uncheck();
  await page.getByRole('button', { name: 'Keuze opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'geen dagelijkse e-mail meer' })).toBeVisible();
  await expect(choice).not.toBeChecked();

  await page.context().clearCookies();
  await signIn(page, 'analist@doemee.test');
  const html = await (await page.request.get('/staff')).text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const refused = await page.request.post('/staff/moderatie/e-mail', {
    form: { csrf: token, digest: 'ja' },
    headers: { origin: baseURL ?? '' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
});
