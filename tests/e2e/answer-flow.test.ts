import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { issueFormToken } from '../../src/lib/abuse/form-token.server';
import { answerUpToSend, expectAccessible, stepUntil, storedSubmission } from './support';

test('a resident answers step by step, reloads half-way, and sends once', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000); // five accessibility scans
  await page.goto('/');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Doe mee', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wie bent u?' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: /Inwoner/ }).click();

  await expect(page.getByText('Stap 1 van')).toBeVisible();
  await expectAccessible(page);
  const first = page.getByRole('textbox').first();
  await first.fill('Dat ik zelf boodschappen kan blijven doen, met een beetje hulp.');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByText('Stap 2 van')).toBeVisible();
  await page.getByRole('textbox').filter({ visible: true }).fill('Een vaste hulp die ik ken.');

  // A reload (or a dropped connection) loses nothing: the draft comes back, at the same step.
  await page.reload();
  await expect(page.getByRole('status')).toContainText('vorige keer');
  await expect(page.getByText('Stap 2 van')).toBeVisible();
  await expect(page.getByRole('textbox').filter({ visible: true })).toHaveValue('Een vaste hulp die ik ken.');
  await page.getByRole('button', { name: 'Vorige' }).click();
  await expect(page.getByRole('textbox').filter({ visible: true })).toHaveValue(/boodschappen/);

  // Skip the rest of the questions.
  await stepUntil(page, page.getByLabel('Hoe oud bent u?'));
  await page.getByLabel('Hoe oud bent u?').selectOption('75-84');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page.getByText('Zet een vinkje')).toBeVisible();
  await page.getByLabel(/Ik ga akkoord/).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();

  await expect(page).toHaveURL(/\/bedankt$/);
  await expectAccessible(page);
  const code = (await page.locator('.dm-code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

  // The code is there on a reload right after sending, from a cookie that lives two minutes, and
  // the page is never stored (issue 16, item 10).
  const reloaded = await page.reload();
  expect(reloaded?.headers()['cache-control']).toMatch(/no-store/);
  await expect(page.locator('.dm-code')).toHaveText(code);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'dm_bedankt');
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 60);
  expect(cookie?.expires).toBeLessThanOrEqual(Date.now() / 1000 + 121);

  const stored = await storedSubmission(request, code, baseURL ?? '');
  expect(stored).toMatchObject({ audience: 'inwoner', ageBand: '75-84' });
  expect(stored.items.map((i) => i.body)).toEqual([
    'Dat ik zelf boodschappen kan blijven doen, met een beetje hulp.',
    'Een vaste hulp die ik ken.',
  ]);
  expect(stored.items.every((i) => i.status === 'new')).toBe(true);

  // The draft is gone after sending.
  await page.goto('/meedoen/inwoner');
  await expect(page.getByRole('textbox').first()).toHaveValue('');
});

test('an answer lost on the way back: after a reload the retry is the same submission, with the same code', async ({
  page,
  request,
  baseURL,
}) => {
  await page.goto('/meedoen/inwoner');
  await answerUpToSend(page, 'Verstuurd, maar het antwoord kwam nooit aan.');
  // The server stores the answers, but the connection drops before the answer reaches the browser.
  let lostCode: string | undefined;
  await page.route('**/meedoen/inwoner', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch();
    lostCode = /dm_bedankt=([A-Z0-9-]+)/.exec(response.headers()['set-cookie'] ?? '')?.[1];
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page.getByRole('status')).toContainText('geen verbinding');
  expect(lostCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await page.unroute('**/meedoen/inwoner');

  // Later, on the same device: the draft comes back with its submission id and token.
  await page.reload();
  await expect(page.getByRole('status')).toContainText('vorige keer');
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page).toHaveURL(/\/bedankt$/);
  await expect(page.locator('.dm-code')).toHaveText(lostCode ?? '');
  const stored = await storedSubmission(request, lostCode ?? '', baseURL ?? '');
  expect(stored.items.map((i) => i.body)).toEqual(['Verstuurd, maar het antwoord kwam nooit aan.']);
});

