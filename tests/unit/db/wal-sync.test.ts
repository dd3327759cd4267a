/**
 * The embedded database's log syncing (src/lib/db/pglite.server.ts, WalSync), driven through the
 * same file-system hooks Postgres calls. Regression (issue 21): at the first WAL segment switch
 * under load, the old segment was closed while its asynchronous sync was in flight, and the next
 * sync of another file synced the closed descriptor again: EBADF thrown into the WebAssembly call,
 * Postgres's WAL write lock left held, and every later commit spinning in XLogFlush.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { WalSync } from '../../../src/lib/db/pglite.server';

type Stream = { nfd?: number; path?: string };
type Ops = { close: (s: Stream) => unknown; fsync?: (s: Stream) => number };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for PGlite's Emscripten NODEFS: only the stream operations WalSync hooks into. */
function fakeFs() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dm-walsync-'));
  dirs.push(dir);
  const ops: Ops = { close: (stream) => closeSync(stream.nfd as number) };
  const wal = new WalSync();
  wal.install({ Module: { NODEFS: { stream_ops: ops } } } as never);
  const open = (name: string) => {
    const fd = openSync(path.join(dir, name), 'w');
    writeSync(fd, 'x');
    return fd;
  };
  return { wal, ops, open, dir };
}

describe('WalSync', () => {
  test('a segment closed while its sync is in flight is never synced again', async () => {
    const { wal, ops, open, dir } = fakeFs();
    const segment = open('000000010000000000000001');
    ops.fsync?.({ nfd: segment, path: '/base/pg_wal/000000010000000000000001' });
    const durable = wal.durable(); // the asynchronous sync of the segment is now in flight
    const directory = openSync(dir, 'r'); // opened first, so it does not reuse the segment's number
    ops.close({ nfd: segment }); // the segment switch closes the old segment
    // Postgres syncs the pg_wal directory (or a data file) next: no exception may reach it.
    expect(() => ops.fsync?.({ nfd: directory, path: '/base/pg_wal' })).not.toThrow();
    await durable;
    closeSync(directory);
  });

  test('durable() resolves once every log sync asked for is done, also when several commits share it', async () => {
    const { wal, ops, open } = fakeFs();
    const segment = open('000000010000000000000001');
    for (let i = 0; i < 3; i++) ops.fsync?.({ nfd: segment, path: '/base/pg_wal/000000010000000000000001' });
    await Promise.all([wal.durable(), wal.durable()]);
    ops.close({ nfd: segment });
  });
});
