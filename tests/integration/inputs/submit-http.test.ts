/**
 * Issue 16, items 9, 10 and 14, over HTTP on the production server (PGlite, and PostgreSQL when
 * DATABASE_URL is set), as a browser and as someone who only knows a submission id would send:
 *
 * - item 9: re-sending someone else's submission id handed out their reference code. A repeat is
 *   now recognised only with the form's time token, which is signed for that one id;
 * - item 10: /bedankt showed the code again for an hour from a cookie and could be cached;
 * - item 14: one aged time token skipped the minimum time for any number of submissions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  csrfToken,
  formHeaders,
  type RunningServer,
  referenceFrom,
  startServerOnTestDatabase,
  submitPath,
} from '../../support/server';

const minSeconds = 1;
let server: RunningServer;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ server, stop } = await startServerOnTestDatabase({ FORM_MIN_SECONDS: String(minSeconds) }));
}, 300_000);
afterAll(() => stop?.());

interface ShownForm {
  inzending: string;
  aanvang: string;
  question: string;
  cacheControl: string | null;
}

/** The answer form as a browser gets it: its hidden submission id and time token. */
async function showForm(): Promise<ShownForm> {
  const response = await fetch(`${server.url}${submitPath}`, { headers: { cookie: `dm_csrf=${csrfToken}` } });
  const html = await response.text();
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '';
  return {
    inzending: value('inzending'),
    aanvang: value('aanvang'),
    question: /name="(antwoord-[^"]+)"/.exec(html)?.[1] ?? '',
    cacheControl: response.headers.get('cache-control'),
  };
}

const waitMinimum = () => new Promise((resolve) => setTimeout(resolve, minSeconds * 1000 + 200));

function send(
  form: Pick<ShownForm, 'inzending' | 'aanvang' | 'question'>,
  text: string,
  json = false,
): Promise<Response> {
  return fetch(`${server.url}${submitPath}`, {
    method: 'POST',
    headers: { ...formHeaders(server.url), ...(json ? { accept: 'application/json' } : {}) },
    body: new URLSearchParams({
      csrf: csrfToken,
      inzending: form.inzending,
      aanvang: form.aanvang,
      [form.question]: text,
      toestemming: 'ja',
    }).toString(),
    redirect: 'manual',
  });
}

describe('the submission id is no key to someone else’s reference code (item 9)', () => {
  test('the same form sent again gets the same code; another sender with that id gets none', {
    timeout: 60_000,
  }, async () => {
    const resident = await showForm();
    await waitMinimum();
    const first = await send(resident, 'Hulp bij het zware schoonmaakwerk.');
    expect(first.status).toBe(303);
    const code = referenceFrom(first);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // A double click or a retry from the same browser: the same id and token, the same code.
    const again = await send(resident, 'Hulp bij het zware schoonmaakwerk.');
    expect(again.status).toBe(303);
    expect(referenceFrom(again)).toBe(code);

    // Someone else who learned the id, with the token of their own (aged) form.
    const other = await showForm();
    await waitMinimum();
    const stolen = await send({ ...other, inzending: resident.inzending }, 'Iets anders.');
    expect(stolen.status).toBe(400);
    expect(referenceFrom(stolen)).toBeUndefined();
    expect(await stolen.text()).not.toContain(code);

    // Asking for a new token with that id gives a token for a new id, not for the resident's.
    const refused = await send(
      { ...other, inzending: resident.inzending, aanvang: '' },
      'Iets anders.',
      true,
    );
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { formToken: string; submissionId: string } };
    expect(error.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.submissionId).not.toBe(resident.inzending);
    await waitMinimum();
    const withNewToken = await send(
      { ...other, inzending: resident.inzending, aanvang: error.formToken },
      'Iets anders.',
    );
    expect(withNewToken.status).toBe(400);
    expect(referenceFrom(withNewToken)).toBeUndefined();
    // The new pair itself is a fresh, working form.
    const fresh = await send({ ...other, inzending: error.submissionId, aanvang: error.formToken }, 'Nieuw.');
    expect(fresh.status).toBe(303);
    expect(referenceFrom(fresh)).not.toBe(code);
  });

  test('the form page, which holds the id and its token, is never kept by a shared cache', async () => {
    const { cacheControl } = await showForm();
    expect(cacheControl).toMatch(/\bprivate\b|\bno-store\b/);
  });
});

