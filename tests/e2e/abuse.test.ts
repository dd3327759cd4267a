import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { issueFormToken } from '../../src/lib/abuse/form-token.server';
import { demoPassword } from '../playwright.config';
import { answerUpToSend, storedSubmission } from './support';

// Abuse protection on public POSTs. The server believes X-Forwarded-For (TRUST_PROXY=1 in the
// Playwright config), so each test is its own client and exhausting a limit blocks nobody else.
const newClient = () =>
  `2001:db8::${randomBytes(4)
    .toString('hex')
    .replace(/^(....)/, '$1:')}`;

interface FormFields {
  csrf: string;
  inzending: string;
  aanvang: string;
  question: string;
}

async function formFields(
  request: APIRequestContext,
  client: string,
  audience = 'inwoner',
): Promise<FormFields> {
  const html = await (
    await request.get(`/meedoen/${audience}`, { headers: { 'x-forwarded-for': client } })
  ).text();
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '';
  return {
    csrf: value('csrf'),
    inzending: value('inzending'),
    aanvang: value('aanvang'),
    question: /name="(antwoord-[^"]+)"/.exec(html)?.[1] ?? '',
  };
}

function post(
  request: APIRequestContext,
  baseURL: string,
  client: string,
  form: Record<string, string>,
  json = true,
) {
  return request.post('/meedoen/inwoner', {
    form,
    headers: {
      origin: baseURL,
      'x-forwarded-for': client,
      ...(json ? { accept: 'application/json' } : {}),
    },
    maxRedirects: 0,
  });
}

const referenceFrom = (setCookie: string | undefined) => /dm_bedankt=([A-Z0-9-]+)/.exec(setCookie ?? '')?.[1];

async function fillAndReachSend(page: Page, answer: string): Promise<void> {
  await page.goto('/meedoen/inwoner');
  await answerUpToSend(page, answer);
}

const draftOf = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('doemee-concept-'));
    return key ? (JSON.parse(localStorage.getItem(key) ?? '{}') as { data: Record<string, string> }) : null;
  });

test('over the submit limit: a Dutch 429 with when to retry; the form keeps the draft', async ({
  page,
  baseURL,
}) => {
  const client = newClient();
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': client });
  await fillAndReachSend(page, 'Mijn antwoord mag niet verloren gaan.');

  // Use up the limit (40 a minute in the test server) from this client.
  const csrf = await page.locator('input[name=csrf]').inputValue();
  let last = await post(page.request, baseURL ?? '', client, { csrf });
  for (let i = 1; i < 40 && last.status() !== 429; i++)
    last = await post(page.request, baseURL ?? '', client, { csrf });
  last = await post(page.request, baseURL ?? '', client, { csrf });
  expect(last.status()).toBe(429);
  const retryAfter = Number(last.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = await last.json();
  expect(body.error.code).toBe('rate.limited');
  expect(body.error.message).toMatch(/Probeer het na \d\d:\d\d opnieuw/);
  expect(new Date(body.error.retryAt).getTime()).toBeGreaterThan(Date.now());

  // The plain form gets a page in Dutch.
  const plain = await post(page.request, baseURL ?? '', client, { csrf }, false);
  expect(plain.status()).toBe(429);
  expect(plain.headers()['content-type']).toMatch(/text\/html/);
  expect(await plain.text()).toMatch(/lang="nl"[\s\S]*Probeer het na \d\d:\d\d opnieuw[\s\S]*niet verloren/);

  // The enhanced form says so and keeps the answers on the device.
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page.getByRole('status')).toContainText(/Probeer het na \d\d:\d\d opnieuw/);
  await expect(page.getByRole('status')).toContainText('bewaard op dit apparaat');
  expect(Object.values((await draftOf(page))?.data ?? {})).toContain('Mijn antwoord mag niet verloren gaan.');
  await expect(page).toHaveURL(/\/meedoen\/inwoner$/);
});

test('a filled honeypot gets the neutral answer and stores nothing', async ({ request, baseURL }) => {
  const client = newClient();
  const fields = await formFields(request, client);
  const base = { csrf: fields.csrf, inzending: fields.inzending, aanvang: fields.aanvang, toestemming: 'ja' };
  const trapped = await post(request, baseURL ?? '', client, {
    ...base,
    [fields.question]: 'Tekst van een robot.',
    website: 'https://spam.example',
  });
  expect(trapped.status()).toBe(200);
  expect(await trapped.json()).toEqual({ ok: true, redirect: '/bedankt' });
  expect(referenceFrom(trapped.headers()['set-cookie'])).toBeUndefined();

  // The same submission id is still unused: a real send with it stores the real text.
  const real = await post(request, baseURL ?? '', client, {
    ...base,
    [fields.question]: 'Tekst van een mens.',
  });
  const code = referenceFrom(real.headers()['set-cookie']);
  expect(code).toBeTruthy();
  const stored = await storedSubmission(request, code ?? '', baseURL ?? '');
  expect(stored.items.map((i) => i.body)).toEqual(['Tekst van een mens.']);
});

