import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes a chunk and waits when the reader is slower (backpressure), so memory stays flat. */
export async function put(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Ends the stream and waits until everything is flushed. */
export async function finish(out: Writable): Promise<void> {
  out.end();
  if (!out.writableFinished) await once(out, 'finish');
}
