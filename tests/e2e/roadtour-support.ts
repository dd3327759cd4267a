import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { signIn } from './support';

// Shared by the facilitator app's browser tests (roadtour-*.test.ts).

export const topicA = 'Krachtig oud worden — wat is belangrijk';
export const topicB = 'Een schoon huis als het zelf niet meer lukt';

export async function signedIn(
  browser: Browser,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** Tomorrow in Zoetermeer (Europe/Amsterdam), as the date field wants it. */
export function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

/** Plans a stop through the schedule and the form; answers the stop page's URL. */
export async function planStop(page: Page, name: string): Promise<string> {
  // Straight to the form: opening the schedule keeps every upcoming stop for offline use, which
  // is tested on its own (roadtour-journey.test.ts) and only adds load here.
  await page.goto('/staff/roadtour/nieuw');
  // The form is an island: fill it once every island has hydrated (Astro drops `ssr` then).
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 15_000 });
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

/** The notes of one topic on the stop page. */
export const topic = (page: Page, label: string): Locator => page.getByRole('region', { name: label });

/** The one note form of the stop page. */
export const noteForm = (page: Page): Locator => page.getByRole('region', { name: 'Aantekening maken' });

export async function addNote(
  page: Page,
  topicLabel: string,
  kind: 'Punt' | 'Idee' | 'Zorg' | 'Wens' | 'Citaat',
  text: string,
  speaker?: string,
): Promise<void> {
  const form = noteForm(page);
  await form.getByLabel('Onderwerp').selectOption({ label: topicLabel });
  await form.getByLabel(kind, { exact: true }).check();
  await form.getByLabel('Wat werd er gezegd?').fill(text);
  if (speaker !== undefined) await form.getByLabel('Wie zei het? (geen naam)').fill(speaker);
  await form.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Toegevoegd bij' })).toHaveText(
    `Toegevoegd bij ${topicLabel}.`,
  );
  await expect(
    topic(page, topicLabel)
      .getByRole('listitem')
      .filter({ hasText: text.replace(/^"|"$/g, '') }),
  ).toBeVisible();
}

export const note = (page: Page, text: string): Locator =>
  page.locator('li[data-note-id]', { hasText: text });

/** The stop page registered its worker and has it keep the page: it opens again offline. */
export async function waitUntilAvailableOffline(page: Page): Promise<void> {
  await expect(page.locator('[data-offline-ready]')).toHaveAttribute('data-offline-ready', 'ready', {
    timeout: 20_000,
  });
}
