import { randomBytes, randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, test } from '@playwright/test';
import fc from 'fast-check';
import { demoPassword } from '../playwright.config';
import { hostileObject, hostileString, hostileValue } from '../support/hostile';
import { hostileRequestPath, routeTemplates } from '../support/query-fuzz';

// HTTP-level fuzzing against the real built server (the one `npm start` runs): hundreds of
// generated hostile requests per public POST and API endpoint. Never a 5xx. Every request is its
// own client (X-Forwarded-For, believed in the test server) so rate limits do not hide the routes.
// FUZZ_HTTP_RUNS sets the runs per endpoint (default 200).

const runs = Number(process.env.FUZZ_HTTP_RUNS ?? 200);
const client = () => `2001:db8:f::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
/** Percent-encodes every UTF-8 byte (lone surrogates become U+FFFD first, as browsers do). */
const encodeSegment = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
/** Path or query text: encoded hostile strings, or raw broken escapes. */
const urlPart = fc.oneof(
  { weight: 4, arbitrary: hostileString(200).map(encodeSegment) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '%',
      '%zz',
      '%25252e',
      '%c0%ae%c0%ae',
      '..%2f..%2f',
      '%00',
      '%ff%fe',
      '?x=1&x=2',
    ),
  },
);

/** Printed at the end: endpoint → [runs, seconds, status counts]. */
const tally = new Map<string, { runs: number; ms: number; statuses: Record<number, number> }>();

async function fuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  send: (value: T) => Promise<{ status(): number; text(): Promise<string> }>,
  numRuns = runs,
  check?: (status: number, text: string, value: T) => void,
): Promise<void> {
  const started = Date.now();
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      const response = await send(value);
      statuses[response.status()] = (statuses[response.status()] ?? 0) + 1;
      const text = await response.text().catch(() => '');
      expect(response.status(), text).toBeLessThan(500);
      check?.(response.status(), text, value);
    }),
    { numRuns },
  );
  tally.set(name, { runs: numRuns, ms: Date.now() - started, statuses });
}

async function csrfFrom(request: APIRequestContext, path: string): Promise<string> {
  const html = await (await request.get(path, { headers: { 'x-forwarded-for': client() } })).text();
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

async function staffContext(
  playwright: { request: { newContext(o: object): Promise<APIRequestContext> } },
  baseURL: string,
  email: string,
): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwright.request.newContext({ baseURL });
  const csrf = await csrfFrom(api, '/staff/inloggen');
  const response = await api.post('/staff/inloggen', {
    form: { csrf, email, password: demoPassword, terug: '/staff' },
    headers: { origin: baseURL, 'x-forwarded-for': client() },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  return { api, csrf };
}

/** Form fields: known names with hostile values, plus hostile names. */
const formOf = (names: string[]) =>
  fc
    .tuple(
      hostileObject(names, {}),
      fc.array(fc.tuple(hostileString(30), hostileString(200)), { maxLength: 3 }),
    )
    .map(([known, extra]) => {
      const form: Record<string, string> = {};
      for (const [k, v] of Object.entries(known))
        if (v !== undefined) form[k] = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
      for (const [k, v] of extra) if (k) form[k] = v;
      return form;
    });

/** Odd bodies: wrong content types, broken multipart, JSON where a form is expected. */
const rawBody = fc.record({
  type: fc.constantFrom(
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'multipart/form-data',
    'application/json',
    'text/plain',
    'application/octet-stream',
  ),
  body: fc.oneof(
    hostileString(2000),
    hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
  ),
});

test.describe.configure({ timeout: 600_000 });

test.afterAll(() => {
  const lines = [...tally].map(
    ([name, t]) =>
      `${name}: ${t.runs} runs in ${(t.ms / 1000).toFixed(1)} s, statuses ${JSON.stringify(t.statuses)}`,
  );
  console.log(`HTTP fuzzing\n${lines.join('\n')}`);
});

test('public POSTs never answer 5xx', async ({ request, baseURL }) => {
  const origin = baseURL ?? '';
  const csrf = await csrfFrom(request, '/meedoen/inwoner');
  const page = await (
    await request.get('/meedoen/inwoner', { headers: { 'x-forwarded-for': client() } })
  ).text();
  const questions = [...page.matchAll(/name="(antwoord-[^"]+)"/g)].map((m) => m[1] ?? '');
  const answerFields = [
    'csrf',
    'inzending',
    'aanvang',
    ...questions,
    'organisatie',
    'leeftijd',
    'wijk',
    'hulp',
    'toestemming',
    'email',
    'website',
  ];

  for (const audience of ['inwoner', 'aanbieder']) {
    await fuzz(
      `POST /meedoen/${audience} (form)`,
      fc.tuple(formOf(answerFields), fc.boolean(), fc.boolean()),
      ([form, json, withCsrf]) =>
        request.post(`/meedoen/${audience}`, {
          form: { ...form, ...(withCsrf ? { csrf, inzending: form.inzending ?? randomUUID() } : {}) },
          headers: { origin, 'x-forwarded-for': client(), ...(json ? { accept: 'application/json' } : {}) },
          maxRedirects: 0,
        }),
    );
  }
  await fuzz('POST /meedoen/inwoner (raw bodies)', rawBody, ({ type, body }) =>
    request.post('/meedoen/inwoner', {
      data: body,
      headers: { origin, 'content-type': type, 'x-csrf-token': csrf, 'x-forwarded-for': client() },
      maxRedirects: 0,
    }),
  );
  await fuzz('POST /meedoen/<any>', urlPart, (segment) =>
    request.post(`/meedoen/${segment}`, {
      form: { csrf },
      headers: { origin, 'x-forwarded-for': client() },
      maxRedirects: 0,
    }),
  );
  await fuzz('POST /staff/inloggen', formOf(['email', 'password', 'terug']), (form) =>
    request.post('/staff/inloggen', {
      form: { ...form, csrf },
      headers: { origin, 'x-forwarded-for': client() },
      maxRedirects: 0,
    }),
  );
  await fuzz('POST /afmelden', formOf(['token']), (form) =>
    request.post('/afmelden', {
      form: { ...form, csrf },
      headers: { origin, 'x-forwarded-for': client() },
      maxRedirects: 0,
    }),
  );
  await fuzz(
    'POST without CSRF or origin',
    fc.tuple(
      fc.constantFrom(
        '/meedoen/inwoner',
        '/staff/inloggen',
        '/afmelden',
        '/api/roadtour/stops',
        '/api/staff/moderatie',
      ),
      rawBody,
    ),
    ([path, { type, body }]) =>
      request.post(path, {
        data: body,
        headers: { 'content-type': type, 'x-forwarded-for': client() },
        maxRedirects: 0,
      }),
  );
});

test('GET routes with hostile paths and query strings never answer 5xx', async ({ request }) => {
  await fuzz(
    'GET hostile paths and queries',
    fc.tuple(
      fc.constantFrom(
        '/meedoen/',
        '/resultaten/',
        '/afmelden?token=',
        '/staff/inloggen?terug=',
        '/staff/inloggen?reden=',
        '/api/roadtour/stops/',
        '/api/staff/inzendingen/',
        '/staff/moderatie?status=',
      ),
      urlPart,
    ),
    ([prefix, value]) =>
      request.get(`${prefix}${value}`, {
        headers: { 'x-forwarded-for': client() },
        maxRedirects: 0,
      }),
  );
});

test('staff APIs and forms never answer 5xx to signed-in staff', async ({ playwright, baseURL }) => {
  const origin = baseURL ?? '';
  const facilitator = await staffContext(playwright, origin, 'facilitator@doemee.test');
  const moderator = await staffContext(playwright, origin, 'moderator@doemee.test');
  const stops = (await (await facilitator.api.get('/api/roadtour/stops')).json()) as {
    stops?: { id: string }[];
  };
  const stopIds = [...(stops.stops ?? []).map((s) => s.id), randomUUID()];
  const headers = (csrf: string) => ({ origin, 'x-csrf-token': csrf, 'x-forwarded-for': client() });
  const stopId = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...stopIds) },
    urlPart.filter((s) => s.length > 0),
  );

  await fuzz(
    'POST /api/roadtour/stops',
    fc.oneof(
      hostileValue,
      hostileObject([
        'consultationSlug',
        'name',
        'location',
        'startsAt',
        'groupType',
        'expectedParticipants',
      ]),
    ),
    (body) =>
      facilitator.api.post('/api/roadtour/stops', {
        data: JSON.stringify(body) ?? 'null',
        headers: { ...headers(facilitator.csrf), 'content-type': 'application/json' },
      }),
  );
  const note = hostileObject(['id', 'topicKey', 'kind', 'body', 'speaker', 'clientCreatedAt'], {
    id: fc.constant(null).map(() => randomUUID()),
    topicKey: fc.constant('krachtig-oud-worden'),
    kind: fc.constantFrom('point', 'idea', 'worry'),
    body: hostileString(3000),
    clientCreatedAt: fc.constant(new Date().toISOString()),
  });
  await fuzz(
    'POST /api/roadtour/stops/[id]/notes',
    fc.tuple(stopId, fc.oneof(hostileValue, fc.record({ notes: fc.array(note, { maxLength: 4 }) }))),
    ([id, body]) =>
      facilitator.api.post(`/api/roadtour/stops/${id}/notes`, {
        data: JSON.stringify(body) ?? 'null',
        headers: { ...headers(facilitator.csrf), 'content-type': 'application/json' },
      }),
  );
  await fuzz('PATCH /api/roadtour/stops/[id]', fc.tuple(stopId, hostileValue), ([id, body]) =>
    facilitator.api.patch(`/api/roadtour/stops/${id}`, {
      data: JSON.stringify(body) ?? 'null',
      headers: { ...headers(facilitator.csrf), 'content-type': 'application/json' },
    }),
  );
  await fuzz(
    'PATCH /api/roadtour/notes/[id]',
    fc.tuple(
      urlPart.filter((s) => s.length > 0),
      hostileValue,
    ),
    ([id, body]) =>
      facilitator.api.patch(`/api/roadtour/notes/${id}`, {
        data: JSON.stringify(body) ?? 'null',
        headers: { ...headers(facilitator.csrf), 'content-type': 'application/json' },
      }),
  );
  await fuzz(
    'POST /api/staff/moderatie',
    fc.oneof(
      hostileValue,
      hostileObject(['itemId', 'expectedVersion', 'action', 'reason', 'itemIds', 'spans']),
    ),
    (body) =>
      moderator.api.post('/api/staff/moderatie', {
        data: JSON.stringify(body) ?? 'null',
        headers: { ...headers(moderator.csrf), 'content-type': 'application/json' },
      }),
  );
  await fuzz(
    'POST /staff/moderatie (form)',
    fc.oneof(
      formOf(['actie', 'item', 'versie', 'reden', 'items']),
      rawBody.map((r) => ({ __raw: r })),
    ),
    (form) =>
      '__raw' in form
        ? moderator.api.post('/staff/moderatie', {
            data: (form.__raw as { body: string }).body,
            headers: { ...headers(moderator.csrf), 'content-type': (form.__raw as { type: string }).type },
            maxRedirects: 0,
          })
        : moderator.api.post('/staff/moderatie', {
            form: { ...(form as Record<string, string>), csrf: moderator.csrf },
            headers: headers(moderator.csrf),
            maxRedirects: 0,
          }),
  );
  await facilitator.api.dispose();
  await moderator.api.dispose();
});

test('stored hostile answers render as text on the moderation page', async ({ page, request, baseURL }) => {
  const origin = baseURL ?? '';
  const ip = client();
  const html = await (await request.get('/meedoen/inwoner', { headers: { 'x-forwarded-for': ip } })).text();
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '';
  const question = /name="(antwoord-[^"]+)"/.exec(html)?.[1] ?? '';
  const marker = `fuzz-${randomBytes(4).toString('hex')}`;
  const body = `${marker} <script>document.title='pwned'</script><img src=x onerror="document.title='pwned'"><svg onload=alert(1)> [x](javascript:alert(1))`;
  const sent = await request.post('/meedoen/inwoner', {
    form: {
      csrf: value('csrf'),
      inzending: value('inzending'),
      aanvang: value('aanvang'),
      [question]: body,
      toestemming: 'ja',
    },
    headers: { origin, 'x-forwarded-for': ip, accept: 'application/json' },
  });
  expect(sent.status(), await sent.text()).toBe(200);

  await page.goto('/staff/inloggen');
  await page.getByLabel('E-mailadres').fill('moderator@doemee.test');
  await page.getByLabel('Wachtwoord').fill(demoPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.goto('/staff/moderatie');
  const item = page.locator('li[data-item-id]', { hasText: marker });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('<script>');
  expect(await item.locator('script, img, svg, iframe').count()).toBe(0);
  expect(await page.title()).not.toBe('pwned');
});

// Issue 16, item 12: the query strings (and path segments) of every page and GET API route, as a
// visitor and as each staff role. FUZZ_QUERY_RUNS sets the runs per route and role (default 20).
const queryRuns = Number(process.env.FUZZ_QUERY_RUNS ?? 20);
const roleAccounts = {
  bezoeker: null,
  beheerder: 'beheer@doemee.test',
  moderator: 'moderator@doemee.test',
  analist: 'analist@doemee.test',
  gespreksleider: 'facilitator@doemee.test',
} as const;

/** Words that would mean an English (framework) refusal instead of ours. */
const english = /\b(bad request|not found|method not allowed|forbidden|internal server error)\b/i;

/** A refusal (4xx) says in Dutch what is wrong: never an empty or English body. */
function dutchRefusal(status: number, text: string, path: string): void {
  if (status < 400) return;
  const where = `${status} ${path.slice(0, 200)}`;
  if (text.trimStart().startsWith('{')) {
    const message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '';
    expect(message.length, where).toBeGreaterThan(5);
    expect(message, where).not.toMatch(english);
    return;
  }
  expect(text, where).toMatch(/<html lang="nl"/);
  const title = /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? '';
  expect(title, where).not.toMatch(english);
}

for (const [role, email] of Object.entries(roleAccounts)) {
  test(`query strings of every route never answer 5xx (${role})`, async ({ playwright, baseURL }) => {
    const origin = baseURL ?? '';
    const { api } = email
      ? await staffContext(playwright, origin, email)
      : { api: await playwright.request.newContext({ baseURL: origin }) };
    const stops = email
      ? (((await (await api.get('/api/roadtour/stops')).json()) as { stops?: { id: string }[] }).stops ?? [])
      : [];
    const values = {
      slug: ['krachtig-oud-worden'],
      stop: [...stops.slice(0, 3).map((s) => s.id), randomUUID()],
      code: ['ABCD-EFGH', 'abcd-efgh'],
      job: [randomUUID()],
    };
    for (const route of routeTemplates)
      await fuzz(
        `GET ${route.path} (${role})`,
        hostileRequestPath(route, values),
        (path) => api.get(path, { headers: { 'x-forwarded-for': client() }, maxRedirects: 0 }),
        queryRuns,
        dutchRefusal,
      );
    await api.dispose();
  });
}

test('bad input named in issue 16 answers 400, 404 or 405 with a Dutch message', async ({
  playwright,
  request,
  baseURL,
}) => {
  const origin = baseURL ?? '';
  const admin = await staffContext(playwright, origin, 'beheer@doemee.test');
  const cursor = (at: string, id: string | number) =>
    Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
  const february30 = '2026-02-30T10:00:00.000000Z';
  const cases: [string, number, RegExp][] = [
    ['/staff/logboek?van=2026-02-30', 400, /datum/],
    ['/staff/logboek?tot=2026-02-30', 400, /datum/],
    [`/staff/logboek?na=${cursor(february30, 5)}`, 400, /pagina bestaat niet meer/],
    ['/staff/logboek?id=a%00b', 400, /filters klopt niet/],
    [`/staff/moderatie?na=${cursor(february30, randomUUID())}`, 400, /pagina bestaat niet meer/],
    ['/staff/moderatie?zoek=a%00b', 400, /filters kloppen niet/],
    ['/staff/moderatie?status=alle&zoek=%00', 400, /filters kloppen niet/],
    ['/staff/dashboard?from=2026-02-30', 400, /klopt niet|kloppen niet/],
    ['/staff/dashboard?to=2026-02-30', 400, /klopt niet|kloppen niet/],
    [
      '/staff/export?consultation=krachtig-oud-worden&format=csv&from=2026-02-30&fout=export.invalid',
      400,
      /klopt niet|kloppen niet/,
    ],
    ['/api/staff/themas/krachtig-oud-worden/zoeken?q=a%00b', 200, /items/],
    ['/staff/themas/a%0d%0ab', 404, /bestaat niet/],
    ['/staff/themas/a%0d%0ab/publiceren', 404, /bestaat niet/],
    ['/staff/roadtour/a%0d%0ab', 404, /bestaat niet|niet gevonden/],
    ['/api/staff/themas/a%0d%0ab/zoeken?q=x', 404, /"message"/],
  ];
  for (const [path, status, text] of cases) {
    const response = await admin.api.get(path, { headers: { 'x-forwarded-for': client() }, maxRedirects: 0 });
    const body = await response.text();
    expect(response.status(), `${path}: ${body.slice(0, 300)}`).toBe(status);
    expect(body, path).toMatch(text);
  }
  // The download route sends a choice that does not fit back to the form, which answers 400.
  const download = await admin.api.get(
    '/staff/export/bestand?consultation=krachtig-oud-worden&format=csv&from=2026-02-30',
    { headers: { 'x-forwarded-for': client() }, maxRedirects: 0 },
  );
  expect(download.status()).toBe(303);
  expect(download.headers().location).toContain('fout=export.invalid');
  for (const path of [
    '/resultaten/a%0d%0ab',
    '/meedoen/a%0d%0ab',
    '/resultaten/krachtig-oud-worden?versie=%00',
  ]) {
    const response = await request.get(path, { headers: { 'x-forwarded-for': client() }, maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).toMatch(/bestaat niet/);
  }
  // TRACE cannot even be sent through Node's fetch; a raw socket shows the server's answer.
  const { connect } = await import('node:net');
  const url = new URL(origin);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () =>
      socket.write(`TRACE / HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`),
    );
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 405/);
  expect(answer).toMatch(/kan hier niet/);
  await admin.api.dispose();
});
