/**
 * Lighthouse on the public pages of a production build, with mobile emulation (Lighthouse's default
 * config: a mid-range phone on a slow 4G connection, simulated).
 *
 * Builds the site, starts the server the way `npm start` does (src/cli/start.mjs) on a free port with
 * a temporary embedded database, waits for /api/health, runs Lighthouse in headless Chromium on each
 * page, prints a table and cleans up. Prints figures; asserts nothing. A page that does not answer
 * 200 is shown with its status (and Lighthouse's error, if it refuses the page).
 *
 * LIGHTHOUSE_REPORT_DIR=<dir> also writes each page's full Lighthouse result there as JSON.
 *
 * Nothing leaves this machine: the pages load no external resources, Chromium runs with background
 * networking, component updates and sync switched off, and Lighthouse does not report errors home.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pages = ['/', '/film', '/meedoen', '/meedoen/inwoner'];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** The targets are printed next to the scores; nothing fails on them. */
const targets: Record<(typeof categories)[number], number> = {
  performance: 95,
  accessibility: 100,
  'best-practices': 100,
  seo: 95,
};
const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return configured;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('No Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH.');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, 'localhost', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function build(): void {
  console.log('Building the site (astro build)…');
  const started = performance.now();
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'astro'), ['build'], {
    cwd: root,
    encoding: 'utf8',
    env: process.env,
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
    throw new Error(`astro build failed (exit ${result.status})`);
  }
  console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

interface Server {
  url: string;
  process: ChildProcess;
  log: () => string;
}

async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  // The same entry point as `npm start`; it skips the build because we just built.
  const child = spawn(process.execPath, ['src/cli/start.mjs'], {
    cwd: root,
    // Its own process group, so that stopping it also stops anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: 'localhost',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      DEMO_PASSWORD: `bench-${randomBytes(12).toString('hex')}`,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const server: Server = { url: `http://localhost:${port}`, process: child, log: () => output };

  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server stopped before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stopServer(server);
  throw new Error(`the server did not answer /api/health within 240 s:\n${output}`);
}

async function stopServer(server: Server): Promise<void> {
  const { process: child } = server;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

interface Row {
  page: string;
  status: number;
  scores: Partial<Record<(typeof categories)[number], number | null>>;
  scriptBytes: number | null;
  note: string;
  lhr?: Result;
}

interface NetworkItem {
  resourceType?: string;
  transferSize?: number;
}

function scriptBytes(lhr: Result): number | null {
  const details = lhr.audits['network-requests']?.details;
  if (details?.type !== 'table') return null;
  return (details.items as NetworkItem[])
    .filter((item) => item.resourceType === 'Script')
    .reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
}

async function audit(baseUrl: string, page: string, port: number): Promise<Row> {
  const url = `${baseUrl}${page}`;
  const status = (await fetch(url, { redirect: 'manual' })).status;
  const runner = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...categories],
  });
  if (!runner) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = runner;
  const reportDir = process.env.LIGHTHOUSE_REPORT_DIR;
  if (reportDir) {
    mkdirSync(reportDir, { recursive: true });
    const name = page === '/' ? 'home' : page.replace(/^\//, '').replace(/\W+/g, '-');
    writeFileSync(path.join(reportDir, `${name}.json`), JSON.stringify(lhr, null, 2));
  }
  const scores: Row['scores'] = {};
  for (const id of categories) {
    const score = lhr.categories[id]?.score;
    scores[id] = typeof score === 'number' ? Math.round(score * 100) : null;
  }
  const note = lhr.runtimeError
    ? `Lighthouse: ${lhr.runtimeError.code}`
    : status !== 200
      ? `HTTP ${status}`
      : '';
  return { page, status, scores, scriptBytes: scriptBytes(lhr), note, lhr };
}

function pad(value: string, width: number, right = false): string {
  return right ? value.padStart(width) : value.padEnd(width);
}

function printTable(rows: Row[]): void {
  const header = ['page', 'status', 'perf', 'a11y', 'best-pr.', 'SEO', 'JS bytes', 'note'];
  const lines = rows.map((row) => [
    row.page,
    String(row.status),
    ...categories.map((id) => (row.scores[id] == null ? '—' : String(row.scores[id]))),
    row.scriptBytes == null ? '—' : String(row.scriptBytes),
    row.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i] as number, i >= 1 && i <= 6))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log(
    `targets: performance ≥ ${targets.performance}, accessibility ${targets.accessibility}, best practices ${targets['best-practices']}, SEO ≥ ${targets.seo}`,
  );
}

/** For each score under its target: the audits in that category that did not pass, and the metrics. */
function printShortfalls(rows: Row[]): void {
  for (const row of rows) {
    const lhr = row.lhr;
    if (!lhr || lhr.runtimeError) continue;
    for (const id of categories) {
      const score = row.scores[id];
      if (score == null || score >= targets[id]) continue;
      const failing = (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && typeof a.score === 'number' && a.score < 0.9)
        .map(
          (a) =>
            `${a?.id} (${Math.round((a?.score ?? 0) * 100)}${a?.displayValue ? `, ${a.displayValue}` : ''})`,
        );
      console.log(`${row.page} ${id} ${score}: ${failing.join('; ') || 'no single failing audit'}`);
    }
    const metrics = [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
      'speed-index',
    ]
      .map((id) => `${id.replace(/-/g, ' ')} ${lhr.audits[id]?.displayValue ?? '—'}`)
      .join(', ');
    console.log(`${row.page} metrics: ${metrics}`);
  }
}

async function main(): Promise<void> {
  build();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dm-bench-web-'));
  let server: Server | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const cleanUp = async () => {
    if (chrome) {
      chrome.kill();
      chrome = undefined;
    }
    if (server) {
      await stopServer(server);
      server = undefined;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const interrupted = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    server = await startServer(dataDir);
    console.log(`Server ready at ${server.url}; running Lighthouse (mobile) on ${pages.join(', ')}…`);
    chrome = await chromeLauncher.launch({ chromePath: chromiumPath(), chromeFlags, logLevel: 'silent' });
    const rows: Row[] = [];
    for (const page of pages) rows.push(await audit(server.url, page, chrome.port));
    printTable(rows);
    printShortfalls(rows);
  } finally {
    await cleanUp();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

await main();
