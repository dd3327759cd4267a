import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, postAnswer, signIn } from './support';

/** The demo accounts and what the staff menu must offer each of them, in order. */
const people = [
  {
    email: 'beheer@doemee.test',
    name: 'Beheerder (demo)',
    role: 'beheerder',
    menu: [
      'Werkplek',
      'Moderatie',
      'Brieven',
      'Thema’s',
      'Roadtour',
      'Import',
      'Dashboard',
      'Export',
      'Beheer',
    ],
    attention: ['moderatie', 'roadtour', 'themas', 'e-mail'],
  },
  {
    email: 'moderator@doemee.test',
    name: 'Moderator (demo)',
    role: 'moderator',
    menu: ['Werkplek', 'Moderatie', 'Brieven', 'Import'],
    attention: ['moderatie'],
  },
  {
    email: 'analist@doemee.test',
    name: 'Analist (demo)',
    role: 'analist',
    menu: ['Werkplek', 'Brieven', 'Thema’s', 'Import', 'Dashboard', 'Export'],
    attention: ['themas'],
  },
  {
    email: 'facilitator@doemee.test',
    name: 'Gespreksleider (demo)',
    role: 'gespreksleider',
    menu: ['Werkplek', 'Roadtour'],
    attention: ['roadtour'],
  },
] as const;

const menu = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' });

/** The staff frame is there, the public one is not. */
async function expectStaffFrame(page: Page, person: (typeof people)[number]): Promise<void> {
  const header = page.getByRole('banner');
  await expect(header).toContainText('Gemeente Zoetermeer · Doe Mee');
  await expect(header).toContainText(person.name);
  await expect(header).toContainText(person.role);
  await expect(header.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
  for (const name of ['Home', 'Film', 'Privacy', 'Wat we hoorden'])
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
}

/** The number on a Werkplek card. */
async function countOn(page: Page, part: string): Promise<number> {
  const text = await page.locator(`[data-attention="${part}"] [data-count]`).textContent();
  return Number(text?.trim());
}

for (const person of people) {
  test(`${person.role}: the staff header and a menu with exactly the role’s screens, each marked when open`, async ({
    page,
  }) => {
    test.setTimeout(180_000); // an accessibility scan per screen: nine for the admin
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, person.email);
    await expect(page.getByRole('heading', { level: 1, name: 'Werkplek' })).toBeVisible();
    await expectStaffFrame(page, person);
    await expect(menu(page).getByRole('link')).toHaveText([...person.menu]);
    await expect(menu(page).getByRole('link', { name: 'Werkplek' })).toHaveAttribute('aria-current', 'page');
    // Only the parts for this role, and the main column uses the window's width.
    await expect(page.locator('[data-attention]')).toHaveCount(person.attention.length);
    for (const part of person.attention)
      await expect(page.locator(`[data-attention="${part}"]`)).toBeVisible();
    const width = await page.locator('main').evaluate((main) => main.getBoundingClientRect().width);
    expect(width).toBeGreaterThanOrEqual(1200);
    await expectAccessible(page);

    // Every screen of the menu opens in the staff frame, with its own entry marked as the page.
    for (const label of person.menu.slice(1)) {
      await menu(page).getByRole('link', { name: label, exact: true }).click();
      await expect(menu(page).getByRole('link', { name: label, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await expect(menu(page).locator('[aria-current="page"]:visible')).toHaveCount(1);
      await expectStaffFrame(page, person);
      await expectAccessible(page);
    }
  });
}

test('the Werkplek counts the new items the moderation page counts, and follows new answers', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'moderator@doemee.test');
  const before = await countOn(page, 'moderatie');
  await page.getByRole('link', { name: 'Beoordeel de nieuwe berichten' }).click();
  const tab = await page.getByRole('link', { name: /^Nieuw/ }).textContent();
  expect(Number(/\((\d+)\)/.exec(tab ?? '')?.[1])).toBe(before);

  await postAnswer(page.request, baseURL ?? '', 'Proef werkplek: een nieuw bericht om te tellen.');
  await page.goto('/staff');
  expect(await countOn(page, 'moderatie')).toBe(before + 1);
});

test('below a menu entry: the entry is marked as the section and breadcrumbs lead back', async ({ page }) => {
  await signIn(page, 'analist@doemee.test');
  await page.goto('/staff/themas/krachtig-oud-worden/publiceren');
  await expect(menu(page).getByRole('link', { name: 'Thema’s' })).toHaveAttribute('aria-current', 'true');
  const crumbs = page.getByRole('navigation', { name: 'Kruimelpad' });
  await expect(crumbs.getByRole('link')).toHaveText(['Werkplek', 'Thema’s', /.+/]);
  await crumbs.getByRole('link').nth(2).click();
  await expect(page).toHaveURL(/\/staff\/themas\/krachtig-oud-worden(#[a-z-]*)?$/);
  await crumbs.getByRole('link', { name: 'Thema’s' }).click();
  await expect(page).toHaveURL(/\/staff\/themas$/);
  await expect(menu(page).getByRole('link', { name: 'Thema’s' })).toHaveAttribute('aria-current', 'page');
});

test('at 375 px the menu folds behind a button that works with the keyboard, without JavaScript', async ({
  page,
}) => {
  await page.route('**/_astro/**/*.js', (route) => route.abort());
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, 'beheer@doemee.test');
  const person = people[0];
  await expectStaffFrame(page, person);
  // Folded: no menu link is shown until the button is used.
  await expect(menu(page).getByRole('link')).toHaveCount(0);
  const button = menu(page).getByText('Menu');
  await expect(button).toBeVisible();
  // Nothing sticks out sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);

  // Keyboard only: the skip link first, then on to the menu button.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Ga naar de inhoud' })).toBeFocused();
  for (let i = 0; i < 6 && !(await button.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu(page).getByRole('link')).toHaveText([...person.menu]);
  await expect(menu(page).getByRole('link', { name: 'Werkplek' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);
  await page.keyboard.press('Tab');
  await expect(menu(page).getByRole('link', { name: 'Werkplek' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(menu(page).getByRole('link', { name: 'Moderatie' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/staff\/moderatie$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Moderatie' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
});

test('each role’s Werkplek is accessible and fits at 375 px', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 375, height: 800 });
  for (const person of people) {
    await page.context().clearCookies();
    await signIn(page, person.email);
    await expectStaffFrame(page, person);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page);
  }
});

test('the sign-in page: the staff header without menu or person, never the public one', async ({ page }) => {
  await page.goto('/staff/inloggen');
  await expect(page.getByRole('banner')).toContainText('Gemeente Zoetermeer · Doe Mee');
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);
  for (const name of ['Home', 'Film', 'Privacy'])
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await expectAccessible(page);
});
