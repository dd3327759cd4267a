import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { amsterdamToInstant } from '../../src/lib/roadtour/amsterdam-time';
import {
  addNote,
  note,
  noteForm,
  planStop,
  tomorrow,
  topic,
  topicA,
  topicB,
  waitUntilAvailableOffline,
} from './roadtour-support';
import { expectAccessible, signIn, signInRequest } from './support';

// Issue 20 items 8–11: what kept the facilitator's journey from a 5.

const stopIdOf = (url: string) => url.split('/').pop() ?? '';

/** The CSRF token of a signed-in request context (the cookie the middleware set). */
async function csrfOf(request: APIRequestContext): Promise<string> {
  const cookie = (await request.storageState()).cookies.find((c) => c.name === 'dm_csrf');
  return cookie?.value ?? '';
}

test('item 8: the schedule keeps every upcoming stop I lead; offline, one never opened opens, and anything else gets the app\'s own "Geen internet" page', async ({
  context,
  page,
  baseURL,
}) => {
  test.setTimeout(210_000);
  const marker = String(Date.now());
  await signIn(page, 'facilitator@doemee.test');
  const firstUrl = await planStop(page, `Eerste bijeenkomst ${marker}`);
  // A second stop, planned elsewhere (through the API): this device never opens its page online.
  const { consultationId } = (
    (await (await page.request.get(`/api/roadtour/stops/${stopIdOf(firstUrl)}`)).json()) as {
      stop: { consultationId: string };
    }
  ).stop;
  const secondName = `Nooit geopend ${marker}`;
  const planned = await page.request.post('/api/roadtour/stops', {
    headers: { 'x-csrf-token': await csrfOf(page.request), origin: baseURL ?? '' },
    data: {
      consultationId,
      name: secondName,
      location: 'Wijkcentrum',
      startsAt: `${tomorrow()}T10:00`,
      groupType: 'inwoners',
    },
  });
  expect(planned.status()).toBe(201);
  const secondId = ((await planned.json()) as { stop: { id: string } }).stop.id;

  // Opening the schedule (from the menu) with internet keeps them all, and says so.
  await page.goto('/staff');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Roadtour' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roadtour' })).toBeVisible();
  const box = page.getByRole('region', { name: 'Zonder internet werken' });
  await expect(box).toBeVisible();
  await expect(box.locator('[data-kept-count]')).toHaveText(
    /^(\d+) van uw \1 komende bijeenkomsten werken nu ook zonder internet\.$/,
    { timeout: 60_000 },
  );
  await expect(box.getByRole('button', { name: 'Beschikbaar maken zonder internet' })).toBeVisible();
  await expectAccessible(page);

  // The button does it again (say, after the browser dropped a kept page).
  const isKept = (path: string) =>
    page.evaluate(async (p) => {
      const cache = await caches.open('roadtour-pages');
      return (await cache.match(new URL(p, location.href).href, { ignoreVary: true })) !== undefined;
    }, path);
  const secondPath = `/staff/roadtour/${secondId}`;
  expect(await isKept(secondPath)).toBe(true);
  await page.evaluate(async (p) => {
    const cache = await caches.open('roadtour-pages');
    await cache.delete(new URL(p, location.href).href, { ignoreVary: true });
  }, secondPath);
  expect(await isKept(secondPath)).toBe(false);
  await box.getByRole('button', { name: 'Beschikbaar maken zonder internet' }).click();
  await expect.poll(() => isKept(secondPath), { timeout: 60_000 }).toBe(true);
  await expect(box.locator('[data-kept-count]')).toHaveText(/^(\d+) van uw \1 komende/, { timeout: 60_000 });

  // Offline: the stop never opened on this device opens, and takes a note.
  await context.setOffline(true);
  await page.goto(`/staff/roadtour/${secondId}`);
  await expect(page.getByRole('heading', { level: 1, name: secondName })).toBeVisible();
  await expect(page.locator('[data-connection]')).toHaveText('Geen internet');
  const text = `Zonder internet opgeschreven (${marker})`;
  await addNote(page, topicA, 'Punt', text);
  await expect(note(page, text)).toHaveAttribute('data-state', 'pending');

  // A page that is not on the device: the app's own page, with what is kept.
  await page.goto(`/staff/roadtour/${secondId}/samenvatting`);
  await expect(page.getByRole('heading', { level: 1, name: 'Geen internet' })).toBeVisible();
  await expect(page.getByText('Deze pagina staat niet op dit apparaat.')).toBeVisible();
  await expect(page.locator('[data-kept-pages]')).toHaveAttribute('data-kept-pages', 'loaded');
  await expect(page.getByRole('link', { name: secondName })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Planning van de roadtour' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Opnieuw proberen' })).toBeVisible();
  await expectAccessible(page);
  // Offline, the schedule says which stops are kept and offers no button that needs internet.
  await page.getByRole('link', { name: 'Planning van de roadtour' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roadtour' })).toBeVisible();
  await expect(box.locator('[data-kept-count]')).toHaveText(/^(\d+) van uw \1 komende/);
  await expect(box.getByRole('button', { name: 'Beschikbaar maken zonder internet' })).toHaveCount(0);

  // Back online, the note goes to the server.
  await context.setOffline(false);
  await page.goto(`/staff/roadtour/${secondId}`);
  await expect(note(page, text)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
});

test('item 9: the header follows closing, the sync box says things once, quotes get one pair of marks, and the summary prints from a button', async ({
  context,
  page,
}) => {
  test.setTimeout(120_000);
  const marker = String(Date.now());
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, `Afsluiten zonder herladen ${marker}`);
  await waitUntilAvailableOffline(page);
  const facts = page.locator('[data-stop-facts]');
  await expect(page.locator('[data-stop-status]')).toHaveText('Gepland');

  // One note form with a topic choice, not one per topic.
  await expect(page.getByRole('button', { name: 'Toevoegen' })).toHaveCount(1);
  await expect(page.getByLabel('Wat werd er gezegd?')).toHaveCount(1);

  // A quote typed with its own quotation marks shows with one pair.
  await addNote(page, topicB, 'Citaat', `"Ik wil zelf kiezen wie er komt (${marker})"`, 'mevrouw, 80+');
  const quote = note(page, `Ik wil zelf kiezen wie er komt (${marker})`);
  await expect(quote.locator('.dm-note__body')).toHaveText(`“Ik wil zelf kiezen wie er komt (${marker})”`);
  await expect(quote).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await expect(quote).toContainText('Opgeschreven:');
  await expect(quote).not.toContainText('Tijd op dit apparaat');

  // Online with nothing waiting: no button to press.
  const sync = page.getByRole('region', { name: 'Opslaan' });
  await expect(sync.locator('[data-connection]')).toHaveText('Verbonden met internet');
  await expect(sync.getByRole('button')).toHaveCount(0);

  // Offline: the box says it once, and offers nothing that needs internet.
  await context.setOffline(true);
  await addNote(page, topicA, 'Wens', `Hulp bij de administratie (${marker})`);
  await expect(sync.locator('[data-connection]')).toHaveText('Geen internet');
  await expect(sync.locator('[data-sync-status]')).toHaveText(
    '1 aantekening staat alleen op dit apparaat. Ze gaan vanzelf naar de server als er weer internet is.',
  );
  expect((await sync.innerText()).match(/Geen internet/g), 'no internet is said once').toHaveLength(1);
  await expect(sync.getByRole('button')).toHaveCount(0);
  await expect(sync).not.toContainText('synchronis');
  await context.setOffline(false);
  await expect(note(page, `Hulp bij de administratie (${marker})`)).toHaveAttribute('data-state', 'synced', {
    timeout: 20_000,
  });

  // The closing form: plain words, each label right above its own field.
  const close = page.getByRole('region', { name: 'Bijeenkomst afsluiten' });
  await expect(close).not.toContainText('Markdown');
  const summary = close.getByLabel('Samenvatting van de bijeenkomst');
  const count = close.getByLabel('Aantal deelnemers');
  const countLabel = close.locator('label[for="aantal"]');
  const [summaryBox, labelBox, countBox] = await Promise.all([
    summary.boundingBox(),
    countLabel.boundingBox(),
    count.boundingBox(),
  ]);
  if (!summaryBox || !labelBox || !countBox) throw new Error('the closing form is not laid out');
  expect(
    labelBox.y - (summaryBox.y + summaryBox.height),
    'room between a field and the next label',
  ).toBeGreaterThanOrEqual(16);
  expect(countBox.y - (labelBox.y + labelBox.height), 'a label right above its field').toBeLessThan(12);

  await summary.fill('Goed gesprek over vervoer.');
  await count.fill('12');
  await close.getByRole('button', { name: 'Bijeenkomst afsluiten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De bijeenkomst is afgesloten.' })).toBeVisible();
  // No reload: the header says so at once.
  await expect(page.locator('[data-stop-status]')).toHaveText('Afgesloten');
  await expect(facts).toContainText('Gekomen: 12');
  await expect(page.getByRole('heading', { level: 2, name: 'Samenvatting en aantal' })).toBeVisible();
  await expectAccessible(page);

  // The printable summary: one pair of quotation marks, and a button that prints.
  await page.getByRole('link', { name: 'Samenvatting om te printen' }).click();
  await expect(page).toHaveURL(`${stopUrl}/samenvatting`);
  await expect(page.getByRole('region', { name: topicB })).toContainText(
    `“Ik wil zelf kiezen wie er komt (${marker})”`,
  );
  await expect(page.getByRole('region', { name: topicB })).not.toContainText('“"');
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => {
      w.printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Printen' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Printen' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expectAccessible(page);
});

