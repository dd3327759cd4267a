import { randomBytes } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { mailCatcherURL } from '../playwright.config';
import { expectAccessible, signIn } from './support';

/**
 * Issue 18, "Done when": an admin invites a moderator, the moderator sets a password from the
 * e-mail (sent by the server over SMTP to tests/support/mail-catcher.mjs), signs in, is made
 * analyst, is deactivated and is signed out at once; "wachtwoord vergeten" end to end; the log shows
 * all of it in Dutch with names.
 */
const here = '/staff/beheer/medewerkers';
const suffix = randomBytes(3).toString('hex');
const email = `nieuw-${suffix}@doemee.test`;
const name = `Noor Nieuw ${suffix}`;
const row = (page: Page) => page.locator(`tr[data-medewerker="${email}"]`);

/** The link in the newest e-mail to this address with this subject, waiting for it to arrive. */
async function linkFromMail(subject: string, after = 0): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${mailCatcherURL}/messages?to=${encodeURIComponent(email)}`);
        const messages = ((await response.json()) as { subject: string; text: string }[]).filter(
          (m) => m.subject === subject,
        );
        link = /https?:\/\/\S+\/staff\/wachtwoord-instellen\?token_hash=\S+/.exec(
          messages.slice(after).at(-1)?.text ?? '',
        )?.[0];
        return link !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  // The e-mail carries the public address; the test server listens elsewhere.
  const url = new URL(link as string);
  return `${url.pathname}${url.search}`;
}

async function choosePassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord instellen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Nieuw wachtwoord').fill(password);
  await page.getByLabel('Typ het wachtwoord nog een keer').fill(password);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

async function signedOut(page: Page): Promise<void> {
  await page.reload();
  await expect(page).toHaveURL(/\/staff\/inloggen\?reden=verlopen/);
}

test('invite → password from the e-mail → analyst → deactivated → wachtwoord vergeten, all in the log', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const newcomerContext = await browser.newContext();
  const newcomer = await newcomerContext.newPage();
  try {
    await signIn(page, 'beheer@doemee.test');
    await page.goto(here);

    // Bad input is named at the field; an address that has an account says so.
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Uitnodiging sturen' }) });
    await form.getByLabel('E-mailadres').fill('moderator@doemee.test');
    await form.getByLabel('Naam').fill('Dubbel');
    await form.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await expect(form.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('Er is al een account met dit e-mailadres.');
    await expectAccessible(page);

    // The invitation.
    await form.getByLabel('E-mailadres').fill(email);
    await form.getByLabel('Naam').fill(name);
    await form.getByLabel('Rol').selectOption({ label: 'Moderator' });
    await form.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await expect(page.getByRole('status')).toContainText(`We hebben ${name} een uitnodiging gestuurd`);
    await expect(row(page)).toContainText('Moderator');
    await expect(row(page)).toContainText('Nog nooit');
    await expect(
      row(page).getByRole('button', { name: `Uitnodiging opnieuw sturen aan ${name}` }),
    ).toBeVisible();
    await expectAccessible(page);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: test.info().outputPath(`uitnodigen-${width}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // The newcomer opens the e-mail, chooses a password and is in, as moderator.
    const invitation = await linkFromMail('Uitnodiging voor de werkplek van Doe Mee');
    await choosePassword(newcomer, invitation, 'een fiets langs de Dobbe');
    await newcomer.goto('/staff/moderatie');
    await expect(newcomer.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(newcomer).toHaveURL(/\/staff\/moderatie/);
    // The link worked once.
    await newcomer.context().clearCookies();
    // (Opening it uses nothing up, as mail scanners open links; sending the form does.)
    await newcomer.goto(invitation);
    await newcomer.getByLabel('Nieuw wachtwoord').fill('iemand anders probeert het');
    await newcomer.getByLabel('Typ het wachtwoord nog een keer').fill('iemand anders probeert het');
    await newcomer.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect(newcomer.getByText('De link is verlopen of al gebruikt.')).toBeVisible();
    await newcomer.goto('/staff/inloggen');
    await newcomer.getByLabel('E-mailadres').fill(email);
    await newcomer.getByLabel('Wachtwoord').fill('een fiets langs de Dobbe');
    await newcomer.getByRole('button', { name: 'Inloggen' }).click();
    await expect(newcomer).toHaveURL(/\/staff$/);

    // Made analyst: signed out at once.
    await page.reload();
    await expect(row(page).getByRole('button', { name: /Uitnodiging opnieuw/ })).toHaveCount(0);
    await page.getByLabel(`Nieuwe rol voor ${name}`).selectOption({ label: 'Analist' });
    await row(page).getByRole('button', { name: 'Rol opslaan' }).click();
    await expect(page.getByRole('status')).toHaveText(`De rol van ${name} is nu analist.`);
    await signedOut(newcomer);

    // Deactivated: signed out at once (after signing in again as analyst).
    await newcomer.getByLabel('E-mailadres').fill(email);
    await newcomer.getByLabel('Wachtwoord').fill('een fiets langs de Dobbe');
    await newcomer.getByRole('button', { name: 'Inloggen' }).click();
    await expect(newcomer).toHaveURL(/\/staff$/);
    await row(page)
      .getByRole('button', { name: `${name} uitzetten` })
      .click();
    await expect(page.getByRole('status')).toContainText(`${name} kan niet meer inloggen`);
    await signedOut(newcomer);

    // Back on, the password forgotten: a link by e-mail, a new password, signed in.
    await row(page)
      .getByRole('button', { name: `${name} weer aanzetten` })
      .click();
    await expect(page.getByRole('status')).toHaveText(`${name} kan weer inloggen.`);
    await newcomer.goto('/staff/inloggen');
    await newcomer.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await newcomer.getByLabel('E-mailadres').fill(email);
    await newcomer.getByRole('button', { name: 'Stuur mij een link' }).click();
    await expect(newcomer.getByRole('status')).toContainText('Als dit e-mailadres bij ons bekend is');
    const recovery = await linkFromMail('Een nieuw wachtwoord voor Doe Mee');
    await choosePassword(newcomer, recovery, 'thee met een koekje om tien uur');
    await newcomer.goto('/staff/inloggen');
    await newcomer.context().clearCookies();
    await newcomer.goto('/staff/inloggen');
    await newcomer.getByLabel('E-mailadres').fill(email);
    await newcomer.getByLabel('Wachtwoord').fill('een fiets langs de Dobbe');
    await newcomer.getByRole('button', { name: 'Inloggen' }).click();
    await expect(newcomer).toHaveURL(/\/staff\/inloggen/);

    // The register: in Dutch, with names, no ids.
    await page.goto(`/staff/logboek?soort=staff_members`);
    const log = page.locator('main');
    for (const action of ['Uitnodiging per e-mail gestuurd', 'Medewerker toegevoegd', 'Medewerker gewijzigd'])
      await expect(log.getByText(action).first()).toBeVisible();
    await expect(log).toContainText(name);
    await expect(log).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await expectAccessible(page);
  } finally {
    await newcomerContext.close();
  }
});