test.describe('without JavaScript', () => {
  // The site's scripts never load, so the island never hydrates: the plain HTML form is what is
  // tested. (Switching JavaScript off in the browser would also stop axe from running.)
  test.beforeEach(async ({ page }) => {
    await page.route('**/_astro/**/*.js', (route) => route.abort());
  });

  test('an organisation answers with a plain form; sending twice stores once', async ({
    page,
    request,
    baseURL,
  }) => {
    await page.goto('/meedoen/aanbieder');
    await expect(page.getByText('Stap 1 van')).toBeVisible();
    // Every question is on one page; errors come back from the server.
    await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await expect(page.getByRole('alert')).toContainText('Verbeter de fouten');
    await expect(page.getByRole('alert')).toContainText('naam van uw organisatie');
    await expectAccessible(page);

    await page.getByLabel('Naam van uw organisatie').fill('Thuiszorg Voorbeeld');
    await page.getByRole('textbox').nth(1).fill('Met vaste teams per wijk en <b>minder</b> reistijd.');
    await page.getByLabel(/Ik ga akkoord/).check();
    const form = page.locator('form.dm-answer-form');
    const fields = await form.evaluate((f) =>
      new URLSearchParams(new FormData(f as HTMLFormElement) as never).toString(),
    );
    await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await expect(page).toHaveURL(/\/bedankt$/);
    const code = (await page.locator('.dm-code').textContent()) ?? '';

    // The same form posted again (a double click, a retry) gives the same code and stores nothing new.
    const again = await page.request.post('/meedoen/aanbieder', {
      data: fields,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: baseURL ?? '',
        accept: 'application/json',
      },
    });
    expect(await again.json()).toEqual({ ok: true, redirect: '/bedankt' });

    const stored = await storedSubmission(request, code, baseURL ?? '');
    expect(stored.organisationName).toBe('Thuiszorg Voorbeeld');
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]?.body).toBe('Met vaste teams per wijk en <b>minder</b> reistijd.');
  });
});

test.describe('without JavaScript, sent too soon', () => {
  test.beforeEach(async ({ page }) => {
    await page.route('**/_astro/**/*.js', (route) => route.abort());
  });

  test('an empty form hears what to fill in first; a filled one is then told it was too fast', async ({
    page,
  }) => {
    test.setTimeout(60_000); // an accessibility scan on a busy machine
    await page.goto('/meedoen/inwoner');
    // No script keeps a draft here, so the page does not promise one.
    await expect(page.getByText('op dit apparaat bewaard')).toHaveCount(0);
    // A token signed (with the server's secret) as shown 50 s from now is "too fast" under any
    // minimum (up to 60 s ahead counts as clock skew); made afresh before each send.
    const secret = readFileSync(path.join(process.env.E2E_DATA_DIR ?? '', 'session-secret'), 'utf8').trim();
    const id = await page.locator('input[name=inzending]').inputValue();
    const sendEarly = async () => {
      const early = issueFormToken(new TextEncoder().encode(secret), id, Date.now() + 50_000);
      await page.locator('input[name=aanvang]').evaluate((el, value) => {
        (el as HTMLInputElement).value = value;
      }, early);
      await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
      return early;
    };

    const early = await sendEarly();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Verbeter de fouten');
    await expect(alert).toContainText('Geef een antwoord op deze vraag.');
    await expect(alert).toContainText('Zet een vinkje');
    await expect(alert).not.toContainText('erg snel');
    await expectAccessible(page);

    // The page comes back with the same token: answered right but still too soon, it says so.
    await expect(page.locator('input[name=aanvang]')).toHaveValue(early);
    await page.getByRole('textbox').first().fill('Zo snel als ik kon.');
    await page.getByLabel(/Ik ga akkoord/).check();
    await sendEarly();
    await expect(page.getByRole('alert')).toContainText('erg snel verstuurd');
    await expect(page.getByRole('textbox').first()).toHaveValue('Zo snel als ik kon.');
  });
});

test('unknown audiences are not found', async ({ request }) => {
  expect((await request.get('/meedoen/toerist')).status()).toBe(404);
});

