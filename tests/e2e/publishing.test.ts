import { expect, type Page, test } from '@playwright/test';
import { closedBaseURL } from '../playwright.config';
import { expectAccessible, openHydrated, signIn } from './support';

// Issue 15: what residents read on "wat we hoorden" is one published version. The closed
// consultation's server is used, so the other tests' board work cannot interfere.
test.use({ baseURL: closedBaseURL });

const board = '/staff/themas/krachtig-oud-worden';
const publishing = `${board}/publiceren`;
const results = '/resultaten/krachtig-oud-worden';

/** What a resident sees: the title line and the theme headings. */
async function publicView(page: Page): Promise<string[]> {
  await page.goto(results);
  return [
    (await page.locator('.dm-lead').textContent()) ?? '',
    ...(await page.locator('section.dm-theme-result h2').allTextContents()),
  ];
}

test('snapshot, preview, publish; board work changes nothing public until the next version; one e-mail', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const visitor = await (await browser.newContext({ baseURL: closedBaseURL })).newPage();

  // The demo data has one version online; the home page leads there.
  await visitor.goto('/');
  await visitor.getByRole('link', { name: 'Lees wat we hoorden.' }).click();
  await expect(visitor).toHaveURL(new RegExp(`${results}$`));
  await expect(
    visitor.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wat we hoorden' }),
  ).toBeVisible();
  const online = await publicView(visitor);
  expect(online[0]).toBe('Wat we tot nu toe hoorden over hulp in het huishouden');
  expect(online).not.toContain('Familie, buren en mantelzorgers');
  await expect(visitor.locator('[data-count-definition]')).toContainText('Ook genoemd');

  // On the board: mark one more theme for the public page and freeze a version.
  await signIn(page, 'analist@doemee.test');
  await openHydrated(page, board);
  await page
    .getByRole('list', { name: 'Thema’s' })
    .getByRole('button', { name: /^Familie, buren en mantelzorgers/ })
    .click();
  await page.getByRole('checkbox', { name: 'Op openbare pagina' }).check();
  await expect(page.locator('[data-announcer]')).toContainText('Familie, buren en mantelzorgers');
  await page.getByText('Versies (', { exact: false }).click();
  await page.getByLabel('Naam van de versie').fill('Concept voor de raad');
  await page.getByRole('button', { name: 'Versie vastleggen' }).click();
  await expect(page.locator('[data-snapshots]')).toContainText('Concept voor de raad');
  expect(await publicView(visitor)).toEqual(online);

  // A re-run changes nothing public either.
  await page.getByRole('button', { name: 'Thema’s voorstellen' }).click();
  await expect(page.locator('.dm-job')).toHaveAttribute('data-job-status', 'done', { timeout: 60_000 });
  expect(await publicView(visitor)).toEqual(online);

  // Preview the version: exactly what residents will see, and what changes.
  await page.goto(publishing);
  await expectAccessible(page);
  await page
    .locator('tr', { hasText: 'Concept voor de raad' })
    .getByRole('link', { name: 'Bekijken en publiceren' })
    .click();
  await expect(page.locator('[data-changes]')).toContainText(
    'Familie, buren en mantelzorgers: nieuw op de pagina',
  );
  const preview = page.getByRole('region', { name: 'Voorbeeld van de openbare pagina' });
  await expect(
    preview.getByRole('heading', { level: 2, name: 'Familie, buren en mantelzorgers' }),
  ).toBeVisible();
  await expectAccessible(page);

  // Publishing needs the confirmation.
  await page.getByLabel('Titel op de website').fill('Wat we hoorden: de stand in december');
  await page.getByRole('button', { name: 'Publiceer deze versie' }).click();
  // The browser's own check keeps the form until the box is ticked.
  await expect(page).toHaveURL(/versie=/);
  await page.getByLabel(/Ik heb het voorbeeld hieronder bekeken/).check();
  await page.getByRole('button', { name: 'Publiceer deze versie' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'De versie staat nu op de website.' }),
  ).toBeVisible();

  const now = await publicView(visitor);
  expect(now[0]).toBe('Wat we hoorden: de stand in december');
  expect(now).toContain('Familie, buren en mantelzorgers');
  expect(now.join(' ')).not.toContain('Concept voor de raad');
  await expect(visitor.getByRole('heading', { name: 'Eerdere versies' })).toBeVisible();
  await visitor.getByRole('link', { name: 'Wat we tot nu toe hoorden over hulp in het huishouden' }).click();
  await expect(visitor.locator('[data-version]')).toContainText('Dit is een eerdere versie');
  await expectAccessible(visitor);

  // The e-mail: the number of recipients first, then sent once.
  await page.goto(`${publishing}#email`);
  await expect(page.locator('[data-recipients]')).toContainText('3 mensen');
  await page.getByText('Bekijk de e-mail').click();
  await expect(page.getByText(/Onderwerp:/)).toBeVisible();
  await page.getByLabel(/Ja, stuur de e-mail nu naar 3 mensen/).check();
  await page.getByRole('button', { name: 'E-mail versturen' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'De e-mail staat klaar voor 3 mensen' }),
  ).toBeVisible();
  await expect(page.locator('[data-mail-sent]')).toContainText('Dat kan maar één keer');
  await expect(page.getByRole('button', { name: 'E-mail versturen' })).toHaveCount(0);

  // A second send (an old tab, a double click) sends nothing more.
  const csrf = (await page.context().cookies()).find((c) => c.name === 'dm_csrf')?.value ?? '';
  const again = await page.request.post(publishing, {
    form: { csrf, stap: 'email', zeker: 'ja' },
    headers: { origin: closedBaseURL },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(422);
  expect(await again.text()).toContain('De e-mail is al verstuurd');

  const admin = await (await browser.newContext({ baseURL: closedBaseURL })).newPage();
  await signIn(admin, 'beheer@doemee.test');
  await admin.goto('/staff/outbox');
  await expect(admin.locator('tbody tr')).toHaveCount(3);
});
