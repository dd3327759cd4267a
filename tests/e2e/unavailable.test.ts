import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { answerUpToSend } from './support';

// A server whose database cannot be reached (nothing listens on port 1) must answer a clear
// Dutch 503, never a stack trace. The built server from the web server step is reused.
// Ports: E2E_PORT is the main test server, +1 the closed-consultation server, +2 and +3 the mail
// catcher, +4 and +5 these.
const port = Number(process.env.E2E_PORT) + 4;
let server: ChildProcess;

test.beforeAll(async () => {
  const root = path.resolve(import.meta.dirname, '..', '..');
  server = spawn(process.execPath, [path.join(root, 'src', 'cli', 'serve.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      HOST: 'localhost',
      PORT: String(port),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/onbereikbaar',
      AUTH_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`http://localhost:${port}/`).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
});
test.afterAll(() => {
  server?.kill();
});

test('a page answers 503 with a Dutch explanation when the database is down', async ({ page }) => {
  const response = await page.goto(`http://localhost:${port}/`);
  expect(response?.status()).toBe(503);
  expect(response?.headers()['retry-after']).toBe('60');
  await expect(page.getByRole('heading', { name: 'Even niet beschikbaar' })).toBeVisible();
  await expect(page.getByText('Er gaat niets verloren')).toBeVisible();
  expect(await page.content()).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
});

test('the API answers 503 as JSON when the database is down', async ({ request }) => {
  const response = await request.get(`http://localhost:${port}/api/health`);
  expect(response.status()).toBe(503);
  expect(response.headers()['retry-after']).toBe('60');
  expect(await response.json()).toMatchObject({ error: { code: 'error.unavailable.body' } });
});

// The database goes away while a resident sends their answers, then comes back: a TCP proxy in
// front of the real PostgreSQL (DATABASE_URL) that can refuse every connection stands in for
// the outage. Needs DATABASE_URL (as the integration-postgres suite does).
test.describe('a submit while the database is down', () => {
  const adminUrl = process.env.DATABASE_URL;
  test.skip(!adminUrl, 'needs DATABASE_URL (a PostgreSQL to put behind a breakable proxy)');
  const name = `dm_e2e_outage_${process.pid}`;
  const appPort = Number(process.env.E2E_PORT) + 5;
  let proxy: Server;
  let proxyPort = 0;
  let down = false;
  const sockets = new Set<Socket>();
  let app: ChildProcess;
  let admin: postgres.Sql;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const target = new URL(adminUrl ?? '');
    admin = postgres(adminUrl ?? '', { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    proxy = createServer((client) => {
      if (down) {
        client.destroy();
        return;
      }
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyPort = (proxy.address() as { port: number }).port;
    const viaProxy = new URL(adminUrl ?? '');
    viaProxy.host = `127.0.0.1:${proxyPort}`;
    viaProxy.pathname = `/${name}`;
    const root = path.resolve(import.meta.dirname, '..', '..');
    app = spawn(process.execPath, [path.join(root, 'src', 'cli', 'serve.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        HOST: 'localhost',
        PORT: String(appPort),
        DATABASE_URL: viaProxy.toString(),
        AUTH_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
        // A test browser fills the form in milliseconds.
        FORM_MIN_SECONDS: '0',
      },
      stdio: 'ignore',
    });
    for (let i = 0; i < 600; i++) {
      const ok = await fetch(`http://localhost:${appPort}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the server did not start');
  });
  test.afterAll(async () => {
    app?.kill();
    proxy?.close();
    for (const s of sockets) s.destroy();
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  test('answers 503, keeps the draft, and a retry later stores exactly once', async ({ page }) => {
    test.setTimeout(90_000);
    const base = `http://localhost:${appPort}`;
    await page.goto(`${base}/meedoen/inwoner`);
    await answerUpToSend(page, 'Zelf blijven koken, met een beetje hulp.');

    // The database goes away: open connections break, new ones are refused.
    down = true;
    for (const s of sockets) s.destroy();
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
    expect((await refused).status()).toBe(503);
    await expect(page.getByRole('status')).toContainText('Er gaat niets verloren');
    await expect(page).toHaveURL(/\/meedoen\/inwoner$/);
    const draft = await page.evaluate(() =>
      localStorage.getItem('doemee-concept-krachtig-oud-worden-inwoner'),
    );
    expect(draft).toContain('Zelf blijven koken, met een beetje hulp.');

    // Back again: the same click stores it, once.
    down = false;
    await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await expect(page).toHaveURL(/\/bedankt$/);
    const code = (await page.locator('.dm-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const direct = new URL(adminUrl ?? '');
    direct.pathname = `/${name}`;
    const db = postgres(direct.toString(), { max: 1, onnotice: () => undefined });
    try {
      const rows = await db.unsafe(
        `select s.id, s.reference_code, count(i.id)::int as items from public.submissions s
         left join public.input_items i on i.submission_id = s.id group by s.id, s.reference_code`,
      );
      // Exactly one submission, under the id the browser made before the outage.
      expect(rows.map((r) => ({ ...r }))).toEqual([
        { id: JSON.parse(draft ?? '{}').id, reference_code: code, items: 1 },
      ]);
    } finally {
      await db.end();
    }
  });
});
