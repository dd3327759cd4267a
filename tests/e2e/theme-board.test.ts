import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible, postAnswer, signIn } from './support';

/** A resident answers online (plain form post), then a moderator approves it in the queue. */
async function newApprovedAnswer(browser: Browser, baseURL: string, text: string): Promise<void> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await postAnswer(page.request, baseURL, text);
  await signIn(page, 'moderator@doemee.test');
  await page.goto('/staff/moderatie?status=new');
  const item = page.locator('li[data-item-id]', { hasText: text });
  await item.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(page.locator('li[data-item-id]', { hasText: text })).toHaveCount(0);
  await context.close();
}

const cards = (page: Page) => page.locator('article[data-theme-id]');
const card = (page: Page, label: string) =>
  cards(page).filter({ has: page.getByRole('heading', { level: 3, name: label, exact: true }) });
const announcer = (page: Page) => page.locator('[data-announcer]');
const itemsOf = (theme: Locator) => theme.locator('li[data-item-id]');

async function propose(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Thema’s voorstellen' }).click();
  await expect(page.locator('.dm-job')).toHaveAttribute('data-job-status', 'done', { timeout: 60_000 });
  await expect(announcer(page)).toHaveText('De berekening is klaar. De thema’s zijn bijgewerkt.');
}

async function labels(page: Page): Promise<string[]> {
  return cards(page).locator('h3').allTextContents();
}

async function openItems(theme: Locator): Promise<void> {
  const details = theme.locator('details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').focus();
    await details.locator('summary').press('Enter');
  }
}

