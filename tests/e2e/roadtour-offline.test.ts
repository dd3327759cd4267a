import { expect, type Page, test } from '@playwright/test';
import { demoPassword } from '../playwright.config';
import {
  addNote,
  note,
  noteForm,
  planStop,
  signedIn,
  topic,
  topicA,
  topicB,
  waitUntilAvailableOffline,
} from './roadtour-support';
import { expectAccessible, signIn, signInRequest } from './support';

// Issue 5: the facilitator app, offline first. Chromium with its real service worker, IndexedDB and
// network switch (context.setOffline), against the real server (`node src/cli/start.mjs`).

test('a facilitator takes notes offline; they survive a reload and sync when back online', async ({
  browser,
  context,
  page,
}) => {
  test.setTimeout(180_000);
  const stopName = `Ouderenbond Rokkeveen ${Date.now()}`;
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, stopName);

  // Open the stop from the schedule.
  await page.getByRole('link', { name: 'Terug naar de planning' }).click();
  await page.getByRole('link', { name: stopName }).click();
  await expect(page).toHaveURL(stopUrl);
  await waitUntilAvailableOffline(page);
  // The schedule, opened again now that the worker runs, is kept on the device too.
  await page.getByRole('link', { name: 'Terug naar de planning' }).click();
  await expect
    .poll(() => page.evaluate(async () => Boolean(await caches.match(location.pathname))), {
      timeout: 20_000,
    })
    .toBe(true);
  await page.getByRole('link', { name: stopName }).click();
  await expect(page).toHaveURL(stopUrl);
  await expect(page.locator('[data-sync-status]')).toHaveText(
    'Alle aantekeningen zijn opgeslagen op de server.',
  );

  await context.setOffline(true);
  await expect(page.locator('[data-connection]')).toHaveText('Geen internet');
  const marker = String(Date.now());
  const idea = `Een klusjesdienst in de wijk (${marker})`;
  const quote = `Ik wil zelf kunnen kiezen wie er komt (${marker})`;
  await addNote(page, topicA, 'Idee', idea);
  await addNote(page, topicB, 'Citaat', quote, 'mevrouw, 80+');
  // A quote never carries a name: the form says so.
  await expect(noteForm(page).getByText('Schrijf nooit een naam op.')).toBeVisible();
  for (const text of [idea, quote]) {
    await expect(note(page, text)).toHaveAttribute('data-state', 'pending');
    await expect(note(page, text)).toContainText('Alleen op dit apparaat');
  }
  await expect(page.locator('[data-sync-status]')).toContainText(
    '2 aantekeningen staan alleen op dit apparaat.',
  );

  // Reload with no connection: the worker serves the page, the outbox still has the notes.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: stopName })).toBeVisible();
  await expect(note(page, idea)).toContainText('Alleen op dit apparaat');
  await expect(note(page, quote)).toContainText('Alleen op dit apparaat');
  await expect(note(page, quote)).toContainText('mevrouw, 80+');
  await expect(topic(page, topicA).locator('li[data-note-id]', { hasText: idea })).toHaveCount(1);
  await expect(topic(page, topicB).locator('li[data-note-id]', { hasText: quote })).toHaveCount(1);

  // The schedule opens offline too, and says which stop has notes on this device only.
  await page.getByRole('link', { name: 'Terug naar de planning' }).click();
  const onDevice = page.locator('[data-device-notes]');
  await expect(onDevice).toContainText(`${stopName}: 2 aantekeningen`);
  await onDevice.getByRole('link', { name: stopName }).click();
  await expect(page.getByRole('heading', { level: 1, name: stopName })).toBeVisible();
  await expect(note(page, idea)).toContainText('Alleen op dit apparaat');

  // Back online: the app syncs by itself.
  await context.setOffline(false);
  await expect(note(page, idea)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await expect(note(page, quote)).toHaveAttribute('data-state', 'synced');
  await expect(note(page, idea)).toContainText('Opgeslagen op de server');
  await expect(page.locator('[data-sync-status]')).toHaveText(
    'Alle aantekeningen zijn opgeslagen op de server.',
  );
  await expectAccessible(page);

  // Close the stop with the number of people who came and a short summary.
  await page.getByLabel('Samenvatting van de bijeenkomst').fill('Goed gesprek. **Vervoer** kwam vaak terug.');
  await page.getByLabel('Aantal deelnemers').fill('19');
  await page.getByRole('button', { name: 'Bijeenkomst afsluiten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De bijeenkomst is afgesloten.' })).toBeVisible();

  // The printable summary lists them per topic.
  await page.getByRole('link', { name: 'Samenvatting om te printen' }).click();
  await expect(page.getByText('19 deelnemers')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Samenvatting' }).locator('strong')).toHaveText('Vervoer');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header').first()).toBeHidden();
  await expect(page.getByRole('link', { name: 'Terug naar de bijeenkomst' })).toBeHidden();
  await expect(page.getByRole('region', { name: topicA })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('region', { name: topicA })).toContainText(idea);
  await expect(page.getByRole('region', { name: topicB })).toContainText(quote);
  await expect(page.getByRole('region', { name: topicB })).toContainText('mevrouw, 80+');
  await expectAccessible(page);

  // A moderator finds them in the queue as roadtour input of this stop.
  const moderator = await signedIn(browser, 'moderator@doemee.test');
  for (const [text, label] of [
    [idea, topicA],
    [quote, topicB],
  ] as const) {
    await moderator.page.goto(`/staff/moderatie?kanaal=roadtour&zoek=${marker}`);
    const item = moderator.page.locator('li[data-item-id]', { hasText: text });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Roadtour');
    await expect(item).toContainText(`Stop: ${stopName}`);
    await expect(item).toContainText(`Onderwerp: ${label}`);
  }
  await moderator.context.close();
});

