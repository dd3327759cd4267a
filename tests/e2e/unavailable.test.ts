import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// A server whose database cannot be reached (nothing listens on port 1) must answer a clear
// Dutch 503, never a stack trace. The built server from the web server step is reused.
// Ports: E2E_PORT is the main test server, +1 the closed-consultation server, +2 this one.
const port = Number(process.env.E2E_PORT) + 2;
let server: ChildProcess;

test.beforeAll(async () => {
  const root = path.resolve(import.meta.dirname, '..', '..');
  server = spawn(process.execPath, [path.join(root, 'dist', 'server', 'entry.mjs')], {
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
