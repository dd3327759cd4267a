import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible, signInRequest } from './support';

test('a resident looks up, downloads and deletes their answers with their code', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));

  // Send answers with the plain form (no scripts), as anyone can.
  await page.route('**/_astro/**/*.js', (route) => route.abort());
  await page.goto('/meedoen/inwoner');
  await page
    .getByRole('textbox')
    .first()
    .fill('<script>alert("x")</script> Zelf koken, met hulp bij het zware werk.');
  await page.getByLabel(/Ik ga akkoord/).check();
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page).toHaveURL(/\/bedankt$/);
  const code = (await page.locator('.dm-code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await page.unroute('**/_astro/**/*.js');

  await page.getByRole('link', { name: 'uw antwoorden bekijken of verwijderen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw antwoorden inzien of verwijderen');
  await expectAccessible(page);

  // A wrong code: a message that does not say whether the code exists.
  await page.getByLabel('Uw code').fill('ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Bekijk mijn antwoorden' }).click();
  await expect(page.getByRole('alert')).toContainText('Wij vinden geen antwoorden bij deze code');
  await expectAccessible(page);

  // The right code, typed loosely: the answer is shown as text, never run.
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await page.getByLabel('Uw code').fill(code.toLowerCase().replace('-', ' '));
  await page.getByRole('button', { name: 'Bekijk mijn antwoorden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw antwoorden');
  await expect(page.getByText('<script>alert("x")</script> Zelf koken')).toBeVisible();
  expect(dialogs).toBe(0);
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download als bestand (JSON)' }).click(),
  ]);
  const exported = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'));
  expect(exported).toMatchObject({
    referenceCode: code,
    audience: 'inwoner',
    answers: [{ answer: '<script>alert("x")</script> Zelf koken, met hulp bij het zware werk.' }],
  });

  await page.getByRole('button', { name: 'Verwijder mijn antwoorden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Weet u zeker/);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ja, verwijder mijn antwoorden' }).click();
  await expect(page.getByRole('status')).toContainText('Wij hebben uw antwoorden verwijderd');
  await expectAccessible(page);

  // Gone for staff too, and the code never appeared in an address.
  await signInRequest(request, 'beheer@doemee.test', baseURL ?? '');
  expect((await request.get(`/api/staff/inzendingen/${code}`)).status()).toBe(404);
  const plain = code.replace('-', '');
  expect(urls.filter((u) => u.toUpperCase().includes(code) || u.toUpperCase().includes(plain))).toEqual([]);
});

test('the lookup page refuses a post without the CSRF token', async ({ request, baseURL }) => {
  const response = await request.post('/mijn-inzending', {
    form: { actie: 'verwijderen', code: 'ABCD-EFGH' },
    headers: { origin: baseURL ?? '' },
  });
  expect(response.status()).toBe(403);
});
