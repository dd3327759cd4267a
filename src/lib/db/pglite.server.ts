import { fsync, fsyncSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { becomeCaller } from './caller';
import { ClientGoneError, DatabaseUnavailableError } from './errors';
import { SerialQueue } from './serial-queue';
import { withSqlTag } from './sql';
import type { Caller, Database, OwnerTx, Row, WorkOptions } from './types';

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
 * fsync, so checkpoints sync the data files and a commit is on disk before it is acknowledged,
 * as in any Postgres.
 *
 * Group commit: Postgres asks for the write-ahead log to be synced at every commit. Those
 * requests are noted (not done on the spot, which would block the one thread for a few ms per
 * commit) and `durable()` syncs them with an asynchronous fsync after the transaction, while the
 * next transactions already run; commits that finish meanwhile share the next fsync. Order is
 * kept: before any other file is synced (data files at a checkpoint, pg_control) and before a
 * log file is closed, the pending log syncs are done synchronously first.
 */
const durableStartParams = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'wal_sync_method=fsync',
];

interface EmscriptenStream {
  nfd?: number;
  path?: string;
}

type StreamOps = Record<string, unknown> & { close?: (stream: EmscriptenStream) => unknown };

/** fsync(2) of a descriptor; one closed meanwhile (EBADF) was synced when it was closed. */
function syncUnlessClosed(fd: number): void {
  try {
    fsyncSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EBADF') throw error;
  }
}

/** Exported for its tests; the database installs it itself (openPglite). */
export class WalSync {
  /** Log files written since their last sync. */
  #pending = new Set<number>();
  /** Log files being synced asynchronously right now. */
  #syncing = new Set<number>();
  #requested = 0;
  #synced = 0;
  #inflight: Promise<void> | null = null;

  install(pglite: PGlite): void {
    const ops = (pglite as unknown as { Module?: { NODEFS?: { stream_ops?: StreamOps } } }).Module?.NODEFS
      ?.stream_ops;
    if (!ops || typeof ops.close !== 'function')
      throw new Error('PGlite internals changed: cannot enable fsync on the embedded database.');
    const close = ops.close.bind(ops);
    ops.fsync = (stream: EmscriptenStream) => {
      if (typeof stream.nfd !== 'number') return 0;
      if (stream.path?.includes('/pg_wal/')) {
        this.#pending.add(stream.nfd);
        this.#requested++;
      } else {
        this.#syncPendingNow();
        fsyncSync(stream.nfd);
      }
      return 0;
    };
    ops.close = (stream: EmscriptenStream) => {
      const fd = stream.nfd;
      if (typeof fd === 'number' && (this.#pending.has(fd) || this.#syncing.has(fd))) {
        fsyncSync(fd);
        // Forgotten here, also while its asynchronous sync is in flight: a closed descriptor must
        // never be synced again (see #syncPendingNow).
        this.#pending.delete(fd);
        this.#syncing.delete(fd);
      }
      return close(stream);
    };
  }

  /**
   * Syncs every log file written or being synced, before another file is. Postgres calls fsync
   * while it holds its WAL write lock (a new segment, the pg_wal directory), so nothing may throw
   * here: an exception thrown into the WebAssembly call leaves that lock held and the next commit
   * spins in XLogFlush for ever. That happened at the first segment switch under load, when the
   * old segment was closed while its asynchronous sync was in flight and then synced again here
   * (EBADF); a descriptor closed meanwhile is skipped now (it was synced when it was closed).
   */
  #syncPendingNow(): void {
    for (const fd of [...this.#pending, ...this.#syncing]) syncUnlessClosed(fd);
    this.#pending.clear();
  }

  /** Resolves once every log sync requested so far is done. */
  async durable(): Promise<void> {
    const target = this.#requested;
    while (this.#synced < target) {
      this.#inflight ??= this.#syncBatch().finally(() => {
        this.#inflight = null;
      });
      await this.#inflight;
    }
  }

  async #syncBatch(): Promise<void> {
    const generation = this.#requested;
    const fds = [...this.#pending];
    this.#pending.clear();
    for (const fd of fds) this.#syncing.add(fd);
    try {
      await Promise.all(
        fds.map(
          (fd) =>
            new Promise<void>((resolve, reject) =>
              fsync(fd, (error) => {
                // EBADF: closed meanwhile, and synced before it was (see close above).
                if (error && error.code !== 'EBADF') reject(error);
                else resolve();
              }),
            ),
        ),
      );
    } finally {
      for (const fd of fds) this.#syncing.delete(fd);
    }
    this.#synced = Math.max(this.#synced, generation);
  }
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
  const wal = options.dataDir ? new WalSync() : undefined;
  if (options.dataDir) {
    wal?.install(pglite);
    writeFileSync(pidFile(options.dataDir), `${process.pid}\n`);
  }
  const queue = new SerialQueue();
  let closed = false;

  /**
   * Work waits its turn in the queue. When the turn comes, work whose client has gone (its
   * request's signal aborted) or that is still waiting when the database closes is not started:
   * otherwise requests that clients gave up on would keep the one connection busy (each one
   * making the next request wait longer, until none is answered in time) and close() would wait
   * for all of them (issue 21).
   */
  const run = async <T>(
    fn: (tx: OwnerTx) => Promise<T>,
    caller?: Caller,
    options?: WorkOptions,
  ): Promise<T> => {
    if (closed) throw new DatabaseUnavailableError('The embedded database is closed.');
    const result = await queue.run(() => {
      if (closed)
        throw new DatabaseUnavailableError('The embedded database closed before this work started.');
      if (options?.signal?.aborted) throw new ClientGoneError();
      return pglite.transaction(async (raw) => {
        const tx = wrap(raw);
        if (caller) {
          const { text, params } = becomeCaller(caller);
          await tx.query(text, params);
        }
        return fn(tx);
      });
    });
    // Committed: acknowledged only once the commit is on disk (shared fsync, see WalSync).
    await wal?.durable();
    return result;
  };

  return {
    driver: 'pglite',
    pglite,
    transaction: (caller, fn) => run(fn, caller),
    // In process there are no round trips to save: the statements simply run in turn.
    batch: (caller, statements, options) =>
      run(
        async (tx) => {
          const results: Row[][] = [];
          for (const statement of statements) results.push(await tx.query(statement.text, statement.params));
          return results;
        },
        caller,
        options,
      ),
    asOwner: (fn) => run(fn),
    close: async () => {
      if (closed) return;
      closed = true;
      // Work already running finishes; work still waiting is refused (see run), then flush to disk.
      await queue.run(async () => undefined);
      await wal?.durable();
      await pglite.close();
      if (options.dataDir) rmSync(pidFile(options.dataDir), { force: true });
    },
  };
}
