import { mkdirSync } from 'node:fs';
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

/** The embedded database: real Postgres in WebAssembly, persisted under .data/ by default. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    relaxedDurability: false,
  });
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
    },
  };
}
