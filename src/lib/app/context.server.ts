import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, checkAuthConfiguration } from '../auth/sign-in.server';
import { type Env, readEnv, resolveFromRoot } from '../config/env.server';
import { openDatabase, prepareForServing, servingRoleConcern } from '../db/open.server';
import type { Database } from '../db/types';

export interface AppContext {
  readonly env: Env;
  readonly db: Database;
  /** Signs local staff sessions. */
  readonly sessionSecret: Uint8Array;
}

/** AUTH_JWT_SECRET, or a secret generated once and kept under DATA_DIR (embedded mode). */
export async function loadSessionSecret(env: Env): Promise<Uint8Array> {
  if (env.AUTH_JWT_SECRET) {
    if (env.AUTH_JWT_SECRET.length < 32) throw new Error('AUTH_JWT_SECRET must be at least 32 characters.');
    return new TextEncoder().encode(env.AUTH_JWT_SECRET);
  }
  if (env.DATABASE_URL)
    throw new Error('Set AUTH_JWT_SECRET when DATABASE_URL is set (several servers share it).');
  const file = path.join(resolveFromRoot(env.DATA_DIR), 'session-secret');
  try {
    return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
  } catch {
    const secret = randomBytes(48).toString('base64url');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
  }
}

let context: Promise<AppContext> | undefined;

/** EX_CONFIG (sysexits.h): settings that cannot work; src/cli/processes.mjs does not restart it. */
export const configurationExitCode = 78;

/**
 * On a Supabase project without SUPABASE_URL nobody could sign in (issue 17): under
 * src/cli/serve.mjs the process stops with the message (exit code 78) instead of answering every
 * request with 500; elsewhere (the dev server) the error is thrown.
 */
async function stopOnBadConfiguration(db: Database, env: Env): Promise<void> {
  try {
    await checkAuthConfiguration(db, env);
  } catch (error) {
    await db.close().catch(() => undefined);
    if (error instanceof ConfigurationError && (globalThis as Record<symbol, unknown>)[externalShutdown]) {
      console.error(`Stopped: ${error.message}`);
      process.exit(configurationExitCode);
    }
    throw error;
  }
}

/**
 * Set by src/cli/serve.mjs before it loads the bundle: that server drains its requests on a stop
 * signal and then closes the database through the function registered under this symbol.
 */
export const externalShutdown = Symbol.for('doemee.shutdown');

/**
 * On Ctrl-C or a stop signal, close the database first so PGlite flushes to disk. Only when the
 * bundle runs without src/cli/serve.mjs (the dev server), which shuts down gracefully itself.
 */
function closeOnExit(db: Database): void {
  if ((globalThis as Record<symbol, unknown>)[externalShutdown]) return;
  const stop = (signal: NodeJS.Signals) => {
    db.close().finally(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** One per server process: the database is opened, migrated and synchronised once. */
export function getAppContext(): Promise<AppContext> {
  context ??= (async () => {
    const env = readEnv();
    const db = await openDatabase(env);
    await prepareForServing(env, db);
    const concern = await servingRoleConcern(db);
    if (concern) console.warn(concern);
    closeOnExit(db);
    await stopOnBadConfiguration(db, env);
    return { env, db, sessionSecret: await loadSessionSecret(env) };
  })();
  // A failed start (database down) is retried on the next request instead of cached forever.
  context.catch(() => {
    context = undefined;
  });
  return context;
}

/** Closes the database; used on shutdown so PGlite flushes to disk. */
export async function closeAppContext(): Promise<void> {
  const current = context;
  context = undefined;
  if (current) await (await current.catch(() => undefined))?.db.close();
}

// The server in src/cli/serve.mjs finds the closer here (it cannot import from the bundle).
const hook = (globalThis as Record<symbol, unknown>)[externalShutdown];
if (hook && typeof hook === 'object') (hook as { close?: () => Promise<void> }).close = closeAppContext;
