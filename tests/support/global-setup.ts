import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import { migrationsDir, platformSql } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite, or the name of a migrated template database. */
    migratedTemplate: string;
  }
}

/** Migrates once per run; each test file then starts from a copy (cheap, and isolated). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // test.env reaches the workers only; here the project's name says which database it is for.
  if (project.name.endsWith('postgres')) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('integration-postgres needs DATABASE_URL');
    const name = `dm_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = openPostgres({ url: target.toString(), max: 1 });
    await migrate(db, { migrationsDir, platformSql });
    await db.close();
    project.provide('migratedTemplate', name);
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'dm-pglite-'));
  const db = await openPglite();
  await migrate(db, { migrationsDir, platformSql });
  const dump = await db.pglite.dumpDataDir('none');
  await db.close();
  const file = path.join(dir, 'migrated.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('migratedTemplate', file);
  return () => rm(dir, { recursive: true, force: true });
}