test.describe('item 10: a device in another time zone', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('stop times are typed, stored and shown in Zoetermeer time', async ({ page }) => {
    test.setTimeout(90_000);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    await signIn(page, 'facilitator@doemee.test');
    const name = `Andere tijdzone ${Date.now()}`;
    const stopUrl = await planStop(page, name);
    const day = tomorrow();

    // Typed 14:00 to 16:00: stored as 14:00 and 16:00 in Amsterdam, whatever the device's zone.
    const stored = async () =>
      (
        (await (await page.request.get(`/api/roadtour/stops/${stopIdOf(stopUrl)}`)).json()) as {
          stop: { startsAt: string; endsAt: string | null };
        }
      ).stop;
    expect(await stored()).toMatchObject({
      startsAt: amsterdamToInstant({ date: day, time: '14:00' })?.toISOString(),
      endsAt: amsterdamToInstant({ date: day, time: '16:00' })?.toISOString(),
    });
    await expect(page.locator('.dm-stop-head time')).toContainText('om 14:00 tot 16:00');
    await page.goto('/staff/roadtour/');
    await expect(page.locator('li.dm-stop', { hasText: name })).toContainText('om 14:00');

    // The edit form shows the Amsterdam time, and a change is stored as typed.
    await page.goto(`${stopUrl}/bewerken`);
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
    await expect(page.getByLabel('Datum', { exact: true })).toHaveValue(day);
    await expect(page.getByLabel('Begintijd')).toHaveValue('14:00');
    await expect(page.getByLabel('Eindtijd (mag leeg)')).toHaveValue('16:00');
    await page.getByLabel('Begintijd').fill('15:30');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(page).toHaveURL(stopUrl);
    await expect(page.locator('.dm-stop-head time')).toContainText('om 15:30 tot 16:00');
    expect((await stored()).startsAt).toBe(amsterdamToInstant({ date: day, time: '15:30' })?.toISOString());
  });
});

