/**
 * Consultations in the browser (issue 18, part 3): an admin creates a consultation with two
 * audiences and three questions, previews and publishes it, a resident answers it, and the answered
 * question cannot be deleted; two tabs give the stale-edit message. Every new page is axe clean and
 * fits a 375-pixel phone. At the end the consultation is archived again, so the public site shows
 * the seeded consultation to the tests after this one.
 */
import { expect, type Page, test } from '@playwright/test';
import { toLocalInput } from '../../src/lib/consultations/local-time';
import { answerUpToSend, expectAccessible, signIn } from './support';

const slug = `proef-${Date.now().toString(36)}`;
const editor = `/staff/beheer/consultaties/${slug}`;

async function fitsPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe
  .serial('an admin runs a consultation from the browser', () => {
    test.afterAll(async ({ browser }) => {
      test.setTimeout(120_000);
      // Archive it again (also after a failure), so the seeded consultation is the current one.
      const page = await browser.newPage();
      await signIn(page, 'beheer@doemee.test');
      const response = await page.goto(editor);
      if (response?.status() === 200) {
        await page.getByLabel('Status').selectOption('archived');
        await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
        await expect(
          page.getByRole('status').filter({ hasText: 'De wijzigingen zijn opgeslagen' }),
        ).toBeVisible();
      }
      await page.close();
    });

    test('creates it with two audiences and three questions, previews and publishes it; a resident answers it', async ({
      page,
      browser,
    }) => {
      test.setTimeout(420_000); // six accessibility scans, three of them on the long editor page
      await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(page, 'beheer@doemee.test');
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
      await page.getByRole('main').getByRole('link', { name: 'Raadplegingen' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Raadplegingen' })).toBeVisible();
      await expectAccessible(page);
      await fitsPhone(page);

      await page.getByRole('link', { name: 'Nieuwe raadpleging' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe raadpleging' })).toBeVisible();
      await expectAccessible(page);
      await fitsPhone(page);

      // A first try without a question's prompt: the message sits at the field.
      await page.getByLabel('Titel').fill('Proef: wonen en hulp');
      await page.getByLabel('Adres op de website').fill(slug);
      await page.getByLabel('Samenvatting').fill('Wij willen weten hoe u wilt wonen als u ouder wordt.');
      await page.getByLabel('Open vanaf').fill(toLocalInput(new Date(Date.now() - 3_600_000)));
      await page.getByLabel('Gegevens bewaren tot').fill('2028-12-31');
      await page.locator('#onderwerp-0-code').fill('wonen');
      await page.locator('#onderwerp-0-naam').fill('Wonen');
      await page
        .locator('#doelgroep-inwoner-inleiding')
        .fill('U woont in Zoetermeer. Vertel ons hoe u wilt wonen.');
      await page.locator('#vraag-inwoner-0-code').fill('thuis');
      await page.locator('#vraag-inwoner-0-verplicht').check();
      await page.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
      await expect(page.getByRole('alert')).toContainText('Vul de vraag in');
      await expect(page.locator('#vraag-inwoner-0-vraag')).toHaveAttribute('aria-invalid', 'true');
      await expectAccessible(page);

      await page.locator('#vraag-inwoner-0-vraag').fill('Hoe wilt u later wonen?');
      await page.locator('#doelgroep-mantelzorger summary').click();
      await page.getByLabel('Mantelzorger: doet mee aan deze raadpleging').check();
      await page.locator('#doelgroep-mantelzorger-inleiding').fill('U zorgt voor iemand. Wat heeft u nodig?');
      await page.locator('#vraag-mantelzorger-0-code').fill('steun');
      await page.locator('#vraag-mantelzorger-0-vraag').fill('Wat helpt u om de zorg vol te houden?');
      await page.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
      await expect(page).toHaveURL(new RegExp(`${editor}\\?gedaan=aangemaakt$`));
      await expect(page.getByText('Status: concept')).toBeVisible();

      // The third question, on the blank row the page offers after saving.
      await page.locator('#vraag-inwoner-1-code').fill('hulp');
      await page.locator('#vraag-inwoner-1-vraag').fill('Welke hulp past bij u?');
      await page
        .locator('#vraag-inwoner-1-uitleg')
        .fill('Denk aan familie, buren of een hulp die u zelf betaalt.');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await expect(
        page.getByRole('status').filter({ hasText: 'De wijzigingen zijn opgeslagen' }),
      ).toBeVisible();
      await expectAccessible(page);
      await fitsPhone(page);

      // Preview: the resident's page, marked, sending stores nothing.
      await page.getByRole('link', { name: 'Voorbeeld voor inwoner' }).click();
      await expect(page.getByRole('note', { name: 'Voorbeeld' })).toBeVisible();
      await expect(page.getByText('Hoe wilt u later wonen?')).toBeVisible();
      await expect(page.getByText('U woont in Zoetermeer. Vertel ons hoe u wilt wonen.')).toBeVisible();
      await expectAccessible(page);
      await answerUpToSend(page, 'Een proefantwoord.');
      await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
      await expect(page.getByText('Dit is een voorbeeld. Er is niets verstuurd')).toBeVisible();
      await page.getByRole('link', { name: 'Terug naar de raadpleging' }).click();

      await page.getByRole('button', { name: 'Publiceren' }).click();
      await expect(
        page.getByRole('status').filter({ hasText: 'De raadpleging is gepubliceerd' }),
      ).toBeVisible();
      await expect(page.getByText('Status: gepubliceerd')).toBeVisible();

      // A resident (no staff session) answers it.
      const resident = await browser.newPage();
      await resident.goto('/meedoen/inwoner');
      await expect(resident.getByText('Hoe wilt u later wonen?')).toBeVisible();
      await answerUpToSend(resident, 'In mijn eigen huis, met een beetje hulp.');
      await resident.getByRole('button', { name: 'Antwoorden versturen' }).click();
      await expect(resident).toHaveURL(/\/bedankt$/);
      await resident.close();

      // The answered question: marked, and it cannot be deleted (the box is off; a forced post is refused).
      await page.goto(editor);
      const answered = page.locator('[data-vraag="thuis"]').first();
      await expect(answered).toContainText('1 antwoord');
      await expect(page.locator('#vraag-inwoner-0-weg')).toBeDisabled();
      await expect(page.locator('#vraag-inwoner-0-code')).toHaveAttribute('readonly', '');
      await page.locator('#vraag-inwoner-0-weg').evaluate((box) => {
        (box as HTMLInputElement).disabled = false;
        (box as HTMLInputElement).checked = true;
      });
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await expect(page.getByRole('alert')).toContainText('heeft al antwoorden en kan daarom niet weg');
      await expect(page.locator('#vraag-inwoner-0-weg-fout')).toBeVisible();
      await expectAccessible(page);
    });

    test('editing in two tabs: the second save gets the stale-edit message', async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext();
      const first = await context.newPage();
      await signIn(first, 'beheer@doemee.test');
      await first.goto(editor);
      const second = await context.newPage();
      await second.goto(editor);
      await first.getByLabel('Titel').fill('Proef: wonen en hulp (tab 1)');
      await first.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await expect(
        first.getByRole('status').filter({ hasText: 'De wijzigingen zijn opgeslagen' }),
      ).toBeVisible();
      await second.getByLabel('Titel').fill('Proef: wonen en hulp (tab 2)');
      await second.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await expect(second.getByRole('alert')).toContainText('Iemand anders heeft deze raadpleging gewijzigd');
      await expect(second.getByRole('heading', { level: 1 })).toHaveText('Proef: wonen en hulp (tab 1)');
      await context.close();
    });
  });