test('the same stop changed on two devices: both versions are shown and the facilitator chooses', async ({
  browser,
  page,
}) => {
  test.setTimeout(150_000);
  const stopName = `Adviesraad ${Date.now()}`;
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, stopName);
  await page.goto('/staff/roadtour/');
  await expectAccessible(page);

  // Two devices open the form on the same version.
  const tablet = await signedIn(browser, 'facilitator@doemee.test');
  await page.goto(`${stopUrl}/bewerken`);
  await tablet.page.goto(`${stopUrl}/bewerken`);
  await expectAccessible(page);

  await page.getByLabel('Naam van de bijeenkomst').fill(`${stopName} (verzet)`);
  await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await expect(page).toHaveURL(stopUrl);
  await expect(page.getByRole('heading', { level: 1, name: `${stopName} (verzet)` })).toBeVisible();

  // The second device's save is stale: nothing is written, both versions are shown.
  await tablet.page.getByLabel('Plaats (adres of gebouw)').fill('Stadhuis, zaal 3');
  await tablet.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  const dialog = tablet.page.getByRole('dialog', { name: 'Deze bijeenkomst is ook ergens anders gewijzigd' });
  await expect(dialog).toBeVisible();
  const row = (label: string) => dialog.getByRole('row', { name: new RegExp(`^${label}`) });
  await expect(row('Naam')).toContainText(stopName);
  await expect(row('Naam')).toContainText(`${stopName} (verzet)`);
  await expect(row('Plaats')).toContainText('Stadhuis, zaal 3');
  await expect(row('Plaats')).toContainText('Buurthuis De Leyhoeve');
  await expectAccessible(tablet.page);
  // Escape decides later: still nothing saved.
  await tablet.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const stored = await page.request.get(`/api/roadtour/stops/${stopUrl.split('/').pop()}`);
  expect((await stored.json()).stop).toMatchObject({
    name: `${stopName} (verzet)`,
    location: 'Buurthuis De Leyhoeve',
  });

  // Choosing "mine" saves this device's change on top of the other one.
  await tablet.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await dialog.getByRole('button', { name: 'Mijn versie opslaan' }).click();
  await expect(tablet.page).toHaveURL(stopUrl);
  await expect(tablet.page.getByRole('heading', { level: 1, name: `${stopName} (verzet)` })).toBeVisible();
  await expect(tablet.page.getByText('Stadhuis, zaal 3')).toBeVisible();
  await tablet.context.close();

  // A note changed on two devices: the stale edit shows both texts; keeping the server's changes nothing.
  const first = await signedIn(browser, 'facilitator@doemee.test');
  await page.goto(stopUrl);
  const text = `Boodschappen doen lukt niet meer (${Date.now()})`;
  await addNote(page, topicA, 'Zorg', text);
  await expect(note(page, text)).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
  await first.page.goto(stopUrl);
  // The island shows notes once it has read the device's outbox: on a busy machine that takes a while.
  await expect(note(first.page, text)).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
  await note(page, text)
    .getByRole('button', { name: /^Wijzigen/ })
    .click();
  await page.getByLabel('Tekst van de aantekening').fill(`${text} en koken ook niet`);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(note(page, text)).toContainText('en koken ook niet');
  await note(first.page, text)
    .getByRole('button', { name: /^Wijzigen/ })
    .click();
  await first.page.getByLabel('Tekst van de aantekening').fill(`${text}, zegt de groep`);
  await first.page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  const noteDialog = first.page.getByRole('dialog', {
    name: 'Deze aantekening is ook ergens anders gewijzigd',
  });
  await expect(noteDialog).toBeVisible();
  await expect(noteDialog.getByRole('row', { name: /^Tekst/ })).toContainText(`${text}, zegt de groep`);
  await expect(noteDialog.getByRole('row', { name: /^Tekst/ })).toContainText(`${text} en koken ook niet`);
  await noteDialog.getByRole('button', { name: 'Versie van de server houden' }).click();
  await expect(note(first.page, text)).toContainText('en koken ook niet');
  await first.context.close();

  // A co-facilitator is added from the edit page and shown on the stop page.
  await page.goto(`${stopUrl}/bewerken`);
  await page.getByLabel('Gespreksleider toevoegen').selectOption({ label: 'Beheerder (demo)' });
  await page.getByRole('button', { name: 'Toevoegen als gespreksleider' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Beheerder (demo) is nu ook gespreksleider' }),
  ).toBeVisible();
  await expect(page.locator('[data-facilitators]')).toContainText('Gespreksleider (demo)');
  await expect(page.locator('[data-facilitators]')).toContainText('Beheerder (demo)');
  await page.goto(stopUrl);
  const leaders = page.getByText(/Gespreksleiding:/);
  await expect(leaders).toContainText('Gespreksleider (demo)');
  await expect(leaders).toContainText('Beheerder (demo)');

  // And taken off again; whoever planned the stop has no such button (they stay).
  await page.goto(`${stopUrl}/bewerken`);
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  const list = page.locator('[data-facilitators]');
  await expect(list.getByRole('button', { name: /Gespreksleider \(demo\)/ })).toHaveCount(0);
  await list.getByRole('button', { name: 'Weghalen als gespreksleider: Beheerder (demo)' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Beheerder (demo) is geen gespreksleider meer' }),
  ).toBeVisible();
  await expect(list).not.toContainText('Beheerder (demo)');
  await expect(page.getByRole('heading', { name: 'Gespreksleiders' })).toBeFocused();
  await page.goto(stopUrl);
  await expect(page.getByText(/Gespreksleiding:/)).not.toContainText('Beheerder (demo)');
});

test('the session runs out while notes wait: they stay, sign in again, then they sync', async ({
  context,
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const stopName = `Aanbieders overleg ${Date.now()}`;
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, stopName);
  await waitUntilAvailableOffline(page);

  // An empty note and a huge one are refused on the device, with a clear message.
  const section = noteForm(page);
  await section.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(section.getByRole('alert')).toHaveText('Schrijf eerst op wat er gezegd is.');
  await section.getByLabel('Wat werd er gezegd?').fill('x'.repeat(5001));
  await section.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(section.getByRole('alert')).toContainText('te lang');
  await expect(page.locator('li[data-note-id]')).toHaveCount(0);

  // The session cookie is still there but no longer valid (it ran out).
  await context.addCookies([{ name: 'dm_session', value: 'verlopen', url: baseURL ?? '' }]);
  const text = `Meer hulp bij de administratie (${Date.now()})`;
  await addNote(page, topicA, 'Wens', text);
  await expect(page.getByRole('alert').filter({ hasText: 'Log opnieuw in' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(note(page, text)).toHaveAttribute('data-state', 'pending');
  await expect(note(page, text)).toContainText('Alleen op dit apparaat');

  await page.getByRole('link', { name: 'Log opnieuw in' }).click();
  await expect(page).toHaveURL(/\/staff\/inloggen\?reden=verlopen/);
  await page.getByLabel('E-mailadres').fill('facilitator@doemee.test');
  await page.getByLabel('Wachtwoord').fill(demoPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(stopUrl);
  await expect(note(page, text)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await expect(topic(page, topicA).locator('li[data-note-id]', { hasText: text })).toHaveCount(1);
});

test('an unknown stop and a staff member without the facilitator role get a clear page', async ({
  browser,
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, 'facilitator@doemee.test');
  await page.goto('/staff/roadtour');
  await expect(page).toHaveURL(/\/staff\/roadtour\/$/);
  const response = await page.goto('/staff/roadtour/00000000-0000-4000-8000-000000000000');
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Deze bijeenkomst bestaat niet (meer).')).toBeVisible();
  await page.goto('/staff/roadtour/nieuw');
  await expectAccessible(page);

  const analyst = await signedIn(browser, 'analist@doemee.test');
  await expect(analyst.page.getByRole('link', { name: /^Roadtour/ })).toHaveCount(0);
  const refused = await analyst.page.goto('/staff/roadtour/');
  expect(refused?.status()).toBe(403);
  await expect(analyst.page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
  await analyst.context.close();
});

test('notes the server refuses stay on the device with the reason: a name as speaker, a stop that is not yours', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, `Inwoners Oosterheem ${Date.now()}`);
  await waitUntilAvailableOffline(page);

  // A name as speaker: the server refuses that note; it stays, marked, until it is fixed.
  const quote = `Ik red me wel, maar de ramen lukken niet meer (${Date.now()})`;
  await addNote(page, topicB, 'Citaat', quote, 'mevrouw Jansen');
  await expect(note(page, quote)).toHaveAttribute('data-state', 'refused', { timeout: 15_000 });
  await expect(note(page, quote)).toContainText('Schrijf geen naam op bij een citaat.');
  await expect(page.locator('[data-sync-status]')).toContainText(
    '1 aantekening staat alleen op dit apparaat.',
  );
  await note(page, quote)
    .getByRole('button', { name: /^Wijzigen/ })
    .click();
  await page.getByLabel('Wie zei het? (geen naam)').last().fill('bewoonster, 85 jaar');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(note(page, quote)).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
  await expect(note(page, quote)).toContainText('bewoonster, 85 jaar');

  // A stop led by someone else (planned by the admin): RLS refuses the notes; they stay on the device.
  const admin = await playwright.request.newContext({ baseURL });
  await signInRequest(admin, 'beheer@doemee.test', baseURL ?? '');
  const { csrfToken } = (await (await admin.get('/api/roadtour/session')).json()) as { csrfToken: string };
  const own = await page.request.get(`/api/roadtour/stops/${stopUrl.split('/').pop()}`);
  const { consultationId } = ((await own.json()) as { stop: { consultationId: string } }).stop;
  const planned = await admin.post('/api/roadtour/stops', {
    headers: { 'x-csrf-token': csrfToken, origin: baseURL ?? '' },
    data: {
      consultationId,
      name: 'Bijeenkomst van de beheerder',
      location: 'Stadhuis',
      startsAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
      groupType: 'adviesraad',
    },
  });
  expect(planned.status()).toBe(201);
  const foreignId = ((await planned.json()) as { stop: { id: string } }).stop.id;
  await admin.dispose();

  await page.goto(`/staff/roadtour/${foreignId}`);
  await expect(page.getByRole('alert').filter({ hasText: 'U bent geen gespreksleider' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Toevoegen' })).toHaveCount(0);
  // A note in this device's outbox for that stop (say, taken before the facilitator was taken off it).
  const stray = `Notitie voor een andere bijeenkomst (${Date.now()})`;
  await page.evaluate(
    async ({ stopId, body }) => {
      const open = indexedDB.open('doemee-roadtour');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('notes', 'readwrite');
      tx.objectStore('notes').put({
        id: crypto.randomUUID(),
        stopId,
        topicKey: 'krachtig-oud-worden',
        kind: 'point',
        body,
        speaker: null,
        clientCreatedAt: new Date().toISOString(),
        state: 'pending',
      });
      await new Promise((resolve) => {
        tx.oncomplete = resolve;
      });
      db.close();
    },
    { stopId: foreignId, body: stray },
  );
  await page.reload();
  await expect(note(page, stray)).toHaveAttribute('data-state', 'refused', { timeout: 15_000 });
  await expect(note(page, stray)).toContainText('U bent geen gespreksleider van deze bijeenkomst.');
  await page.reload();
  await expect(note(page, stray)).toHaveAttribute('data-state', 'refused');
});

test('a tablet clock hours off: the app says so, and the server keeps the order the notes were made in', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, `Gezondheidsnetwerk ${Date.now()}`);
  const hours = 3600_000;
  await page.clock.setFixedTime(new Date(Date.now() + 5 * hours));
  await page.reload();
  await expect(page.locator('[data-clock-warning]')).toContainText('loopt 5 uur voor', { timeout: 15_000 });

  const marker = String(Date.now());
  const firstSaid = `Als eerste gezegd (${marker})`;
  const thenSaid = `Daarna gezegd (${marker})`;
  await addNote(page, topicA, 'Punt', firstSaid);
  await expect(note(page, firstSaid)).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
  // The clock jumps ten hours back (a tablet that lost its time): the order stays as said.
  await page.clock.setFixedTime(new Date(Date.now() - 5 * hours));
  await addNote(page, topicA, 'Punt', thenSaid);
  await expect(note(page, thenSaid)).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
  await page.goto(`${stopUrl}/samenvatting`);
  await expect(page.getByRole('region', { name: topicA }).getByRole('listitem')).toHaveText([
    new RegExp(firstSaid.replace(/[()]/g, '\\$&')),
    new RegExp(thenSaid.replace(/[()]/g, '\\$&')),
  ]);
});

/** What this origin keeps on the device: the worker's kept pages (as text) and the outbox's notes. */
async function deviceStore(page: Page): Promise<{ pages: string; notes: { body: string; state: string }[] }> {
  return page.evaluate(async () => {
    let pages = '';
    if (await caches.has('roadtour-pages')) {
      const cache = await caches.open('roadtour-pages');
      for (const request of await cache.keys()) pages += (await (await cache.match(request))?.text()) ?? '';
    }
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('doemee-roadtour');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const notes = db.objectStoreNames.contains('notes')
      ? await new Promise<{ body: string; state: string }[]>((resolve, reject) => {
          const all = db.transaction('notes').objectStore('notes').getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        })
      : [];
    db.close();
    return { pages, notes: notes.map((n) => ({ body: n.body, state: n.state })) };
  });
}

test('signing out clears the shared tablet: offline, nothing personal opens; a note not yet sent stays, for its writer only', async ({
  context,
  page,
}) => {
  test.setTimeout(150_000);
  const marker = String(Date.now());
  const stopName = `Wijkgesprek Meerzicht ${marker}`;
  await signIn(page, 'facilitator@doemee.test');
  const stopUrl = await planStop(page, stopName);
  await waitUntilAvailableOffline(page);

  // A note with a name, an address and a phone number reaches the server …
  const personal = `Mevrouw Jansen, Dorpsstraat 12, bel 06-12345678 (${marker})`;
  await addNote(page, topicA, 'Punt', personal);
  await expect(note(page, personal)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  // … and the page the worker keeps holds it (a reload stores the page with the note in it).
  await page.reload();
  await expect(note(page, personal)).toBeVisible();
  await waitUntilAvailableOffline(page);
  expect((await deviceStore(page)).pages.includes(marker), 'the worker keeps the page').toBe(true);

  // A note that cannot be sent now (the server is out of reach for the notes only) stays pending.
  const unsent = `Vervoer naar de huisarts is lastig (${marker})`;
  await page.route('**/api/roadtour/stops/*/notes', (route) =>
    route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
  );
  await addNote(page, topicB, 'Zorg', unsent);
  await expect(note(page, unsent)).toHaveAttribute('data-state', 'pending');

  // Sign out on the staff start page (leaving the stop page ends its retries).
  await page.goto('/staff');
  await page.unroute('**/api/roadtour/stops/*/notes');
  const [signOut] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/staff/uitloggen'),
    page.getByRole('button', { name: 'Uitloggen' }).click(),
  ]);
  expect((await signOut.allHeaders())['clear-site-data']).toContain('"cache"');
  await expect(page).toHaveURL(/\/staff\/inloggen\?reden=uitgelogd/);

  // The device keeps no page and no synced note; only the note not yet sent.
  const left = await deviceStore(page);
  expect(left.pages.includes(marker), 'a kept page still shows the stop and its notes').toBe(false);
  expect(left.notes.filter((n) => n.body.includes(marker))).toEqual([{ body: unsent, state: 'pending' }]);

  // Offline, neither the stop nor the schedule opens with anything personal.
  await context.setOffline(true);
  for (const url of [stopUrl, '/staff/roadtour/']) {
    const opened = await page.goto(url).then(
      () => true,
      () => false,
    );
    if (opened) {
      await expect(page.getByText(personal)).toHaveCount(0);
      await expect(page.getByText(unsent)).toHaveCount(0);
    }
  }
  await context.setOffline(false);

  // Someone else signs in on the tablet: the note is not theirs, so they neither see nor send it.
  await signIn(page, 'beheer@doemee.test');
  await page.goto(stopUrl);
  await expect(note(page, personal)).toBeVisible();
  await expect(page.locator('[data-sync-status]')).toBeVisible();
  await expect(note(page, unsent)).toHaveCount(0);
  await page.goto('/staff');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/staff\/inloggen\?reden=uitgelogd/);
  expect((await deviceStore(page)).notes.filter((n) => n.body.includes(marker))).toEqual([
    { body: unsent, state: 'pending' },
  ]);

  // Its writer signs in again: the note is sent.
  await signIn(page, 'facilitator@doemee.test');
  await page.goto(stopUrl);
  await expect(note(page, unsent)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
});