test('a missing or forged time token is refused with a new token; nothing stored', async ({
  request,
  baseURL,
}) => {
  const client = newClient();
  const fields = await formFields(request, client);
  const base = { csrf: fields.csrf, inzending: fields.inzending, toestemming: 'ja' };
  for (const aanvang of ['', 'lzx.abc', `${Date.now().toString(36)}.${'A'.repeat(43)}`]) {
    const refused = await post(request, baseURL ?? '', client, {
      ...base,
      aanvang,
      [fields.question]: 'Eerst.',
    });
    expect(refused.status()).toBe(400);
    const body = await refused.json();
    expect(body.error.code).toMatch(/^form\.(missing|invalid)$/);
    expect(body.error.message).toMatch(/niets opgeslagen/);
    expect(body.error.formToken).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    // The new token comes with a new submission id: never a token for an id someone only sent.
    expect(body.error.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.error.submissionId).not.toBe(fields.inzending);
  }
  const real = await post(request, baseURL ?? '', client, {
    ...base,
    aanvang: fields.aanvang,
    [fields.question]: 'Daarna.',
  });
  const stored = await storedSubmission(
    request,
    referenceFrom(real.headers()['set-cookie']) ?? '',
    baseURL ?? '',
  );
  expect(stored.items.map((i) => i.body)).toEqual(['Daarna.']);
});

test('sent too fast: the form says so, stores nothing and keeps the draft', async ({ page }) => {
  // The test server's minimum is 0 s; a token signed (with the server's secret) as shown 20 s in
  // the future is "too fast" under any minimum.
  const secret = readFileSync(path.join(process.env.E2E_DATA_DIR ?? '', 'session-secret'), 'utf8').trim();
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': newClient() });
  await fillAndReachSend(page, 'Ik was heel snel klaar.');
  const id = await page.locator('input[name=inzending]').inputValue();
  const early = issueFormToken(new TextEncoder().encode(secret), id, Date.now() + 20_000);
  await page.locator('input[name=aanvang]').evaluate((el, value) => {
    (el as HTMLInputElement).value = value;
  }, early);
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page.getByRole('status')).toContainText('erg snel verstuurd');
  await expect(page.getByRole('status')).toContainText('niets opgeslagen');
  await expect(page).toHaveURL(/\/meedoen\/inwoner$/);
  expect(Object.values((await draftOf(page))?.data ?? {})).toContain('Ik was heel snel klaar.');
});

test('the island: a refused time token comes back with a new id and token; sending again works', async ({
  page,
  request,
  baseURL,
}) => {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': newClient() });
  await fillAndReachSend(page, 'Mijn token was kapot.');
  const id = await page.locator('input[name=inzending]').inputValue();
  await page.locator('input[name=aanvang]').evaluate((el) => {
    (el as HTMLInputElement).value = 'kapot';
  });
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page.getByRole('status')).toContainText('niets opgeslagen');
  await expect(page.locator('input[name=inzending]')).not.toHaveValue(id);
  await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(page).toHaveURL(/\/bedankt$/);
  const code = (await page.locator('.dm-code').textContent()) ?? '';
  const stored = await storedSubmission(request, code, baseURL ?? '');
  expect(stored.items.map((i) => i.body)).toEqual(['Mijn token was kapot.']);
});

test('a body over the size limit gets a Dutch 413 (JSON, page, API)', async ({ request, baseURL }) => {
  const client = newClient();
  const fields = await formFields(request, client);
  const huge = 'x'.repeat(1_100_000);
  const json = await post(request, baseURL ?? '', client, { csrf: fields.csrf, [fields.question]: huge });
  expect(json.status()).toBe(413);
  expect((await json.json()).error.message).toMatch(/te groot/);
  const page = await post(
    request,
    baseURL ?? '',
    client,
    { csrf: fields.csrf, [fields.question]: huge },
    false,
  );
  expect(page.status()).toBe(413);
  expect(await page.text()).toMatch(/Wat u stuurde is te groot/);
  // An API route too (before any CSRF or sign-in check).
  const api = await request.post('/api/roadtour/stops', {
    data: { note: huge },
    headers: { origin: baseURL ?? '', 'x-forwarded-for': client },
  });
  expect(api.status()).toBe(413);
});

test('sign-in throttle: after five failures for an account the next attempt waits seconds, then the right password gets in', async ({
  request,
  baseURL,
}) => {
  const client = newClient();
  const signIn = async (email: string, password: string, from = client) => {
    const form = await request.get('/staff/inloggen', { headers: { 'x-forwarded-for': from } });
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    return request.post('/staff/inloggen', {
      form: { csrf, email, password, terug: '/staff' },
      headers: { origin: baseURL ?? '', 'x-forwarded-for': from },
      maxRedirects: 0,
    });
  };
  for (let i = 0; i < 5; i++) {
    const failed = await signIn('moderator@doemee.test', `geraden-${i}`, newClient());
    expect(failed.status()).toBe(401);
    expect(await failed.text()).toContain('Het e-mailadres of het wachtwoord klopt niet.');
  }
  const throttled = await signIn('moderator@doemee.test', demoPassword);
  expect(throttled.status()).toBe(429);
  const retryAfter = Number(throttled.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(2);
  const message = (html: string) => /role="alert"[^>]*>\s*<p[^>]*>([^<]+)/.exec(html)?.[1];
  expect(message(await throttled.text())).toMatch(
    /vaak een verkeerd e-mailadres of wachtwoord ingevuld\. Wacht \d+ seconden? en probeer het dan opnieuw/,
  );
  // The real user waits seconds, not a quarter of an hour.
  await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
  expect((await signIn('moderator@doemee.test', demoPassword)).status()).toBe(303);
  // Failures from one address for unknown accounts do not keep a colleague behind it out.
  const office = newClient();
  for (let i = 0; i < 6; i++)
    expect(
      (
        await signIn(`niemand-${i}-${randomBytes(3).toString('hex')}@doemee.test`, 'geraden', office)
      ).status(),
    ).toBe(401);
  expect((await signIn('analist@doemee.test', demoPassword, office)).status()).toBe(303);
});
