import { expect as baseExpect, type Page, test } from '@playwright/test';
import { expectAccessible, openHydrated, postAnswer, signIn, signInRequest } from './support';

// This machine is shared and often busy: pages and islands may take longer than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 240_000 });

/** A resident's answer with a phone number, sent as a plain form (the detector proposes the number). */
async function answerWithPhoneNumber(page: Page, baseURL: string, marker: string): Promise<void> {
  await postAnswer(page.request, baseURL, `${marker}: bel mij gerust op 06-98765432, dan leg ik het uit.`);
}

test.describe('without JavaScript', () => {
  test.beforeEach(async ({ page }) => {
    await page.route('**/_astro/**/*.js', (route) => route.abort());
  });

  test('a moderator redacts, approves and rejects with plain forms', async ({ page, baseURL }) => {
    const marker = 'Proef moderatie zonder script';
    await answerWithPhoneNumber(page, baseURL ?? '', marker);

    await signIn(page, 'moderator@doemee.test');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Moderatie' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Moderatie' })).toBeVisible();
    await page.getByRole('link', { name: /^Nieuw/ }).click();
    await expect(page.getByRole('link', { name: /^Nieuw/ })).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page);

    // The proposed phone number is marked, with its type.
    const item = page.locator('li[data-item-id]', { hasText: marker });
    await expect(item.locator('mark')).toHaveText('06-98765432');
    await expect(item).toContainText('[telefoonnummer]');
    await expect(item.getByRole('button', { name: 'Goedkeuren' })).toHaveCount(0);
    await item.getByRole('button', { name: 'Voorstellen toepassen' }).click();
    await expect(page.locator('.utrecht-alert[role=status]')).toContainText(
      'persoonsgegevens zijn uit de tekst gehaald',
    );
    await expect(item.locator('[data-item-text]')).toContainText('bel mij gerust op [telefoonnummer], dan');
    await expect(item.locator('mark')).toHaveCount(0);

    // Now it can be approved; it leaves the "new" tab.
    await item.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.locator('.utrecht-alert[role=status]')).toContainText('goedgekeurd');
    await expect(item).toHaveCount(0);

    // A reject needs a reason: it is behind "Afwijzen…" (one row of buttons per card).
    const other = page.locator('li[data-item-id]', { hasText: 'Ria Verhoeven' });
    await other.getByText('Afwijzen…').click();
    await other.getByLabel('Reden').selectOption({ label: 'Staat er al (dubbel)' });
    await other.getByRole('button', { name: 'Afwijzen', exact: true }).click();
    await expect(page.locator('.utrecht-alert[role=status]')).toContainText('afgewezen');
    await expect(other).toHaveCount(0);
    await page.getByRole('link', { name: /^Afgewezen/ }).click();
    await expect(page.locator('li[data-item-id]', { hasText: 'Ria Verhoeven' })).toContainText(
      'Reden: Staat er al (dubbel)',
    );

    // Someone else was first: the Dutch conflict message, nothing changed twice.
    await page.getByRole('link', { name: /^Nieuw/ }).click();
    const stale = page.locator('li[data-item-id]').first();
    const id = (await stale.getAttribute('data-item-id')) ?? '';
    const version = Number(await stale.getAttribute('data-version'));
    const token = (await page.locator('input[name=csrf]').first().getAttribute('value')) ?? '';
    const byOther = await page.request.post('/api/staff/moderatie', {
      data: { action: 'approve', itemId: id, expectedVersion: version },
      headers: { 'x-csrf-token': token, origin: baseURL ?? '' },
    });
    expect(await byOther.json()).toMatchObject({ ok: true, item: { id, status: 'approved' } });
    await stale.getByRole('button', { name: 'Verbergen' }).click();
    await expect(page.getByRole('alert')).toContainText('Iemand anders heeft dit bericht net beoordeeld');

    // Keyset pages: more than 50 items in "Alle".
    await page.getByRole('link', { name: /^Alle \(/ }).click();
    await page.getByRole('link', { name: 'Volgende pagina' }).click();
    await expect(page).toHaveURL(/[?&]na=/);
    await expect(page.getByRole('link', { name: 'Eerste pagina' })).toBeVisible();
    await expect(page.locator('li[data-item-id]').first()).toBeVisible();

    // Filters are a plain GET form: full-text search, channel.
    await page.getByLabel('Zoeken in de tekst').fill('parkeren');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect(page.locator('li[data-item-id]', { hasText: 'Stadshart' })).toBeVisible();
    await page.getByRole('link', { name: /^Nieuw/ }).click();
    await page.getByLabel('Zoeken in de tekst').fill('');
    await page.getByLabel('Kanaal').selectOption({ label: 'Roadtour' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect(page).toHaveURL(/kanaal=roadtour/);
    const channels = await page
      .locator('li[data-item-id]')
      .evaluateAll((items) => items.map((li) => li.querySelector('.dm-item__meta')?.textContent ?? ''));
    expect(channels.length).toBeGreaterThan(0);
    for (const channel of channels) expect(channel).toContain('Roadtour');
  });
});

test('j starts at the first item from anywhere, and selected text is redacted', async ({ page }) => {
  await signIn(page, 'moderator@doemee.test');
  await openHydrated(page, '/staff/moderatie?status=new');
  await expect(page.getByText('Sneltoetsen: druk op j')).toBeVisible();
  const items = page.locator('li[data-item-id]');
  const before = await items.count();
  expect(before).toBeGreaterThan(3);

  // Nothing has focus yet: j starts at the first item, then moves to the next; k goes back.
  await page.keyboard.press('j');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('j');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(items.first()).toBeFocused();
  await expectAccessible(page);

  // Selected text is redacted with the chosen type (default: a name). Other tests (fuzzing) leave
  // items of any shape in the queue: take one whose text starts with a word and a space.
  const item = items
    .filter({ has: page.locator('[data-item-text] [data-offset]', { hasText: /^\S+ \S/ }) })
    .first();
  const itemId = (await item.getAttribute('data-item-id')) ?? '';
  const firstWord = await item.locator('[data-item-text]').evaluate((p) => {
    const node = p.querySelector('[data-offset]')?.firstChild;
    const text = node?.textContent ?? '';
    // The first word, or the whole text when it has no space.
    const space = text.indexOf(' ');
    const end = space > 0 ? space : text.length;
    const range = document.createRange();
    if (node) {
      range.setStart(node, 0);
      range.setEnd(node, end);
    }
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return text.slice(0, end);
  });
  expect(firstWord.length).toBeGreaterThan(0);
  await expect(page.getByText(`Gekozen: “${firstWord}”`)).toBeVisible();
  await page.getByRole('button', { name: 'Selectie weglakken' }).click();
  await expect(page.locator('.dm-live')).toHaveText('De gekozen tekst is weggehaald.');
  await expect(page.locator(`#item-${itemId} [data-item-text]`)).toHaveText(/^\[naam\] /);
});

test('an analyst may not moderate', async ({ page, request, baseURL }) => {
  await signIn(page, 'analist@doemee.test');
  await expect(page.getByRole('link', { name: 'Moderatie' })).toHaveCount(0);
  const response = await page.goto('/staff/moderatie');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();

  await signInRequest(request, 'analist@doemee.test', baseURL ?? '');
  const html = await (await request.get('/staff')).text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const api = await request.post('/api/staff/moderatie', {
    data: { action: 'approve', itemId: '00000000-0000-4000-8000-000000000000', expectedVersion: 1 },
    headers: { 'x-csrf-token': token, origin: baseURL ?? '' },
  });
  expect(api.status()).toBe(403);
});
