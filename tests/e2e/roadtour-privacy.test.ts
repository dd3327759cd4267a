import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Issue 16 item 16: the facilitator app warns while a note with personal data is typed and removes
// it with one button; the printable summary masks personal data in notes nobody moderated yet.

const topicA = 'Krachtig oud worden — wat is belangrijk';
const warning = 'Er staat misschien een naam of telefoonnummer in uw notitie.';

function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

async function planStop(page: Page, name: string): Promise<void> {
  await page.goto('/staff/roadtour/nieuw');
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await page.getByLabel('Naam van de bijeenkomst').fill(name);
  await page.getByLabel('Plaats (adres of gebouw)').fill('Buurthuis De Leyhoeve');
  await page.getByLabel('Datum', { exact: true }).fill(tomorrow());
  await page.getByLabel('Begintijd').fill('14:00');
  await page.getByLabel('Soort groep').selectOption('ouderenbond');
  await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
  await expect(page).toHaveURL(/\/staff\/roadtour\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}

/** The stop page's one note form. */
const noteForm = (page: Page): Locator => page.getByRole('region', { name: 'Aantekening maken' });

test('warns while a note with a name and phone number is typed; one button removes them', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 375, height: 900 });
  await signIn(page, 'facilitator@doemee.test');
  await planStop(page, `Privacy bij het typen ${Date.now()}`);

  const section = noteForm(page);
  await section.getByLabel('Onderwerp').selectOption({ label: topicA });
  const field = section.getByLabel('Wat werd er gezegd?');
  const hint = section.locator('[data-pii-hint] [role="status"]');
  await field.fill('Zelf blijven koken is belangrijk.');
  await expect(section.getByRole('button', { name: 'Deze gegevens weghalen' })).toHaveCount(0);

  await field.fill('Mevrouw Jansen wil teruggebeld worden op (06-53829104) over de hulp.');
  await expect(hint).toContainText(warning);
  await expect(hint).toContainText('Jansen (naam)');
  await expect(hint).toContainText('06-53829104 (telefoonnummer)');
  // The field points to the warning, so a screen reader reads it with the field.
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain(await hint.getAttribute('id'));
  await expectAccessible(page);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('note-warning-375.png'), fullPage: false });

  // Keyboard only: the button comes right after the field; Enter removes, the focus goes back.
  await field.focus();
  await page.keyboard.press('Tab');
  await expect(section.getByRole('button', { name: 'Deze gegevens weghalen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue(
    'Mevrouw [naam] wil teruggebeld worden op ([telefoonnummer]) over de hulp.',
  );
  await expect(field).toBeFocused();
  await expect(hint).toContainText('Weggehaald.');
  await expect(hint).not.toContainText(warning);
  await expect(section.getByRole('button', { name: 'Deze gegevens weghalen' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('note-removed-375.png'), fullPage: false });
});

test('the printed summary masks a name, house number and phone number in an unmoderated note', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'facilitator@doemee.test');
  const stopName = `Privacy in de samenvatting ${Date.now()}`;
  await planStop(page, stopName);

  const section = noteForm(page);
  await section.getByLabel('Onderwerp').selectOption({ label: topicA });
  const body = 'Mevrouw Jansen op de Dorpsstraat 12 wacht al weken; bel haar dochter op 06-53829104.';
  await section.getByLabel('Zorg', { exact: true }).check();
  await section.getByLabel('Wat werd er gezegd?').fill(body);
  // The facilitator may ignore the warning: the note is kept as typed, for the moderator.
  await expect(section.locator('[data-pii-hint]')).toContainText(warning);
  await section.getByRole('button', { name: 'Toevoegen' }).click();
  const stored = page.locator('li[data-note-id]', { hasText: 'Dorpsstraat 12' });
  await expect(stored).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

  await page.getByRole('link', { name: 'Samenvatting om te printen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Wat we hoorden: ${stopName}` })).toBeVisible();
  const article = page.locator('article.dm-summary');
  await expect(article).toContainText('Namen schrijven we niet op.');
  await expect(article).toContainText(
    'Mevrouw [naam] op de [adres] wacht al weken; bel haar dochter op [telefoonnummer].',
  );
  for (const secret of ['Jansen', 'Dorpsstraat 12', '06-53829104']) {
    await expect(article).not.toContainText(secret);
  }
  await expect(page.locator('[data-masked-note]')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('summary-1280.png'), fullPage: true });
});
