import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';
import { demoPassword } from '../playwright.config';

/** WCAG 2.1 A and AA, as axe checks them. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Signs a request context in as a demo staff member (the CSRF token comes from the sign-in page). */
export async function signInRequest(
  request: APIRequestContext,
  email: string,
  baseURL: string,
): Promise<void> {
  const page = await request.get('/staff/inloggen');
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  const response = await request.post('/staff/inloggen', {
    form: { csrf: token ?? '', email, password: demoPassword, terug: '/staff' },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
}

export interface StoredSubmission {
  audience: string;
  organisationName: string | null;
  ageBand: string | null;
  items: { questionKey: string; body: string; status: string }[];
}

/** What the database holds for a reference code, read by an admin through the server's data layer. */
export async function storedSubmission(
  request: APIRequestContext,
  code: string,
  baseURL: string,
): Promise<StoredSubmission> {
  await signInRequest(request, 'beheer@doemee.test', baseURL);
  const response = await request.get(`/api/staff/inzendingen/${code}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as StoredSubmission;
}

/** Signs a page in as a demo staff member through the sign-in form. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/staff/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(demoPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

/**
 * A resident answers the first question with a plain form post, as a browser without JavaScript
 * would: the form's own hidden fields (CSRF, submission id, time token) come from the page.
 */
export async function postAnswer(
  request: APIRequestContext,
  baseURL: string,
  text: string,
  audience = 'inwoner',
): Promise<void> {
  const html = await (await request.get(`/meedoen/${audience}`)).text();
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '';
  const question = /name="(antwoord-[^"]+)"/.exec(html)?.[1] ?? '';
  const response = await request.post(`/meedoen/${audience}`, {
    form: {
      csrf: value('csrf'),
      inzending: value('inzending'),
      aanvang: value('aanvang'),
      [question]: text,
      toestemming: 'ja',
      ...(audience === 'inwoner' ? {} : { organisatie: 'Proeforganisatie' }),
    },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
}

/**
 * On an open question page: once the form island has hydrated (text typed before would be reset),
 * types `answer` into the first question, steps to the last step and ticks the consent box, so the
 * send button is next.
 */
export async function answerUpToSend(page: Page, answer: string): Promise<void> {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await page.getByRole('textbox').first().fill(answer);
  await stepUntil(page, page.getByLabel(/Ik ga akkoord/));
  await page.getByLabel(/Ik ga akkoord/).check();
}

/** Clicks "Volgende" (skipping questions that may stay empty) until `target` is on screen. */
export async function stepUntil(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 20 && !(await target.isVisible()); i++)
    await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(target).toBeVisible();
}

/** Opens a page with an island and waits until it has hydrated (a click before that does nothing). */
export async function openHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}