test('the whole flow works with the keyboard only, from the home page to the code', async ({ page }) => {
  test.setTimeout(60_000);
  /** Presses Tab until the focused element matches; fails when it never does. */
  const tabTo = async (what: string, matches: (arg: string) => boolean, arg = '') => {
    for (let i = 0; i < 25 && !(await page.evaluate(matches, arg)); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(matches, arg), `Tab never reached ${what}`).toBe(true);
  };
  // Runs in the page: the button's name comes in as the argument, not from this file's scope.
  const isButton = (name: string) =>
    document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent?.trim() === name;

  await page.goto('/');
  // Tab from the top: the skip link first, then onwards to "Doe mee".
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Ga naar de inhoud' })).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo('Doe mee', () => document.activeElement?.textContent?.trim() === 'Doe mee');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/meedoen$/);
  await tabTo('Inwoner', () => document.activeElement?.getAttribute('href') === '/meedoen/inwoner');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Stap 1 van')).toBeVisible();
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);

  await tabTo('the first question', () => document.activeElement?.tagName === 'TEXTAREA');
  await page.keyboard.type('Met het toetsenbord ingevuld.');
  await page.keyboard.press('Tab'); // nothing focusable under the box: the next stop is the button
  await expect(page.getByRole('button', { name: 'Volgende' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Stap 2 van')).toBeVisible();

  // The other questions may stay empty: "Volgende" on each, then "Over u", then the consent box.
  while (!(await page.getByLabel(/Ik ga akkoord/).isVisible())) {
    await tabTo('Volgende', isButton, 'Volgende');
    await page.keyboard.press('Enter');
  }
  await tabTo('the consent box', () => document.activeElement?.id === 'toestemming');
  await page.keyboard.press('Space');
  await expect(page.getByLabel(/Ik ga akkoord/)).toBeChecked();
  await tabTo('Antwoorden versturen', isButton, 'Antwoorden versturen');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/bedankt$/);
  await expect(page.locator('.dm-code')).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
});

test('every step is counted, and "verplicht" is a word in the label, not an error before anyone typed', async ({
  page,
}) => {
  await page.goto('/meedoen/inwoner');
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  // The questions, then "Over u", then "Versturen".
  const steps = (await page.locator('textarea').count()) + 2;
  await expect(page.getByText(`Stap 1 van ${steps}`)).toBeVisible();
  const first = page.getByRole('textbox').first();
  await expect(first).toHaveAccessibleName(/\(verplicht\)$/);
  await expect(page.getByText('Deze vraag is verplicht')).toHaveCount(0);
  await expect(page.locator('.utrecht-form-field-error-message')).toHaveCount(0);
  await expect(first).not.toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  // Only a try shows the error; typing an answer takes it away again.
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByText('Geef een antwoord op deze vraag.')).toBeVisible();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(first).toBeFocused();
  await first.fill('Hulp bij het zware werk.');
  await expect(page.getByText('Geef een antwoord op deze vraag.')).toHaveCount(0);
  await expect(first).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByText(`Stap 2 van ${steps}`)).toBeVisible();
  await expect(page.getByRole('textbox').filter({ visible: true })).toHaveAccessibleName(
    /\(niet verplicht\)$/,
  );
  await stepUntil(page, page.getByLabel('Hoe oud bent u?'));
  await expect(page.getByText(`Stap ${steps - 1} van ${steps}`)).toBeVisible();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByText(`Stap ${steps} van ${steps}`)).toBeVisible();
  await expect(page.getByRole('group', { name: /Versturen/ })).toBeVisible();
});

test('the form promises to keep answers on this device only where it does (JavaScript and storage)', async ({
  page,
  browser,
  baseURL,
}) => {
  const promise = 'Uw antwoorden worden op dit apparaat bewaard';
  await page.goto('/meedoen/inwoner');
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await expect(page.getByText(promise)).toBeVisible();

  // A browser that refuses storage (some private modes) gets no promise either.
  const refusing = await browser.newContext({ baseURL });
  await refusing.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('Opslag is vol', 'QuotaExceededError');
    };
  });
  const other = await refusing.newPage();
  await other.goto('/meedoen/inwoner');
  await expect(other.locator('astro-island[ssr]')).toHaveCount(0);
  await expect(other.getByText('Stap 1 van')).toBeVisible();
  await expect(other.getByText(promise)).toHaveCount(0);
  await refusing.close();
});

test('consent: one full-width row on a phone, and checked in the browser before anything is sent', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/meedoen/inwoner');
  await answerUpToSend(page, 'Hulp bij het zware werk, de rest doe ik zelf.');
  const consent = page.getByLabel(/Ik ga akkoord/);
  await consent.uncheck();
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST') posts++;
  });
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page.getByText('Zet een vinkje als u akkoord gaat')).toBeVisible();
  await expect(consent).toBeFocused();
  expect(posts).toBe(0);

  // The label gets the row beside the box; the explanation sits below it, not in a third column.
  const label = await page.locator('label[for="toestemming"]').boundingBox();
  const box = await consent.boundingBox();
  const explanation = await page.locator('#toestemming-uitleg').boundingBox();
  expect(label?.width ?? 0).toBeGreaterThan(250);
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(24);
  expect(explanation?.y ?? 0).toBeGreaterThanOrEqual((label?.y ?? 0) + (label?.height ?? 0) - 1);
  await expectAccessible(page);

  await consent.check();
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page).toHaveURL(/\/bedankt$/);
});
