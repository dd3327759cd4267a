import { expect, test } from '@playwright/test';
import { answerUpToSend, expectAccessible, storedSubmission } from './support';

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

  await expect(page.getByText('Vraag 1 van')).toBeVisible();
  await expectAccessible(page);
  const first = page.getByRole('textbox').first();
  await first.fill('Dat ik zelf boodschappen kan blijven doen, met een beetje hulp.');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByText('Vraag 2 van')).toBeVisible();
  await page.getByRole('textbox').filter({ visible: true }).fill('Een vaste hulp die ik ken.');

  // A reload (or a dropped connection) loses nothing: the draft comes back, at the same step.
  await page.reload();
  await expect(page.getByRole('status')).toContainText('vorige keer');
  await expect(page.getByText('Vraag 2 van')).toBeVisible();
  await expect(page.getByRole('textbox').filter({ visible: true })).toHaveValue('Een vaste hulp die ik ken.');
  await page.getByRole('button', { name: 'Vorige' }).click();
  await expect(page.getByRole('textbox').filter({ visible: true })).toHaveValue(/boodschappen/);

  // Skip the rest of the questions.
  while (
    await page
      .getByText(/^Vraag \d+ van/)
      .filter({ visible: true })
      .count()
  ) {
    await page.getByRole('button', { name: 'Volgende' }).click();
  }
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
    await expect(page.getByText('Vraag 1 van')).toBeVisible();
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

test('unknown audiences are not found', async ({ request }) => {
  expect((await request.get('/meedoen/toerist')).status()).toBe(404);
});

test('the whole flow works with the keyboard only', async ({ page }) => {
  await page.goto('/meedoen');
  // Tab from the top: the skip link first, then onwards to the first audience.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Ga naar de inhoud' })).toBeFocused();
  await page.keyboard.press('Enter');
  for (
    let i = 0;
    i < 10 &&
    !(await page.getByRole('link', { name: /Inwoner/ }).evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Inwoner/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Vraag 1 van')).toBeVisible();

  const focusTextbox = async () => {
    for (
      let i = 0;
      i < 15 && !(await page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA'));
      i++
    )
      await page.keyboard.press('Tab');
  };
  await focusTextbox();
  await page.keyboard.type('Met het toetsenbord ingevuld.');
  await page.keyboard.press('Tab'); // hint text is not focusable: next stop is the button
  await expect(page.getByRole('button', { name: 'Volgende' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Vraag 2 van')).toBeVisible();
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
