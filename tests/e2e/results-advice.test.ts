/**
 * Issue 19, part 2: an advice whose response the college adopted shows on the next published
 * version of "wat we hoorden", each point with the college's response; a draft response never
 * does. Runs on the closed consultation's server after publishing.test.ts (file order), so the
 * main server's results page stays as the other tests expect.
 */
import { expect, test } from '@playwright/test';
import { closedBaseURL } from '../playwright.config';
import { expectAccessible, openHydrated, signIn } from './support';

test.use({ baseURL: closedBaseURL });

const slug = 'krachtig-oud-worden';
const results = `/resultaten/${slug}`;
// The advice comes in today (the form's default), so the college decides today as well.
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const todayText = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeZone: 'Europe/Amsterdam',
}).format(new Date());
const points = [
  'Zorg dat inwoners zoveel mogelijk dezelfde huishoudelijke hulp houden.',
  'Leg in gewone taal uit wat positieve gezondheid voor de hulp thuis betekent.',
];

test('an adopted advice appears on the next version with each point and the college’s response', async ({
  page,
  browser,
}, info) => {
  test.setTimeout(240_000);
  const visitor = await (await browser.newContext({ baseURL: closedBaseURL })).newPage();
  await visitor.goto(results);
  const publicTheme =
    (await visitor.locator('section.dm-theme-result h2').first().textContent())?.trim() ?? '';
  expect(publicTheme).not.toBe('');
  await expect(visitor.getByRole('heading', { name: 'Adviezen en de reactie van het college' })).toHaveCount(
    0,
  );

  // The analyst brings in the advice.
  await signIn(page, 'analist@doemee.test');
  await page.goto('/staff/inbreng/nieuw');
  await page.getByLabel('Van welke organisatie?').fill('Adviesraad Sociaal Domein');
  await page.getByLabel('Formeel advies').check();
  await page.getByLabel('Of plak de tekst').fill(points.map((p, n) => `Advies ${n + 1}: ${p}`).join('\n\n'));
  await page.getByRole('button', { name: 'Verder: punten controleren' }).click();
  await page.getByRole('button', { name: 'Punten opslaan' }).click();
  await expect(page.getByText('0 van 2')).toBeVisible();
  const advice = page.url().split('?')[0] ?? '';

  // A moderator approves both points.
  const moderator = await (await browser.newContext({ baseURL: closedBaseURL })).newPage();
  await signIn(moderator, 'moderator@doemee.test');
  await moderator.goto('/staff/moderatie?status=new&kanaal=schriftelijk');
  for (const text of points) {
    const card = moderator.locator('li[data-item-id]', { hasText: text });
    await card.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(card).toHaveCount(0);
  }

  // Point 1 answered and linked to a public theme; adoption is refused while point 2 is open.
  await page.goto(advice);
  await page
    .getByLabel('Reactie college op punt 1')
    .fill('Het college neemt dit over. **Vaste hulp** waar het kan.');
  await page
    .getByRole('group', { name: 'Wat doet het college met punt 1?' })
    .getByLabel('Overgenomen', { exact: true })
    .check();
  await page.getByText('Thema’s bij dit punt').first().click();
  await page
    .getByRole('group', { name: 'Thema’s bij punt 1' })
    .getByLabel(publicTheme, { exact: true })
    .check();
  await page.getByRole('button', { name: 'Reactie op punt 1 opslaan' }).click();
  await expect(page.getByText('De reactie is opgeslagen.')).toBeVisible();
  await page.getByLabel('Datum van het besluit van het college').fill(today);
  await page.getByRole('button', { name: 'Reactie is vastgesteld' }).click();
  await expect(page.getByRole('alert')).toContainText('Punt 2 heeft nog geen reactie');
  await expectAccessible(page);

  await page.getByLabel('Reactie college op punt 2').fill('We onderzoeken dit met de adviesraad.');
  await page
    .getByRole('group', { name: 'Wat doet het college met punt 2?' })
    .getByLabel('Wordt onderzocht', { exact: true })
    .check();
  await page.getByRole('button', { name: 'Reactie op punt 2 opslaan' }).click();
  await expect(page.getByText('De reactie is opgeslagen.')).toBeVisible();
  await page.getByLabel('Datum van het besluit van het college').fill(today);
  await page.getByRole('button', { name: 'Reactie is vastgesteld' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'De datum van het besluit is opgeslagen.' }),
  ).toBeVisible();
  await expect(page.locator('[data-adopted]')).toContainText(todayText);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: info.outputPath('advies-vastgesteld-1280.png'), fullPage: true });

  // Nothing public changes until a version is published.
  await visitor.reload();
  await expect(visitor.getByText(points[0] ?? '')).toHaveCount(0);

  // Freeze and preview: the advice is new on the page.
  await openHydrated(page, `/staff/themas/${slug}`);
  await page.getByText('Versies (', { exact: false }).click();
  await page.getByLabel('Naam van de versie').fill('Met het advies van de adviesraad');
  await page.getByRole('button', { name: 'Versie vastleggen' }).click();
  await expect(page.locator('[data-snapshots]')).toContainText('Met het advies van de adviesraad');
  await page.goto(`/staff/themas/${slug}/publiceren`);
  await page
    .locator('tr', { hasText: 'Met het advies van de adviesraad' })
    .getByRole('link', { name: 'Bekijken en publiceren' })
    .click();
  await expect(page.locator('[data-changes]')).toContainText(
    'Advies van Adviesraad Sociaal Domein: nieuw op de pagina, met de reactie van het college',
  );
  const preview = page.getByRole('region', { name: 'Voorbeeld van de openbare pagina' });
  await expect(preview.getByText('We onderzoeken dit met de adviesraad.')).toBeVisible();
  await page.getByLabel('Titel op de website').fill('Wat we hoorden, met het advies van de adviesraad');
  await page.getByLabel(/Ik heb het voorbeeld hieronder bekeken/).check();
  await page.getByRole('button', { name: 'Publiceer deze versie' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'De versie staat nu op de website.' }),
  ).toBeVisible();

  // What a resident reads.
  await visitor.goto(results);
  const section = visitor.getByRole('region', { name: 'Adviezen en de reactie van het college' });
  await expect(section.getByRole('heading', { name: 'Advies van Adviesraad Sociaal Domein' })).toBeVisible();
  await expect(section).toContainText(`Reactie van het college vastgesteld op ${todayText}`);
  const items = section.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(points[0] ?? '');
  await expect(items.nth(0)).toContainText('Reactie van het college: overgenomen');
  await expect(items.nth(0).locator('strong', { hasText: 'Vaste hulp' })).toBeVisible();
  await expect(items.nth(1)).toContainText('Reactie van het college: wordt onderzocht');
  await items.nth(0).getByRole('link', { name: publicTheme }).click();
  await expect(visitor.getByRole('heading', { level: 2, name: publicTheme })).toBeInViewport();
  await expectAccessible(visitor);
  for (const width of [1280, 375]) {
    await visitor.setViewportSize({ width, height: 900 });
    await visitor.goto(`${results}#adviezen`);
    await visitor.screenshot({ path: info.outputPath(`resultaten-advies-${width}.png`), fullPage: true });
  }
});