/** Moderates one roadtour note through the moderation API, as the moderator. */
async function moderate(
  moderator: APIRequestContext,
  baseURL: string,
  itemId: string,
  expectedVersion: number,
  action: 'approve' | 'reject' | 'hide',
  reason?: string,
): Promise<void> {
  const response = await moderator.post('/api/staff/moderatie', {
    headers: { 'x-csrf-token': await csrfOf(moderator), origin: baseURL },
    data: { action, itemId, expectedVersion, ...(reason ? { reason } : {}) },
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function serverNotes(
  page: Page,
  stopUrl: string,
): Promise<{ id: string; body: string; version: number }[]> {
  const response = await page.request.get(`/api/roadtour/stops/${stopIdOf(stopUrl)}/notes`);
  return ((await response.json()) as { notes: { id: string; body: string; version: number }[] }).notes;
}

test('item 11: the facilitator sees what moderation did with each note, in plain words', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const marker = String(Date.now());
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, `Controle zichtbaar ${marker}`);
  const texts = {
    approved: `Zelf blijven koken is belangrijk (${marker})`,
    rejected: `Het weer was mooi vandaag (${marker})`,
    hidden: `Iets wat niet op de site hoort (${marker})`,
    waiting: `De wachttijd is te lang (${marker})`,
  };
  for (const text of Object.values(texts)) await addNote(page, topicA, 'Punt', text);
  for (const text of Object.values(texts))
    await expect(note(page, text)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  for (const text of Object.values(texts))
    await expect(note(page, text).locator('[data-moderation]')).toHaveText('Wacht op controle');

  const moderator = await playwright.request.newContext({ baseURL });
  await signInRequest(moderator, 'moderator@doemee.test', baseURL ?? '');
  const stored = await serverNotes(page, stopUrl);
  const find = (body: string) => {
    const found = stored.find((n) => n.body === body);
    if (!found) throw new Error(`not on the server: ${body}`);
    return found;
  };
  const approved = find(texts.approved);
  const rejected = find(texts.rejected);
  const hidden = find(texts.hidden);
  await moderate(moderator, baseURL ?? '', approved.id, approved.version, 'approve');
  await moderate(moderator, baseURL ?? '', rejected.id, rejected.version, 'reject', 'off_topic');
  await moderate(moderator, baseURL ?? '', hidden.id, hidden.version, 'hide');
  await moderator.dispose();

  // The next sync brings the moderators' decisions, without a reload.
  await addNote(page, topicB, 'Idee', `Een vaste hulp (${marker})`);
  await expect(note(page, texts.approved).locator('[data-moderation]')).toHaveText('Goedgekeurd', {
    timeout: 20_000,
  });
  await expect(note(page, texts.rejected).locator('[data-moderation]')).toHaveText(
    'Niet geplaatst: het gaat niet over het onderwerp',
  );
  await expect(note(page, texts.hidden).locator('[data-moderation]')).toHaveText(
    'Niet geplaatst: de moderator heeft het verborgen',
  );
  await expect(note(page, texts.waiting).locator('[data-moderation]')).toHaveText('Wacht op controle');
  // Checked notes can no longer be changed here; the ones waiting can.
  await expect(note(page, texts.rejected).getByRole('button', { name: /^Wijzigen/ })).toHaveCount(0);
  await expect(note(page, texts.waiting).getByRole('button', { name: /^Wijzigen/ })).toHaveCount(1);

  // And after a reload (the page as the server renders it).
  await page.reload();
  await expect(note(page, texts.rejected).locator('[data-moderation]')).toHaveText(
    'Niet geplaatst: het gaat niet over het onderwerp',
  );
  await expect(page.locator('[data-moderation-summary]')).toHaveText(
    /Controle door de moderator: 1 goedgekeurd, 2 niet geplaatst, 2 wachten op controle\./,
    { timeout: 20_000 },
  );
  await expect(topic(page, topicA)).toBeVisible();
  await expect(noteForm(page)).toBeVisible();
  await expectAccessible(page);
});
