import { fsyncSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { becomeCaller } from './caller';
import { DatabaseUnavailableError } from './errors';
import { SerialQueue } from './serial-queue';
import { withSqlTag } from './sql';
import type { Caller, Database, OwnerTx, Row } from './types';

export interface PgliteOptions {
  /** Directory to persist to; in memory when absent. */
  readonly dataDir?: string;
  /** A tarball from dumpDataDir() to start from (fast fresh databases in tests). */
  readonly loadDataDir?: Blob | File;
}

function wrap(tx: Transaction): OwnerTx {
  const bind = (params?: readonly unknown[]) => (params ? [...params] : undefined);
  return withSqlTag({
    query: async <T = Row>(text: string, params?: readonly unknown[]) =>
      (await tx.query<T>(text, bind(params))).rows,
    execute: async (text, params) => (await tx.query(text, bind(params))).affectedRows ?? 0,
    exec: async (script) => {
      await tx.exec(script);
    },
  });
}

/**
 * Durability of the embedded database. PGlite starts Postgres with `-F` (fsync off), and its
 * Node file system (Emscripten NODEFS) has no fsync at all: a commit is written to the operating
 * system with write(2) before the query returns, so it survives the process being killed, but
 * not a power cut or kernel crash. (`relaxedDurability` only concerns the browser file systems.)
 * On disk we start Postgres without `-F`, with wal_sync_method=fsync, and give NODEFS a real
 * fsync, so a commit is on disk before it is acknowledged and checkpoints sync the data files,
 * as in any Postgres.
 */
const durableStartParams = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'wal_sync_method=fsync',
];

interface EmscriptenStream {
  nfd?: number;
}

function enableFsync(pglite: PGlite): void {
  const nodefs = (pglite as unknown as { Module?: { NODEFS?: { stream_ops?: Record<string, unknown> } } })
    .Module?.NODEFS?.stream_ops;
  if (!nodefs) throw new Error('PGlite internals changed: cannot enable fsync on the embedded database.');
  nodefs.fsync = (stream: EmscriptenStream) => {
    if (typeof stream.nfd === 'number') fsyncSync(stream.nfd);
    return 0;
  };
}

/** `<dataDir>.pid`: which process has the embedded database open (removed when it closes). */
export function pidFile(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, '')}.pid`;
}

/**
 * The id of another live process that has the data directory open, if any. PGlite itself does not
 * lock its directory (its postmaster.pid holds a fixed number), so backup and restore ask this.
 */
export function openedByOtherProcess(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(dataDir), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** The embedded database: real Postgres in WebAssembly, persisted under .data/ by default. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir, startParams: durableStartParams } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    relaxedDurability: false,
  });
  if (options.dataDir) {
    enableFsync(pglite);
    writeFileSync(pidFile(options.dataDir), `${process.pid}\n`);
  }
  const queue = new SerialQueue();
  let closed = false;

  const run = <T>(fn: (tx: OwnerTx) => Promise<T>, caller?: Caller): Promise<T> => {
    if (closed) return Promise.reject(new DatabaseUnavailableError('The embedded database is closed.'));
    return queue.run(() =>
      pglite.transaction(async (raw) => {
        const tx = wrap(raw);
        if (caller) {
          const { text, params } = becomeCaller(caller);
          await tx.query(text, params);
        }
        return fn(tx);
      }),
    );
  };

  return {
    driver: 'pglite',
    pglite,
    transaction: (caller, fn) => run(fn, caller),
    asOwner: (fn) => run(fn),
    close: async () => {
      if (closed) return;
      closed = true;
      // Let queued work finish, then flush to disk.
      await queue.run(async () => undefined);
      await pglite.close();
      if (options.dataDir) rmSync(pidFile(options.dataDir), { force: true });
    },
  };
}