test('an analyst proposes, renames, merges, moves, locks, re-runs, freezes and publishes themes', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'analist@doemee.test');
  await page.getByRole('link', { name: 'Thema’s' }).click();
  await page.getByRole('link', { name: 'Krachtig oud worden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Thema’s: / })).toBeVisible();
  await expectAccessible(page);

  // Propose: a background run with progress; the board then shows the themes.
  await propose(page);
  // The run went through the engine's worker thread in the production build.
  const state = await page.request.get('/api/staff/themas/krachtig-oud-worden');
  expect((await state.json()).job).toMatchObject({
    status: 'done',
    progress: 1,
    summary: { mode: 'worker' },
  });
  const before = await labels(page);
  expect(before.length).toBeGreaterThanOrEqual(6);
  await expect(cards(page).first()).toContainText('berichten');

  // Rename a theme that is not published yet.
  const first = cards(page)
    .filter({ hasNot: page.getByText('Gepubliceerd', { exact: true }) })
    .first();
  await first.getByRole('button', { name: 'Bewerken' }).click();
  await first.getByLabel('Naam van het thema').fill('Hulp die je kunt betalen');
  await first.getByLabel('Beschrijving (Markdown)').fill('Veel mensen maken zich **zorgen** over geld.');
  await first.getByLabel('Wat doen we ermee? (Markdown)').fill('We leggen de *eigen bijdrage* beter uit.');
  await first.getByRole('button', { name: 'Opslaan' }).click();
  const renamed = card(page, 'Hulp die je kunt betalen');
  await expect(renamed).toBeVisible();
  await expect(renamed.locator('strong', { hasText: 'zorgen' })).toBeVisible();
  await expect(announcer(page)).toHaveText('Thema opgeslagen: Hulp die je kunt betalen.');

  // Merge the last two other themes.
  const others = (await labels(page)).filter((l) => l !== 'Hulp die je kunt betalen');
  const [source, target] = others.slice(-2) as [string, string];
  await page.getByLabel('Voeg dit thema').selectOption({ label: source });
  await page.getByLabel('samen met').selectOption({ label: target });
  await page.getByRole('button', { name: 'Samenvoegen' }).click();
  await expect(announcer(page)).toHaveText(`${source} is samengevoegd met ${target}.`);
  await expect(card(page, source)).toHaveCount(0);

  // Move an item by keyboard: "Verplaats naar…" in another theme.
  const donor = card(page, others[0] as string);
  await openItems(donor);
  const item = itemsOf(donor).first();
  const itemText = (await item.locator('.dm-item__text').textContent()) ?? '';
  const itemId = (await item.getAttribute('data-item-id')) ?? '';
  await item.getByLabel('Verplaats naar…').focus();
  await item.getByLabel('Verplaats naar…').selectOption({ label: 'Hulp die je kunt betalen' });
  await item.getByRole('button', { name: 'Verplaatsen' }).press('Enter');
  await expect(announcer(page)).toHaveText('Bericht verplaatst naar Hulp die je kunt betalen.');
  await expect(renamed.locator(`li[data-item-id="${itemId}"]`)).toHaveCount(1);

  // Move another item by drag and drop.
  const other = card(page, others[1] as string);
  await openItems(other);
  const dragged = itemsOf(other).first();
  const draggedId = (await dragged.getAttribute('data-item-id')) ?? '';
  // The browser's own drag events with one DataTransfer (mouse-driven HTML5 drag and drop across a
  // scrolling page is not reliable in headless Chromium).
  const transfer = await page.evaluateHandle(() => new DataTransfer());
  await dragged.dispatchEvent('dragstart', { dataTransfer: transfer });
  await renamed.dispatchEvent('dragover', { dataTransfer: transfer });
  await renamed.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(renamed.locator(`li[data-item-id="${draggedId}"]`)).toHaveCount(1);

  // Lock a third theme; remember its items.
  const lockedLabel = others[2] as string;
  const lockedCard = card(page, lockedLabel);
  await lockedCard.getByRole('button', { name: 'Vergrendelen' }).click();
  await expect(announcer(page)).toHaveText(`Thema vergrendeld: ${lockedLabel}.`);
  const locked = card(page, lockedLabel);
  await expect(locked.getByText('Vergrendeld', { exact: true })).toBeVisible();
  await openItems(locked);
  const lockedItems = (
    await itemsOf(locked).evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')))
  ).sort();
  await expectAccessible(page);

  // New input arrives and is approved; run again.
  const fresh = 'Proef themabord: de eigen bijdrage is voor mij met alleen AOW echt te hoog.';
  await newApprovedAnswer(browser, baseURL ?? '', fresh);
  await page.reload();
  await propose(page);
  await expect(card(page, 'Hulp die je kunt betalen')).toHaveCount(1);
  await expect(renamed.locator(`li[data-item-id="${itemId}"]`)).toHaveCount(1);
  await expect(renamed.locator(`li[data-item-id="${itemId}"]`)).toContainText(itemText.trim());
  await expect(renamed.locator(`li[data-item-id="${draggedId}"]`)).toHaveCount(1);
  await expect(locked.getByText('Vergrendeld', { exact: true })).toBeVisible();
  await openItems(locked);
  expect(
    (await itemsOf(locked).evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')))).sort(),
  ).toEqual(lockedItems);
  await expect(card(page, source)).toHaveCount(0);
  // The new answer got a place on the board.
  await expect(page.locator('li[data-item-id]', { hasText: fresh })).toHaveCount(1);

  // Mark the renamed theme for the public page: nothing public changes yet.
  await renamed.getByRole('button', { name: 'Publiceren', exact: true }).click();
  await expect(announcer(page)).toHaveText('Gepubliceerd: Hulp die je kunt betalen.');

  // Freeze a version; work continues. Publishing it is its own step (publishing.test.ts).
  await page.getByLabel('Naam van de versie').fill('versie voor concept-beleidskader');
  await page.getByRole('button', { name: 'Versie vastleggen' }).click();
  await expect(page.locator('[data-snapshots]')).toContainText('versie voor concept-beleidskader');

  const visitor = await browser.newContext({ baseURL });
  const pub = await visitor.newPage();
  await pub.goto('/resultaten/krachtig-oud-worden');
  await expect(pub.getByRole('heading', { level: 2, name: 'Hulp die je kunt betalen' })).toHaveCount(0);
  await expect(pub.getByText('versie voor concept-beleidskader')).toHaveCount(0);
  await visitor.close();
});

test('a stale change gets a clear message and is not saved', async ({ page, browser, baseURL }) => {
  await signIn(page, 'analist@doemee.test');
  await page.goto('/staff/themas/krachtig-oud-worden');
  const theme = cards(page).first();
  const label = (await theme.locator('h3').textContent()) ?? '';

  // Someone else renames the theme meanwhile.
  const otherContext = await browser.newContext({ baseURL });
  const other = await otherContext.newPage();
  await signIn(other, 'beheer@doemee.test');
  await other.goto('/staff/themas/krachtig-oud-worden');
  const theirs = cards(other).first();
  await theirs.getByRole('button', { name: 'Bewerken' }).click();
  await theirs.getByLabel('Naam van het thema').fill(`${label} (beheer)`);
  await theirs.getByRole('button', { name: 'Opslaan' }).click();
  await expect(card(other, `${label} (beheer)`)).toBeVisible();
  await otherContext.close();

  await theme.getByRole('button', { name: 'Bewerken' }).click();
  await theme.getByLabel('Naam van het thema').fill(`${label} (analist)`);
  await theme.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('alert')).toContainText('Iemand anders heeft dit thema net veranderd');
  await expect(card(page, `${label} (beheer)`)).toBeVisible();
  await expect(card(page, `${label} (analist)`)).toHaveCount(0);
});

test('moderators and facilitators cannot open the theme board', async ({ page }) => {
  await signIn(page, 'moderator@doemee.test');
  await expect(page.getByRole('link', { name: 'Thema’s' })).toHaveCount(0);
  const response = await page.goto('/staff/themas/krachtig-oud-worden');
  expect(response?.status()).toBe(403);
  const api = await page.request.post('/api/staff/themas/krachtig-oud-worden/jobs', {
    data: { kind: 'propose', filters: {} },
  });
  expect(api.status()).toBe(403);
});
