import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { demoPassword } from '../playwright.config';
import { expectAccessible } from './support';

// Issue 5: the facilitator app, offline first. Chromium with its real service worker, IndexedDB and
// network switch (context.setOffline), against the real server (`node src/cli/start.mjs`).

const topicA = 'Krachtig oud worden — wat is belangrijk';
const topicB = 'Een schoon huis als het zelf niet meer lukt';

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/staff/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(demoPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

async function signedIn(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** Tomorrow in the browser's time zone, as the date field wants it. */
function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

/** Plans a stop through the schedule and the form; answers the stop page's URL. */
async function planStop(page: Page, name: string): Promise<string> {
  await page.goto('/staff');
  await page.getByRole('link', { name: /^Roadtour/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roadtour' })).toBeVisible();
  await page.getByRole('link', { name: 'Nieuwe bijeenkomst plannen' }).click();
  await page.getByLabel('Naam van de bijeenkomst').fill(name);
  await page.getByLabel('Plaats (adres of gebouw)').fill('Buurthuis De Leyhoeve');
  await page.getByLabel('Datum', { exact: true }).fill(tomorrow());
  await page.getByLabel('Begintijd').fill('14:00');
  await page.getByLabel('Eindtijd (mag leeg)').fill('16:00');
  await page.getByLabel('Soort groep').selectOption('ouderenbond');
  await page.getByLabel('Verwacht aantal deelnemers (mag leeg)').fill('25');
  await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
  await expect(page).toHaveURL(/\/staff\/roadtour\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url();
}

const topic = (page: Page, label: string): Locator => page.getByRole('region', { name: label });

async function addNote(
  page: Page,
  topicLabel: string,
  kind: 'Punt' | 'Idee' | 'Zorg' | 'Wens' | 'Citaat',
  text: string,
  speaker?: string,
): Promise<void> {
  const section = topic(page, topicLabel);
  await section.getByLabel(kind, { exact: true }).check();
  await section.getByLabel('Wat werd er gezegd?').fill(text);
  if (speaker !== undefined) await section.getByLabel('Wie zei het? (geen naam)').fill(speaker);
  await section.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(section.getByRole('listitem').filter({ hasText: text })).toBeVisible();
}

const note = (page: Page, text: string): Locator => page.locator('li[data-note-id]', { hasText: text });

/** The stop page registered its worker and has it keep the page: it opens again offline. */
async function waitUntilAvailableOffline(page: Page): Promise<void> {
  await expect(page.locator('[data-offline-ready]')).toHaveAttribute('data-offline-ready', 'ready', {
    timeout: 20_000,
  });
}

test('a facilitator takes notes offline; they survive a reload and sync when back online', async ({
  browser,
  context,
  page,
}) => {
  test.setTimeout(120_000);
  const stopName = `Ouderenbond Rokkeveen ${Date.now()}`;
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, stopName);

  // Open the stop from the schedule.
  await page.getByRole('link', { name: 'Planning' }).click();
  await page.getByRole('link', { name: stopName }).click();
  await expect(page).toHaveURL(stopUrl);
  await waitUntilAvailableOffline(page);
  await expect(page.locator('[data-sync-status]')).toHaveText(
    'Alle aantekeningen zijn opgeslagen op de server.',
  );

  await context.setOffline(true);
  await expect(page.locator('[data-connection]')).toHaveText('geen internet');
  const marker = String(Date.now());
  const idea = `Een klusjesdienst in de wijk (${marker})`;
  const quote = `Ik wil zelf kunnen kiezen wie er komt (${marker})`;
  await addNote(page, topicA, 'Idee', idea);
  await addNote(page, topicB, 'Citaat', quote, 'mevrouw, 80+');
  // A quote never carries a name: the form says so.
  await expect(topic(page, topicB).getByText('Schrijf nooit een naam op.')).toBeVisible();
  for (const text of [idea, quote]) {
    await expect(note(page, text)).toHaveAttribute('data-state', 'pending');
    await expect(note(page, text)).toContainText('Alleen op dit apparaat');
  }
  await expect(page.locator('[data-sync-status]')).toContainText(
    '2 aantekeningen staan alleen op dit apparaat.',
  );

  // Reload with no connection: the worker serves the page, the outbox still has the notes.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: stopName })).toBeVisible();
  await expect(note(page, idea)).toContainText('Alleen op dit apparaat');
  await expect(note(page, quote)).toContainText('Alleen op dit apparaat');
  await expect(note(page, quote)).toContainText('mevrouw, 80+');
  await expect(topic(page, topicA).locator('li[data-note-id]', { hasText: idea })).toHaveCount(1);
  await expect(topic(page, topicB).locator('li[data-note-id]', { hasText: quote })).toHaveCount(1);

  // Back online: the app syncs by itself.
  await context.setOffline(false);
  await expect(note(page, idea)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await expect(note(page, quote)).toHaveAttribute('data-state', 'synced');
  await expect(note(page, idea)).toContainText('Opgeslagen op de server');
  await expect(page.locator('[data-sync-status]')).toHaveText(
    'Alle aantekeningen zijn opgeslagen op de server.',
  );
  await expectAccessible(page);

  // The printable summary lists them per topic.
  await page.getByRole('link', { name: 'Samenvatting om te printen' }).click();
  await expect(page.getByRole('region', { name: topicA })).toContainText(idea);
  await expect(page.getByRole('region', { name: topicB })).toContainText(quote);
  await expect(page.getByRole('region', { name: topicB })).toContainText('mevrouw, 80+');
  await expectAccessible(page);

  // A moderator finds them in the queue as roadtour input of this stop.
  const moderator = await signedIn(browser, 'moderator@doemee.test');
  for (const [text, label] of [
    [idea, topicA],
    [quote, topicB],
  ] as const) {
    await moderator.page.goto(`/staff/moderatie?kanaal=roadtour&zoek=${marker}`);
    const item = moderator.page.locator('li[data-item-id]', { hasText: text });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Roadtour');
    await expect(item).toContainText(`Stop: ${stopName}`);
    await expect(item).toContainText(`Onderwerp: ${label}`);
  }
  await moderator.context.close();
});
