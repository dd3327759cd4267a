// @ts-check
/**
 * Several server processes on one port (node:cluster), for a server with more than one core and
 * an external PostgreSQL. SERVER_PROCESSES sets how many (default 1: no cluster at all). The
 * embedded database lives inside one process, so without DATABASE_URL there is always one.
 *
 * Every worker is a whole serve.mjs server with its own connection pool (DATABASE_POOL_MAX each);
 * what they share lives in the database (rate-limit counters, sign-in throttle, theme jobs). The primary
 * only hands out connections: on SIGTERM/SIGINT it passes the signal on, each worker finishes its
 * requests in flight (see serve.mjs), and the primary exits 0 when all did. A worker that dies
 * otherwise is replaced (at most one restart a second, so a crash loop does not spin).
 */
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';

/** How many server processes to run, from the environment. */
export function processCount(env = process.env) {
  const wanted = Number(env.SERVER_PROCESSES ?? 1);
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 64)
    throw new Error(`SERVER_PROCESSES must be a whole number from 1 to 64, not "${env.SERVER_PROCESSES}".`);
  if (wanted > 1 && !env.DATABASE_URL) {
    console.warn('SERVER_PROCESSES is ignored with the embedded database: it runs in one process.');
    return 1;
  }
  return wanted;
}

/**
 * Runs `start` in this process (one process), or in `count` workers with this process as the
 * primary. Resolves in a worker or single process with what `start` returns; in the primary with
 * the address the first worker listens on.
 * @template T
 * @param {number} count
 * @param {() => Promise<T>} start
 * @returns {Promise<T | import('node:cluster').Address>}
 */
export async function runProcesses(count, start) {
  if (count === 1 || cluster.isWorker) return start();

  let stopping = false;
  let failed = false;
  let lastRestart = 0;
  // Workers run serve.mjs itself, not the command that started the primary (npm start builds and
  // prepares the database first: that happens once).
  cluster.setupPrimary({ exec: fileURLToPath(new URL('./serve.mjs', import.meta.url)) });
  const fork = () => {
    if (!stopping) cluster.fork(); // a restart still waiting when a stop signal came stays undone
  };
  for (let i = 0; i < count; i++) fork();

  /** Workers that serve: one still starting has no requests to finish and may just be stopped. */
  const listening = new Set();
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0 && listening.has(worker.id)) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    // 78 (EX_CONFIG, src/lib/app/context.server.ts): the settings cannot work; a new process would
    // stop the same way, so the whole server stops with the message the process printed.
    if (code === 78) {
      console.error('The settings cannot work (see above): stopping the server.');
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(78);
      failed = true;
      return;
    }
    console.error(`Server process ${worker.process.pid} stopped (${signal ?? code}); starting a new one.`);
    const wait = Math.max(0, lastRestart + 1000 - Date.now());
    lastRestart = Date.now() + wait;
    setTimeout(fork, wait);
  });

  /** @param {NodeJS.Signals} signal */
  const stop = (signal) => {
    if (stopping) {
      console.error(`${signal} again: stopping now.`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    console.log(`${signal}: stopping ${workers.length} server processes.`);
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill(signal);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  return new Promise((resolve) => cluster.once('listening', (_worker, address) => resolve(address)));
}
