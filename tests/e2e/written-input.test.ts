/**
 * Issue 19: an analyst uploads an advice letter, checks the split (leaves out the letterhead,
 * merges and splits points), saves, answers two points and downloads the appendix, whose Word
 * text (read back with mammoth) has each point followed by its response.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { Document, Packer, Paragraph } from 'docx';
import mammoth from 'mammoth';
import { expectAccessible, signIn } from './support';

const letter = [
  'Adviesraad Sociaal Domein Zoetermeer',
  'Postbus 15, 2700 AA Zoetermeer',
  'Geacht college,',
  'Hierbij ons advies over de huishoudelijke ondersteuning.',
  'Advies 1: Kijk verder vooruit dan 2027.',
  'Advies 2: Werk positieve gezondheid concreet uit. Maak er ook een plan voor preventie bij.',
  'Advies 3: Vraag de huishoudelijke hulpen wat zij zien bij mensen thuis.',
  'Advies 4: Zoek de ruimte in de regels.',
  'Met vriendelijke groet,',
  'de voorzitter',
];

test('an advice letter: upload, check the split, save, answer two points, export', async ({ page }, info) => {
  test.setTimeout(180_000);
  const file = info.outputPath('advies-adviesraad.docx');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    file,
    await Packer.toBuffer(new Document({ sections: [{ children: letter.map((p) => new Paragraph(p)) }] })),
  );

  await signIn(page, 'analist@doemee.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Brieven' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Brieven en adviezen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Brief of advies toevoegen' }).click();
  await expectAccessible(page);

  // Nothing chosen: the form says what is missing, and keeps what was typed.
  await page.getByLabel('Van welke organisatie?').fill('Adviesraad Sociaal Domein');
  await page.getByRole('button', { name: 'Verder: punten controleren' }).click();
  await expect(page.getByRole('alert')).toContainText('Kies een bestand of plak de tekst');
  await expect(page.getByLabel('Van welke organisatie?')).toHaveValue('Adviesraad Sociaal Domein');
  await expectAccessible(page);

  await page.getByLabel('Formeel advies').check();
  await page.getByLabel('Onderwerp (niet verplicht)').fill('Advies huishoudelijke ondersteuning');
  await page.getByLabel('Bestand').setInputFiles(file);
  await page.getByRole('button', { name: 'Verder: punten controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Punten controleren' })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('4 punten worden opgeslagen');
  // Letterhead, salutation, introduction and signature are left out, the four advices kept.
  await expect(page.getByRole('checkbox', { name: 'Opslaan als punt' })).toHaveCount(10);
  await expect(page.getByRole('checkbox', { name: 'Opslaan als punt', checked: true })).toHaveCount(4);
  await expect(page.getByLabel('Tekst van punt 1')).toHaveValue('Kijk verder vooruit dan 2027.');
  await expectAccessible(page);

  // Split point 2 at its second sentence, then merge points 3 and 4 back.
  const second = page.getByLabel('Tekst van punt 2');
  await second.click();
  await second.evaluate((el: HTMLTextAreaElement) => {
    const at = el.value.indexOf('Maak er');
    el.setSelectionRange(at, at);
  });
  await page
    .getByRole('listitem')
    .filter({ has: second })
    .getByRole('button', { name: 'Splitsen bij de cursor' })
    .click();
  await expect(page.getByRole('status').first()).toContainText('5 punten worden opgeslagen');
  await expect(page.getByLabel('Tekst van punt 3')).toHaveValue('Maak er ook een plan voor preventie bij.');
  await page
    .getByRole('listitem')
    .filter({ has: page.getByLabel('Tekst van punt 2') })
    .getByRole('button', { name: 'Samenvoegen met volgende' })
    .click();
  await expect(page.getByLabel('Tekst van punt 2')).toHaveValue(
    'Werk positieve gezondheid concreet uit.\n\nMaak er ook een plan voor preventie bij.',
  );
  await page.getByRole('button', { name: 'Punten opslaan' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'Formeel advies van Adviesraad Sociaal Domein' }),
  ).toBeVisible();
  await expect(page.getByText('4 punten zijn opgeslagen')).toBeVisible();
  await expect(page.getByText('0 van 4')).toBeVisible();
  await expectAccessible(page);

  for (const [n, text, status] of [
    [1, 'Het college kijkt vooruit tot **2030**.', 'Overgenomen'],
    [3, 'We vragen de hulpen om signalen.', 'Wordt onderzocht'],
  ] as const) {
    await page.getByLabel(`Reactie college op punt ${n}`).fill(text);
    await page
      .getByRole('group', { name: `Wat doet het college met punt ${n}?` })
      .getByLabel(status, { exact: true })
      .check();
    await page.getByRole('button', { name: `Reactie op punt ${n} opslaan` }).click();
    await expect(page.getByText('De reactie is opgeslagen.')).toBeVisible();
  }
  await expect(page.getByText('2 van 4')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Bijlage .reactie college per advies/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('bijlage-reactie-college-adviesraad-sociaal-domein.docx');
  const { value } = await mammoth.extractRawText({ buffer: await readFile(await download.path()) });
  const lines = value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const at = (text: string) => lines.findIndex((l) => l.includes(text));
  expect(at('Bijlage 1: reactie college per advies van Adviesraad Sociaal Domein')).toBe(0);
  expect(at('Kijk verder vooruit dan 2027.')).toBeLessThan(
    at('Reactie college: Het college kijkt vooruit tot 2030.'),
  );
  expect(at('Reactie college: Het college kijkt vooruit tot 2030.')).toBeLessThan(
    at('Werk positieve gezondheid'),
  );
  expect(at('Werk positieve gezondheid')).toBeLessThan(at('Nog geen reactie.'));
  expect(at('Vraag de huishoudelijke hulpen')).toBeLessThan(
    at('Reactie college: We vragen de hulpen om signalen.'),
  );
  expect(at('Reactie college: We vragen de hulpen om signalen.')).toBeLessThan(
    at('Zoek de ruimte in de regels.'),
  );

  // The overview counts the answered points.
  await page.getByRole('link', { name: 'Terug naar brieven en adviezen' }).click();
  await expect(page.getByRole('row', { name: /Adviesraad Sociaal Domein/ })).toContainText(
    '2 van 4 beantwoord',
  );
});

test('a stale response is not saved, and a moderator sees responses without forms', async ({ browser }) => {
  test.setTimeout(120_000);
  const analystContext = await browser.newContext();
  const analyst = await analystContext.newPage();
  await signIn(analyst, 'analist@doemee.test');
  await analyst.goto('/staff/inbreng/nieuw');
  await analyst.getByLabel('Van welke organisatie?').fill('Ouderenbond Zoetermeer');
  await analyst.getByLabel('Formeel advies').check();
  await analyst
    .getByLabel('Of plak de tekst')
    .fill('1. Meer bankjes in het park.\n2. Een bus naar de markt.');
  await analyst.getByRole('button', { name: 'Verder: punten controleren' }).click();
  await analyst.getByRole('button', { name: 'Punten opslaan' }).click();
  await expect(analyst.getByText('0 van 2')).toBeVisible();

  // Two tabs: the first saves, the second still has the old version.
  const other = await analystContext.newPage();
  await other.goto(analyst.url());
  await analyst.getByLabel('Reactie college op punt 1').fill('Er komen tien bankjes.');
  await analyst
    .getByRole('group', { name: 'Wat doet het college met punt 1?' })
    .getByLabel('Overgenomen', { exact: true })
    .check();
  await analyst.getByRole('button', { name: 'Reactie op punt 1 opslaan' }).click();
  await expect(analyst.getByText('De reactie is opgeslagen.')).toBeVisible();
  await other.getByLabel('Reactie college op punt 1').fill('Er komen geen bankjes.');
  await other
    .getByRole('group', { name: 'Wat doet het college met punt 1?' })
    .getByLabel('Niet overgenomen', { exact: true })
    .check();
  await other.getByRole('button', { name: 'Reactie op punt 1 opslaan' }).click();
  await expect(other.getByRole('alert')).toContainText(
    'Iemand anders heeft dit punt of de reactie intussen veranderd',
  );
  await expect(other.getByLabel('Reactie college op punt 1')).toHaveValue('Er komen geen bankjes.');
  await expect(other.getByText('Nu opgeslagen reactie:')).toBeVisible();
  await expectAccessible(other);
  const url = analyst.url().split('?')[0] as string;

  const moderator = await (await browser.newContext()).newPage();
  await signIn(moderator, 'moderator@doemee.test');
  await moderator.goto(url);
  await expect(moderator.getByText('Er komen tien bankjes.')).toBeVisible();
  await expect(moderator.getByRole('button', { name: /Reactie op punt/ })).toHaveCount(0);
  await expect(moderator.getByRole('link', { name: /Bijlage/ })).toHaveCount(0);
  expect((await moderator.request.get(`${url}/bijlage.docx`)).status()).toBe(403);
  await expectAccessible(moderator);
});