describe('the time token sends one submission (item 14)', () => {
  test('an aged token replayed with new submission ids stores nothing', { timeout: 60_000 }, async () => {
    const shown = await showForm();
    await waitMinimum();
    const first = await send(shown, 'Het eerste en enige antwoord.');
    expect(first.status).toBe(303);
    for (let i = 0; i < 3; i++) {
      const replayed = await send({ ...shown, inzending: randomUUID() }, `Herhaald antwoord ${i}.`, true);
      expect(replayed.status).toBe(400);
      expect(((await replayed.json()) as { error: { code: string } }).error.code).toBe('form.invalid');
    }
  });

  test('a fresh form sent at once is still too fast', async () => {
    const shown = await showForm();
    const response = await send(shown, 'Heel snel.', true);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('form.tooFast');
  });
});

describe('answers are checked before the time token (issue 20, item 4)', () => {
  const sendEmpty = (form: ShownForm, json: boolean) =>
    fetch(`${server.url}${submitPath}`, {
      method: 'POST',
      headers: { ...formHeaders(server.url), ...(json ? { accept: 'application/json' } : {}) },
      body: new URLSearchParams({
        csrf: csrfToken,
        inzending: form.inzending,
        aanvang: form.aanvang,
        [form.question]: '',
      }).toString(),
      redirect: 'manual',
    });

  test('an empty form sent at once hears what to fill in, not "too fast"; fixed at once it is too fast', {
    timeout: 30_000,
  }, async () => {
    const shown = await showForm();
    const json = await sendEmpty(shown, true);
    expect(json.status).toBe(400);
    const body = (await json.json()) as {
      error: { code: string; fields: Record<string, string>; formToken: string; submissionId: string };
    };
    expect(body.error.code).toBe('submission.invalid');
    expect(Object.keys(body.error.fields).sort()).toEqual([shown.question, 'toestemming'].sort());
    // The form goes on with its own id and token: the time keeps running.
    expect(body.error).toMatchObject({ formToken: shown.aanvang, submissionId: shown.inzending });

    const page = await sendEmpty(shown, false);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Verbeter de fouten');
    expect(html).not.toContain('erg snel');

    // Filled in right, but still within the minimum time: now the time token speaks.
    const fast = await send(shown, 'Snel verbeterd.', true);
    expect(((await fast.json()) as { error: { code: string } }).error.code).toBe('form.tooFast');
    await waitMinimum();
    expect((await send(shown, 'Snel verbeterd.')).status).toBe(303);
  });

  test('a form with a forged token and mistakes gets its field errors and a new id with its token', async () => {
    const shown = await showForm();
    const response = await sendEmpty({ ...shown, aanvang: 'vervalst' }, true);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; formToken: string; submissionId: string };
    };
    expect(body.error.code).toBe('submission.invalid');
    expect(body.error.submissionId).not.toBe(shown.inzending);
    expect(body.error.formToken).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
  });
});

describe('the thank-you page (item 10)', () => {
  test('is never stored, and shows the code only for a short while after sending', {
    timeout: 30_000,
  }, async () => {
    const shown = await showForm();
    await waitMinimum();
    const sent = await send(shown, 'Een vaste hulp die ik ken.');
    expect(sent.status).toBe(303);
    const code = referenceFrom(sent) ?? '';
    const cookie = sent.headers.getSetCookie().find((c) => c.startsWith('dm_bedankt=')) ?? '';
    const maxAge = Number(/;\s*Max-Age=(\d+)/i.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(60);
    expect(maxAge).toBeLessThanOrEqual(120);

    const thanks = await fetch(`${server.url}/bedankt`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(thanks.status).toBe(200);
    expect(thanks.headers.get('cache-control')).toMatch(/no-store/);
    expect(await thanks.text()).toContain(code);

    const later = await fetch(`${server.url}/bedankt`);
    expect(later.headers.get('cache-control')).toMatch(/no-store/);
    const html = await later.text();
    expect(html).toContain('Bedankt voor uw antwoorden');
    expect(html).not.toContain(code);
  });
});
