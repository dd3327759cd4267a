import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import type { Caller, Database, Tx } from '../../src/lib/db/types';

/** `url`: the connection string of a TCP database (for command-line tools under test). */
export type TestDatabase = Database & { dispose(): Promise<void>; url?: string };

export const driver = process.env.TEST_DB_DRIVER === 'postgres' ? 'postgres' : 'pglite';

/** A fresh, migrated database on the driver of this test project (PGlite or TCP Postgres). */
export async function freshDatabase(): Promise<TestDatabase> {
  const template = inject('migratedTemplate');
  if (driver === 'pglite') {
    const db = await openPglite({ loadDataDir: new Blob([await readFile(template)]) });
    return Object.assign(db, { dispose: () => db.close() });
  }
  const url = process.env.DATABASE_URL as string;
  const name = `dm_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name} template ${template}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres({ url: target.toString(), max: 4 });
  return Object.assign(db, {
    url: target.toString(),
    dispose: async () => {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  });
}

/** Thrown to roll a transaction back after looking at its effect. */
export class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

/** Runs fn as the caller in a transaction that is always rolled back; returns fn's value or throws its error. */
export async function attempt<T>(db: Database, caller: Caller, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    await db.transaction(caller, async (tx) => {
      throw new Rollback(await fn(tx));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the transaction was not rolled back');
}
