import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible, openHydrated, signIn } from './support';

const board = '/staff/themas/krachtig-oud-worden';
const announcer = (page: Page) => page.locator('[data-announcer]');
const themeList = (page: Page) => page.getByRole('list', { name: 'Thema’s' });
const themeButton = (page: Page, label: string) =>
  themeList(page)
    .getByRole('button')
    .filter({
      has: page.locator('.dm-theme-button__label', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
const rows = (list: Locator) => list.locator(':scope > li');
const idsOf = (list: Locator) =>
  rows(list).evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id') ?? ''));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function labels(page: Page): Promise<string[]> {
  return themeList(page).locator('.dm-theme-button__label').allTextContents();
}

/** "312 van 540 bevestigd" as two numbers. */
async function progress(page: Page): Promise<[number, number]> {
  const text = (await page.locator('[data-review-progress]').textContent()) ?? '';
  const m = /(\d+) van (\d+) bevestigd/.exec(text);
  return [Number(m?.[1]), Number(m?.[2])];
}

test.beforeEach(async ({ page }) => {
  await signIn(page, 'analist@doemee.test');
});

test('the board is a full-width workspace: themes with counts and coherence beside the review queue; axe clean', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openHydrated(page, board);
  await expect(page.getByRole('heading', { level: 1, name: /Thema’s: / })).toBeVisible();
  // Two panes side by side, wider than the public reading column.
  const side = await page.locator('.dm-side--themes').boundingBox();
  const pane = await page.locator('.dm-pane').boundingBox();
  expect(side && pane && pane.x > side.x + side.width).toBe(true);
  expect((pane?.width ?? 0) + (side?.width ?? 0)).toBeGreaterThan(1000);
  // Counts, one definition: primary and secondary apart, with the one-line explanation.
  await expect(themeList(page).getByRole('button').first()).toContainText(/\d+ berichten · \d+ ook genoemd/);
  await expect(page.getByText('Berichten: reacties waarin dit het belangrijkste thema is.')).toBeVisible();
  await expect(themeList(page).locator('.dm-coherence').first()).toContainText('%');
  await expect(page.getByRole('link', { name: 'Publiceren…' }).first()).toHaveAttribute(
    'href',
    `${board}/publiceren`,
  );
  await expect(page.getByRole('heading', { level: 2, name: 'Twijfelgevallen' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Twijfelgevallen' })).toBeVisible();
  await expectAccessible(page);

  await themeList(page).getByRole('button').first().click();
  await expect(page.getByRole('heading', { level: 3, name: 'Berichten in dit thema' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Op openbare pagina' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: /^Suggesties/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Suggesties' })).toBeFocused();
  await expectAccessible(page);
});

test('review queue by keyboard: confirm and move, the rest is re-scored', async ({ page }) => {
  await openHydrated(page, `${board}#review`);
  const queue = page.getByRole('list', { name: 'Twijfelgevallen' });
  await expect(rows(queue).first()).toBeVisible();
  const [confirmed, total] = await progress(page);
  expect(total).toBeGreaterThan(confirmed);

  // Confirm the most doubtful item with Enter.
  await rows(queue).first().focus();
  const first = (await rows(queue).first().getAttribute('data-item-id')) ?? '';
  await page.keyboard.press('Enter');
  await expect(announcer(page)).toContainText(`${confirmed + 1} van ${total} bevestigd`);
  await expect(queue.locator(`li[data-item-id="${first}"]`)).toHaveCount(0);
  await expect(page.locator('[data-review-progress]')).toContainText(
    `${confirmed + 1} van ${total} bevestigd`,
  );
  await expect(page.locator('[data-rescored]')).toContainText('opnieuw beoordeeld');
  // The focus stays in the queue, on the next item.
  await expect(rows(queue).first()).toBeFocused();

  // Move the second item: arrow down, V, type part of a theme's name, Enter.
  const before = new Map(
    await rows(queue).evaluateAll((els) =>
      els.map(
        (e) =>
          [e.getAttribute('data-item-id') ?? '', e.querySelector('[data-best]')?.textContent ?? ''] as const,
      ),
    ),
  );
  await page.keyboard.press('ArrowDown');
  await expect(rows(queue).nth(1)).toBeFocused();
  const moved = (await rows(queue).nth(1).getAttribute('data-item-id')) ?? '';
  await page.keyboard.press('v');
  await expect(page.getByLabel('Verplaats dit bericht naar')).toBeFocused();
  await page.keyboard.type('hulpmiddelen uitproberen');
  await page.keyboard.press('Enter');
  await expect(announcer(page)).toContainText('Verplaatst naar Hulpmiddelen uitproberen en leren gebruiken.');
  await expect(queue.locator(`li[data-item-id="${moved}"]`)).toHaveCount(0);
  await expect(page.locator('[data-review-progress]')).toContainText(
    `${confirmed + 2} van ${total} bevestigd`,
  );

  // The remaining items were scored again against the taught themes: their figures changed.
  const after = await rows(queue).evaluateAll((els) =>
    els.map(
      (e) =>
        [e.getAttribute('data-item-id') ?? '', e.querySelector('[data-best]')?.textContent ?? ''] as const,
    ),
  );
  const changed = after.filter(([id, text]) => before.has(id) && before.get(id) !== text);
  expect(changed.length).toBeGreaterThan(0);

  // The moved item is now the analyst's, in that theme.
  await themeButton(page, 'Hulpmiddelen uitproberen en leren gebruiken').click();
  const items = page.getByRole('list', { name: 'Berichten in Hulpmiddelen uitproberen en leren gebruiken' });
  await expect(items.locator(`li[data-item-id="${moved}"]`)).toContainText('Bevestigd');

  // A name that fits no theme: a clear message, nothing moves.
  await page.getByRole('button', { name: 'Twijfelgevallen' }).click();
  // Once loaded, the focus goes to the list's heading.
  await expect(page.getByRole('heading', { level: 2, name: 'Twijfelgevallen' })).toBeFocused();
  await rows(queue).first().focus();
  await page.keyboard.press('v');
  await expect(page.getByLabel('Verplaats dit bericht naar')).toBeFocused();
  await page.keyboard.type('bestaat niet');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Geen thema met deze naam. Kies een thema uit de lijst.')).toBeVisible();
});

test('find a topic by search and make a theme of it; a search of only stopwords finds nothing', async ({
  page,
}) => {
  await openHydrated(page, board);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const field = page.getByLabel('Zoek in alle goedgekeurde berichten');
  await field.fill('de het een');
  await page.getByRole('button', { name: 'Zoeken', exact: true }).last().click();
  await expect(page.locator('[data-search-count]')).toContainText('Geen berichten gevonden');

  await field.fill('ramen or boodschappen');
  await page.getByRole('button', { name: 'Zoeken', exact: true }).last().click();
  await expect(page.locator('[data-search-count]')).toContainText('gevonden voor "ramen or boodschappen"');
  const results = page.getByRole('list', { name: 'Zoekresultaten' });
  const found = await idsOf(results);
  expect(found.length).toBeGreaterThan(1);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Alles selecteren' }).click();
  await expect(page.getByText(`${found.length} geselecteerd`)).toBeVisible();
  await page.getByLabel('Naam van een nieuw thema').fill('Ramen en boodschappen');
  await page.getByRole('button', { name: 'Maak een thema van deze berichten' }).click();
  await expect(announcer(page)).toContainText(
    `Nieuw thema Ramen en boodschappen met ${found.length} berichten.`,
  );
  await expect(themeButton(page, 'Ramen en boodschappen')).toHaveAttribute('aria-current', 'true');
  await expect(themeButton(page, 'Ramen en boodschappen')).toContainText(`${found.length} berichten`);
  const members = page.getByRole('list', { name: 'Berichten in Ramen en boodschappen' });
  expect((await idsOf(members)).sort()).toEqual([...found].sort());
  await expect(page.locator('article[data-theme-id]').getByText('Aangenomen', { exact: true })).toBeVisible();

  // "Lijkt hierop": more like this theme, not in it yet.
  await page.getByRole('button', { name: 'Lijkt hierop' }).first().click();
  await expect(page.getByRole('heading', { name: /Lijkt op het thema Ramen en boodschappen/ })).toBeVisible();
});

test('merge asks for confirmation and can be undone exactly', async ({ page }) => {
  await openHydrated(page, board);
  const all = await labels(page);
  const [source, target] = all.slice(-2) as [string, string];
  const sourceText = (await themeButton(page, source).textContent()) ?? '';
  const targetText = (await themeButton(page, target).textContent()) ?? '';

  await themeButton(page, source).click();
  await page.getByLabel('Samenvoegen met').selectOption({ label: target });
  await page.getByRole('button', { name: 'Samenvoegen…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thema’s samenvoegen?' });
  await expect(dialog).toContainText(`gaan naar ${target}`);
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(themeButton(page, source)).toHaveCount(1);

  await page.getByRole('button', { name: 'Samenvoegen…' }).click();
  await dialog.getByRole('button', { name: 'Ja, samenvoegen' }).click();
  await expect(announcer(page)).toContainText(`${source} is samengevoegd met ${target}.`);
  await expect(themeButton(page, source)).toHaveCount(0);

  await page.locator('[data-undo]').getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(announcer(page)).toContainText('Samenvoegen ongedaan gemaakt');
  await expect(themeButton(page, source)).toHaveCount(1);
  expect(await themeButton(page, source).textContent()).toBe(sourceText);
  expect(await themeButton(page, target).textContent()).toBe(targetText);
  await expect(page.locator('[data-undo]')).toHaveCount(0);
});

test('items can be dragged to a theme in the list', async ({ page }) => {
  await openHydrated(page, board);
  const [from, to] = (await labels(page)).slice(0, 2) as [string, string];
  await themeButton(page, from).click();
  const items = page.getByRole('list', { name: `Berichten in ${from}` });
  const dragged = rows(items).first();
  const id = (await dragged.getAttribute('data-item-id')) ?? '';
  // The browser's own drag events with one DataTransfer (mouse-driven HTML5 drag and drop is not
  // reliable in headless Chromium).
  const transfer = await page.evaluateHandle(() => new DataTransfer());
  await dragged.dispatchEvent('dragstart', { dataTransfer: transfer });
  await themeButton(page, to).dispatchEvent('dragover', { dataTransfer: transfer });
  await themeButton(page, to).dispatchEvent('drop', { dataTransfer: transfer });
  await expect(announcer(page)).toContainText(`Bericht verplaatst naar ${to}.`);
  await expect(items.locator(`li[data-item-id="${id}"]`)).toHaveCount(0);
});

test('a stale change gets a clear message and is not saved', async ({ page, browser, baseURL }) => {
  await openHydrated(page, board);
  const label = (await labels(page))[0] as string;
  await themeButton(page, label).click();

  const otherContext = await browser.newContext({ baseURL });
  const other = await otherContext.newPage();
  await signIn(other, 'beheer@doemee.test');
  // Hydrated first: a click on the board before its island runs does nothing (this was flaky).
  await openHydrated(other, board);
  await themeButton(other, label).click();
  await other.getByRole('button', { name: 'Bewerken' }).click();
  await other.getByLabel('Naam van het thema').fill(`${label} (beheer)`);
  await other.getByRole('button', { name: 'Opslaan' }).click();
  await expect(themeButton(other, `${label} (beheer)`)).toHaveCount(1);
  await otherContext.close();

  await page.getByRole('button', { name: 'Bewerken' }).click();
  await page.getByLabel('Naam van het thema').fill(`${label} (analist)`);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('alert')).toContainText('Iemand anders heeft dit thema net veranderd');
  await expect(themeButton(page, `${label} (beheer)`)).toHaveCount(1);
  await expect(themeButton(page, `${label} (analist)`)).toHaveCount(0);
});

test('"Accepteren" turns a proposal into an accepted theme', async ({ page }) => {
  await openHydrated(page, board);
  const candidate = themeList(page).getByRole('button').filter({ hasText: 'Voorstel' }).first();
  const label = (await candidate.locator('.dm-theme-button__label').textContent()) ?? '';
  await candidate.click();
  await page.getByRole('button', { name: 'Accepteren' }).click();
  await expect(announcer(page)).toContainText(`Thema aangenomen: ${label}.`);
  await expect(themeButton(page, label)).toContainText('Aangenomen');
  await expect(page.getByRole('button', { name: 'Accepteren' })).toHaveCount(0);
});

test('moderators and facilitators cannot open the theme board', async ({ page }) => {
  await page.context().clearCookies();
  await signIn(page, 'moderator@doemee.test');
  await expect(page.getByRole('link', { name: 'Thema’s' })).toHaveCount(0);
  const response = await page.goto(board);
  expect(response?.status()).toBe(403);
  for (const path of ['/jobs', '/twijfel', '/zoeken?q=hulp']) {
    const api =
      path === '/jobs'
        ? await page.request.post(`/api/staff/themas/krachtig-oud-worden${path}`, {
            data: { kind: 'propose', filters: {} },
          })
        : await page.request.get(`/api/staff/themas/krachtig-oud-worden${path}`);
    expect(api.status()).toBe(403);
  }
});
