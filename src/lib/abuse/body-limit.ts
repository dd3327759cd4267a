/**
 * True when a request's body is larger than `max` bytes: by its Content-Length, or (for chunked
 * bodies without one) by counting a clone of the stream, stopping as soon as the limit is passed.
 * The original body stays readable for the route; at most max + one chunk is held in memory.
 */
export async function bodyTooLarge(request: Request, max: number): Promise<boolean> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > max) return true;
  if (!request.body) return false;
  const reader = request.clone().body?.getReader();
  if (!reader) return false;
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      total += value.byteLength;
      if (total > max) return true;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/**
 * The whole body of a request, read once (it is used up), or 'tooLarge' as soon as it passes `max`
 * bytes: by its Content-Length before reading anything, or while reading (the rest is not read).
 */
export async function readBodyWithin(
  request: Request,
  max: number,
): Promise<Uint8Array<ArrayBuffer> | 'tooLarge'> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > max) return 'tooLarge';
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) return 'tooLarge';
      chunks.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
