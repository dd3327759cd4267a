import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { parse, stringify } from 'yaml';

// Chosen once in the main process and passed to workers through the environment, so that
// runs side by side on one machine do not collide.
// The server listens on this port, the closed-consultation server on the next, the mail catcher
// (tests/support/mail-catcher.mjs) on the two after, tests/e2e/unavailable.test.ts's servers on
// the two after that: all six must be free (this machine runs PostgreSQL
// on 5432, RabbitMQ on 5672, Redis on 6379 …) and not among the ports Chromium refuses to open
// (SIP 5060/5061, X11 6000, IRC 6665-6669 …). Probed once, in a child process, because the config
// is read synchronously.
const refusedByChromium = [5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697];
const findPorts = `
  const net = require('node:net');
  const refused = new Set(${JSON.stringify(refusedByChromium)});
  const free = (port) => new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  (async () => {
    for (let port = 4400 + (${process.pid} % 2000) * 3; port < 65000; port += 6) {
      const ports = [port, port + 1, port + 2, port + 3, port + 4, port + 5];
      if (ports.some((p) => refused.has(p))) continue;
      if ((await Promise.all(ports.map(free))).every(Boolean)) return console.log(port);
    }
  })();`;
process.env.E2E_PORT ??= spawnSync(process.execPath, ['-e', findPorts], { encoding: 'utf8' }).stdout.trim();
const port = Number(process.env.E2E_PORT);
/** The system Chromium (Debian) when present, else CHROMIUM_PATH, else Playwright's own browser. */
const chromium =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
/** A fresh embedded database for every run, with known demo passwords. */
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'dm-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;
export const demoPassword = 'e2e-demo-wachtwoord';

/**
 * A second server for what only a closed consultation shows: the same content, with every
 * consultation closed since yesterday (made from content/ on each run, so it never drifts).
 */
export const closedBaseURL = `http://localhost:${port + 1}`;
const closedContent = path.join(`${dataDir}-gesloten`, 'content');
mkdirSync(path.join(closedContent, 'consultations'), { recursive: true });
for (const file of readdirSync(path.resolve(import.meta.dirname, '../content/consultations'))) {
  const consultation = parse(
    readFileSync(path.resolve(import.meta.dirname, '../content/consultations', file), 'utf8'),
  );
  consultation.closesAt = new Date(Date.now() - 86_400_000).toISOString();
  writeFileSync(path.join(closedContent, 'consultations', file), stringify(consultation));
}

/** Where the main test server sends staff e-mail, and where tests read it (mailbox()). */
const smtpPort = port + 2;
export const mailCatcherURL = `http://127.0.0.1:${port + 3}`;

/** What both test servers share. */
const serverEnv = {
  HOST: 'localhost',
  DEMO_PASSWORD: demoPassword,
  DATABASE_URL: '',
  // Abuse protection (src/lib/abuse): tests that exercise a limit send their own
  // X-Forwarded-For (believed with TRUST_PROXY), so they never block the other tests.
  TRUST_PROXY: '1',
  RATE_LIMIT_SUBMIT_PER_MINUTE: '40',
  RATE_LIMIT_SIGNIN_PER_MINUTE: '60',
  // Browsers driven by tests fill forms in milliseconds; tests/integration/inputs/submit-http.test.ts
  // covers the timing.
  FORM_MIN_SECONDS: '0',
};

export default defineConfig({
  testDir: './e2e',
  outputDir: `../test-results/run-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: 'node tests/support/mail-catcher.mjs',
      cwd: '..',
      url: `${mailCatcherURL}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { MAIL_CATCHER_SMTP_PORT: String(smtpPort), MAIL_CATCHER_HTTP_PORT: String(port + 3) },
    },
    {
      // The same script as `npm start`: builds when needed, migrates, seeds demo data, serves.
      command: 'node src/cli/start.mjs',
      cwd: '..',
      url: `http://localhost:${port}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        ...serverEnv,
        PORT: String(port),
        DATA_DIR: dataDir,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtpPort),
        SMTP_SECURE: 'false',
      },
    },
    {
      // Started after the first, so the build is already current.
      command: 'node src/cli/start.mjs',
      cwd: '..',
      url: `${closedBaseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      env: {
        ...serverEnv,
        PORT: String(port + 1),
        DATA_DIR: `${dataDir}-gesloten`,
        CONTENT_DIR: closedContent,
      },
    },
  ],
});
