/**
 * The production server (src/cli/serve.mjs on the built dist/) as a child process, for the
 * crash tests and the submit benchmark. Builds first when the sources are newer than the build
 * (the same rule as `npm start`), prepares the database once with `src/cli/db.ts migrate`, and
 * offers a resident's form submission as plain HTTP.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { issueFormToken } from '../../src/lib/abuse/form-token.server';
import type { Database } from '../../src/lib/db/types';
import { repoRoot } from './paths';

const entry = path.join(repoRoot, 'dist', 'server', 'entry.mjs');

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
  return newest;
}

/** `astro build` unless dist/ is newer than every source (as src/cli/start.mjs decides). */
export function ensureBuilt(log: (line: string) => void = () => undefined): void {
  const sources = ['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json'].map((p) =>
    path.join(repoRoot, p),
  );
  const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  if (builtAt >= Math.max(...sources.map(newestMtime))) return;
  log('Building the site (astro build)…');
  const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'astro'), ['build'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: process.env,
  });
  if (result.status !== 0) throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Migrations and content into the database of `env` (DATA_DIR or DATABASE_URL), no demo data. */
export function prepareDatabase(env: Record<string, string>): void {
  const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['src/cli/db.ts', 'migrate'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`db migrate failed:\n${result.stdout}\n${result.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

export interface RunningServer {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the server printed so far. */
  log(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node src/cli/serve.mjs` and waits until /api/health answers 200 (which also opens and
 * migrates the database). `env` adds to this process's environment.
 */
export async function startServer(
  env: Record<string, string>,
  { timeoutMs = 120_000, nodeArgs = [] }: { timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'src', 'cli', 'serve.mjs')], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      AUTH_JWT_SECRET: testSecret,
      // These servers measure and break the submit path itself: no rate limit, no waiting time.
      RATE_LIMIT_SUBMIT_PER_MINUTE: '0',
      FORM_MIN_SECONDS: '0',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    process: child,
    log: () => output,
    exited,
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server stopped before it was ready:\n${output}`);
    try {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${output}`);
}

/** Stops a server (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
export async function stopServer(server: RunningServer, graceMs = 15_000) {
  if (server.process.exitCode === null && server.process.signalCode === null) {
    server.process.kill('SIGTERM');
    const timer = setTimeout(() => server.process.kill('SIGKILL'), graceMs);
    const result = await server.exited;
    clearTimeout(timer);
    return result;
  }
  return server.exited;
}

/** The double-submit CSRF token a browser would get: any ≥ 32-character value in cookie and form. */
export const csrfToken = 'bench-and-test-csrf-token-0123456789abcdef';

/** The servers' AUTH_JWT_SECRET, which also signs the answer form's time token. */
const testSecret = 'a-test-secret-of-at-least-thirty-two-characters';
/** The time token of a form shown a minute ago for this submission id, as the server issues it. */
const formTokenFor = (submissionId: string) =>
  issueFormToken(new TextEncoder().encode(testSecret), submissionId, Date.now() - 60_000);

export const submitPath = '/meedoen/inwoner';

/** A resident's answers as the form posts them, with a new browser-made id. */
export function residentForm(
  submissionId: string = randomUUID(),
  answers: Record<string, string> = {
    'krachtig-oud-worden': `Zelf blijven koken en af en toe hulp bij het zware werk (${submissionId.slice(0, 8)}).`,
    'schoon-huis': 'Een vaste hulp die ik ken, één keer per week.',
    informatie: 'Via de huisarts en de krant.',
  },
): { submissionId: string; body: string; answers: Record<string, string> } {
  const form = new URLSearchParams({
    csrf: csrfToken,
    inzending: submissionId,
    aanvang: formTokenFor(submissionId),
    toestemming: 'ja',
  });
  for (const [key, text] of Object.entries(answers)) form.set(`antwoord-${key}`, text);
  return { submissionId, body: form.toString(), answers };
}

/** The headers of a browser's form post to `origin`. */
export function formHeaders(origin: string): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    cookie: `dm_csrf=${csrfToken}`,
    origin,
  };
}

/** The reference code a 303 answer carries (in the thank-you cookie), if any. */
export function referenceFrom(response: Response): string | undefined {
  const cookies = response.headers.getSetCookie();
  for (const cookie of cookies) {
    const match = /^dm_bedankt=([A-Z0-9-]+)/.exec(cookie);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * The production server on this test project's driver: a fresh embedded database in a temporary
 * directory (PGlite), or a fresh database beside DATABASE_URL (PostgreSQL). Builds first when needed.
 */
export async function startServerOnTestDatabase(
  env: Record<string, string> = {},
  /** Runs on the migrated database before the server opens it (e.g. to add staff accounts). */
  prepare?: (db: Database) => Promise<void>,
): Promise<{ server: RunningServer; stop(): Promise<void>; db?: Database }> {
  ensureBuilt();
  const { driver, freshDatabase } = await import('./db');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  if (driver === 'postgres') {
    const db = await freshDatabase();
    await prepare?.(db);
    const server = await startServer({ DATABASE_URL: db.url ?? '', DEMO_SEED: 'false', ...env });
    return {
      server,
      // PostgreSQL takes more than one connection: the test may change data while the server runs.
      db,
      stop: async () => {
        await stopServer(server);
        await db.dispose();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dm-server-'));
  if (prepare) {
    prepareDatabase({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const { openPglite } = await import('../../src/lib/db/pglite.server');
    const db = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    try {
      await prepare(db);
    } finally {
      await db.close();
    }
  }
  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '', DEMO_SEED: 'false', ...env });
  return {
    server,
    stop: async () => {
      await stopServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
