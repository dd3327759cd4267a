import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

// Issue 19, part 3: spreadsheet import through the staff screens (plain forms: the last test
// goes through them with JavaScript switched off).
// A long flow of four screens, each checked with axe: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 180_000 });

const ambiguous = 'Wat is voor u belangrijk om krachtig oud te worden en hoe kunt u daarbij geholpen worden?';

function dutchCsv(tag: string): Buffer {
  const lines = [
    `Volgnummer;Doelgroep;Datum;Wijk;${ambiguous};schoon-huis;Opmerking`,
    `1;inwoner;2-12-2026;Dorp;Samen koken met de buren (${tag}).;Een vaste hulp, mail mij op j.jansen@example.nl;`,
    `2;inwoner;3-12-2026;Nergenshuizen;Deze wijk bestaat niet (${tag}).;;`,
    `3;Inwoner;4-12-2026;;Bewegen in de wijk, één keer per week (${tag}).;;overgetypt`,
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function upload(page: Page, file: Buffer, source: { existing?: string; name?: string }) {
  await page.goto('/staff/inbreng/importeren');
  if (source.existing) await page.getByLabel('Bestaande bron').selectOption({ label: source.existing });
  if (source.name) await page.locator('#nieuwe-bron').fill(source.name);
  await page
    .getByLabel('Bestand (.xlsx of .csv)')
    .setInputFiles({ name: 'formulieren.csv', mimeType: 'text/csv', buffer: file });
  await page.getByRole('button', { name: 'Volgende: kolommen koppelen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kolommen koppelen' })).toBeVisible();
}

test('a moderator imports a Dutch CSV: upload, mapping, preview with row errors, confirm, result; again adds nothing', async ({
  page,
}) => {
  const tag = `e2e ${Date.now()}`;
  const source = `Papieren formulieren ${tag}`;
  const file = dutchCsv(tag);
  await signIn(page, 'moderator@doemee.test');
  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('link', { name: 'Import', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spreadsheet importeren' })).toBeVisible();
  await expectAccessible(page);

  // A file of another type is refused before anything is parsed.
  await page.locator('#nieuwe-bron').fill(source);
  await page
    .getByLabel('Bestand (.xlsx of .csv)')
    .setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7') });
  await page.getByRole('button', { name: 'Volgende: kolommen koppelen' }).click();
  await expect(page.getByRole('alert')).toContainText('Dit soort bestand kunnen we niet lezen');
  await expectAccessible(page);

  await upload(page, file, { name: source });
  // Known names are mapped; the question two audiences share and the unknown column ask for a choice.
  await expect(page.getByText('past bij vragen van meer doelgroepen')).toBeVisible();
  await expect(page.getByText('Kolom "Opmerking" herkennen we niet')).toBeVisible();
  await expect(page.getByLabel('Kolom "Volgnummer"')).toHaveValue('negeren');
  await expectAccessible(page);
  await page.getByLabel(`Kolom "${ambiguous}"`).selectOption('vraag:inwoner:krachtig-oud-worden');
  await page.getByLabel('Kolom "Opmerking"').selectOption('negeren');
  await page.getByRole('button', { name: 'Volgende: voorbeeld bekijken' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Voorbeeld van de import' })).toBeVisible();
  await expect(page.getByText('Er is nog niets opgeslagen.', { exact: false })).toBeVisible();
  const errors = page.getByRole('table');
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(errors.getByRole('row').nth(1)).toContainText('3');
  await expect(errors).toContainText('De wijk "Nergenshuizen" staat niet in de lijst');
  await expect(page.getByRole('heading', { level: 3, name: 'Rij 2' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Rij 4' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel(/Ik heb de fouten gezien/).check();
  await page.getByRole('button', { name: 'Importeer 2 rijen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import klaar' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('3 antwoorden staan nu bij de moderatie');
  await expect(page.getByRole('list', { name: 'Uitkomst' })).toContainText(
    '1 rij met fouten (niet opgeslagen)',
  );
  await expectAccessible(page);

  // In moderation like any answer: channel import with the source's name, personal data marked.
  await page.getByRole('link', { name: 'Naar de moderatie' }).click();
  const item = page.locator('.dm-item', { hasText: 'Een vaste hulp, mail mij op' });
  await expect(item).toContainText(`Bron: ${source}`);
  await expect(item).toContainText('Import (spreadsheet)');
  await expect(item.locator('mark')).toContainText('j.jansen@example.nl');

  // The same file again: the mapping is remembered, and every row is recognised.
  await upload(page, file, { existing: source });
  await expect(page.getByText('herkennen we niet')).toHaveCount(0);
  await page.getByRole('button', { name: 'Volgende: voorbeeld bekijken' }).click();
  await expect(page.getByText('waarvan 2 rijen al eerder geïmporteerd')).toBeVisible();
  await page.getByLabel(/Ik heb de fouten gezien/).check();
  await page.getByRole('button', { name: 'Importeren (voegt niets toe)' }).click();
  await expect(page.getByRole('status')).toContainText('Er is niets nieuws opgeslagen');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an analyst imports an RFC 4180 CSV with plain form posts', async ({ page }) => {
    const tag = `zonder js ${Date.now()}`;
    await signIn(page, 'analist@doemee.test');
    const csv = `Doelgroep,Wijk,schoon-huis\ninwoner,Dorp,"Hulp bij de ramen, twee keer per jaar (${tag})."\n`;
    await upload(page, Buffer.from(csv), { name: `Enquête bibliotheek ${tag}` });
    await expect(page.getByLabel('Kolom "schoon-huis"')).toHaveValue('vraag:inwoner:schoon-huis');
    await page.getByRole('button', { name: 'Volgende: voorbeeld bekijken' }).click();
    await expect(page.getByText(`Hulp bij de ramen, twee keer per jaar (${tag}).`)).toBeVisible();
    await page.getByRole('button', { name: 'Importeer 1 rij' }).click();
    await expect(page.getByRole('status')).toContainText('1 antwoord staat nu bij de moderatie');
    // Analysts do not moderate: no link to the queue.
    await expect(page.getByRole('link', { name: 'Naar de moderatie' })).toHaveCount(0);
  });
});

test('a facilitator gets no import screen', async ({ page }) => {
  await signIn(page, 'facilitator@doemee.test');
  await expect(
    page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Import', exact: true }),
  ).toHaveCount(0);
  const response = await page.goto('/staff/inbreng/importeren');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
});
