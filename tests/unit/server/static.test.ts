/**
 * The production server (src/cli/serve.mjs) on a made-up dist/client, with a stand-in for Astro's
 * handler that writes the way Astro does (writeHead, then the page in chunks). Real HTTP over a
 * socket (node:http, which neither decompresses nor normalises paths, unlike fetch).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acceptedEncodings, createRequestListener } from '../../../src/cli/serve.mjs';
import { precompressDirectory } from '../../../src/integrations/precompress.mjs';

const css = `.dm-theme{--dm-color-primary:#00558c}\n${'.utrecht-button{color:var(--dm-color-primary);min-block-size:48px}\n'.repeat(200)}`;
const filmPage = `<!doctype html><html lang="nl"><title>Film</title>${'<p class="utrecht-paragraph">Krachtig oud worden.</p>'.repeat(60)}</html>`;
const video = randomBytes(20_000);
const pageChunks = [
  '<!doctype html><html lang="nl"><head><title>Doe Mee</title></head><body>',
  '<p class="utrecht-paragraph">Praat mee over hulp in het huishouden.</p>'.repeat(80),
  '</body></html>',
];
/** Pause between the page's first chunk and the rest, as when a page awaits the database. */
const renderPauseMs = 400;
const secret = '{"name":"outside-the-client-folder"}';

let root: string;
let server: http.Server;
let port: number;

/** Stand-in for the adapter's handler: Astro writes headers, then the body chunk by chunk. */
function fakeAstro(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? '/';
  if (url === '/' || url.startsWith('/meedoen')) {
    res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] });
    res.write(pageChunks[0]);
    setTimeout(() => {
      res.write(pageChunks[1]);
      res.end(pageChunks[2]);
    }, renderPauseMs);
    return;
  }
  if (url === '/api/health') {
    const body = JSON.stringify({ ok: true });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
    res.end(body);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>Niet gevonden</title><p>${'Deze pagina bestaat niet. '.repeat(60)}</p>`);
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** ms from sending the request to the first readable (decompressed) body bytes, and to the end. */
  firstTextMs: number;
  endMs: number;
}

/** A raw request: the path goes out exactly as written, and nothing is decompressed. */
function request(method: string, pathname: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstTextMs = -1;
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      // Decompressed alongside, to see when the text becomes readable (not just the first bytes).
      const encoding = res.headers['content-encoding'];
      const decoder =
        encoding === 'br'
          ? zlib.createBrotliDecompress()
          : encoding === 'gzip'
            ? zlib.createGunzip()
            : undefined;
      const onText = (chunk: Buffer) => {
        if (firstTextMs < 0 && chunk.length > 0) firstTextMs = performance.now() - started;
      };
      decoder?.on('data', onText);
      decoder?.on('error', reject);
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (decoder) decoder.write(chunk);
        else onText(chunk);
      });
      res.on('end', () => {
        decoder?.end();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          firstTextMs,
          endMs: performance.now() - started,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const get = (pathname: string, headers?: Record<string, string>) => request('GET', pathname, headers);

function decode(reply: Reply): string {
  const encoding = reply.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(reply.body).toString();
  if (encoding === 'gzip') return zlib.gunzipSync(reply.body).toString();
  return reply.body.toString();
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'dm-serve-'));
  const client = path.join(root, 'client');
  mkdirSync(path.join(client, '_astro'), { recursive: true });
  mkdirSync(path.join(client, 'film'), { recursive: true });
  writeFileSync(path.join(client, '_astro', 'Base.Ab12Cd34.css'), css);
  writeFileSync(path.join(client, 'film', 'index.html'), filmPage);
  writeFileSync(path.join(client, 'film', 'film.mp4'), video);
  writeFileSync(path.join(client, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(client, '.env'), 'SECRET=1');
  writeFileSync(path.join(root, 'package.json'), secret);
  symlinkSync(path.join(root, 'package.json'), path.join(client, 'linked.json'));
  await precompressDirectory(client);

  server = http.createServer(createRequestListener({ clientDir: client, handler: fakeAstro }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('files from dist/client', () => {
  test('Brotli when the browser accepts it, from the copy made at build time', async () => {
    const reply = await get('/_astro/Base.Ab12Cd34.css', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(css.length / 10);
    expect(decode(reply)).toBe(css);
  });

  test('gzip when that is all the browser accepts, or when it refuses Brotli', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=1', 'gzip;q=0.5, br;q=0']) {
      const reply = await get('/_astro/Base.Ab12Cd34.css', { 'accept-encoding': accept });
      expect(reply.headers['content-encoding'], accept).toBe('gzip');
      expect(decode(reply)).toBe(css);
    }
  });

  test('the plain file otherwise, still with Vary', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ]) {
      const reply = await get('/_astro/Base.Ab12Cd34.css', headers);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.headers.vary).toBe('Accept-Encoding');
      expect(reply.body.toString()).toBe(css);
    }
  });

  test('hashed assets under /_astro/ are cached for a year, immutable', async () => {
    const reply = await get('/_astro/Base.Ab12Cd34.css', { 'accept-encoding': 'br' });
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('other files are revalidated: ETag, then 304', async () => {
    const first = await get('/film/', { 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=0');
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['content-encoding']).toBe('br');
    expect(decode(first)).toBe(filmPage);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get('/film/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The plain file is another representation, with its own ETag.
    const plain = await get('/film/');
    expect(plain.headers.etag).not.toBe(etag);
  });

  test('a prerendered page answers at /film, /film/ and /film/index.html', async () => {
    for (const pathname of ['/film', '/film/', '/film/index.html']) {
      const reply = await get(pathname);
      expect(reply.status, pathname).toBe(200);
      expect(reply.body.toString()).toBe(filmPage);
    }
  });

  test('small files are sent as they are', async () => {
    const reply = await get('/favicon.svg', { 'accept-encoding': 'br, gzip' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('image/svg+xml');
    expect(reply.headers['content-encoding']).toBeUndefined();
  });

  test('the film answers byte ranges with 206, uncompressed', async () => {
    const reply = await get('/film/film.mp4', { range: 'bytes=0-1023', 'accept-encoding': 'gzip, br' });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-type']).toBe('video/mp4');
    expect(reply.headers['content-range']).toBe(`bytes 0-1023/${video.length}`);
    expect(reply.headers['accept-ranges']).toBe('bytes');
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.body.equals(video.subarray(0, 1024))).toBe(true);

    const tail = await get('/film/film.mp4', { range: 'bytes=-100' });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(video.subarray(video.length - 100))).toBe(true);

    const beyond = await get('/film/film.mp4', { range: `bytes=${video.length + 10}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${video.length}`);
  });

  test('HEAD: headers without a body', async () => {
    const reply = await request('HEAD', '/film/film.mp4');
    expect(reply.status).toBe(200);
    expect(Number(reply.headers['content-length'])).toBe(video.length);
    expect(reply.body.length).toBe(0);
  });
});

describe('nothing outside dist/client', () => {
  const attempts = [
    '/../package.json',
    '/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/film/..%2f..%2fpackage.json',
    '/film%2f..%2f..%2fpackage.json',
    '/film/%2e%2e%2f%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/film/..\\..\\package.json',
    '/film%2ffilm.mp4',
    '/linked.json',
    '/.env',
    '/_astro/',
    '/film/%00',
  ];

  test.each(attempts)('%s → 404 or 400', async (pathname) => {
    const reply = await get(pathname);
    expect([400, 404]).toContain(reply.status);
    expect(decode(reply)).not.toContain('outside-the-client-folder');
    expect(decode(reply)).not.toContain('SECRET');
  });

  test('a malformed URL is a bad request, said in Dutch', async () => {
    const reply = await get('/film/%E0%A4%A');
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(decode(reply)).toContain('Dit adres klopt niet');
    // Issue 16, item 12: a NUL byte or a broken escape in the query string, too; JSON for the API.
    for (const [target, type] of [
      ['/film/%00', /^text\/html/],
      ['/staff/moderatie?zoek=%E0%A4%A', /^text\/html/],
      ['/api/staff/moderatie?x=%zz', /^application\/json/],
    ] as const) {
      const answer = await get(target);
      expect(answer.status, target).toBe(400);
      expect(answer.headers['content-type'], target).toMatch(type);
      expect(decode(answer), target).toMatch(/kunnen lezen/);
    }
  });
});

describe('pages rendered by Astro', () => {
  const page = pageChunks.join('');

  test.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
  ])('Accept-Encoding %s → %s, streamed', async (accept, expected) => {
    const reply = await get('/', { 'accept-encoding': accept });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe(expected);
    expect(reply.headers['content-length']).toBeUndefined();
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(decode(reply)).toBe(page);
    // The first chunk could be read while the page was still rendering.
    expect(reply.firstTextMs).toBeGreaterThanOrEqual(0);
    expect(reply.firstTextMs).toBeLessThan(renderPauseMs - 100);
    expect(reply.endMs).toBeGreaterThanOrEqual(renderPauseMs - 20);
  });

  test('uncompressed when the browser does not ask', async () => {
    const reply = await get('/');
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.body.toString()).toBe(page);
  });

  test('a 404 page is compressed too; a tiny JSON answer is not', async () => {
    const missing = await get('/bestaat-niet', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBe('br');
    expect(decode(missing)).toContain('Deze pagina bestaat niet.');

    const health = await get('/api/health', { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString())).toEqual({ ok: true });
  });

  test('HEAD is not compressed', async () => {
    const reply = await request('HEAD', '/', { 'accept-encoding': 'br' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.body.length).toBe(0);
  });
});

test('Accept-Encoding parsing', () => {
  expect(acceptedEncodings(undefined)).toEqual([]);
  expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
  expect(acceptedEncodings('gzip;q=1.0, br;q=0')).toEqual(['gzip']);
  expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
  expect(acceptedEncodings('*;q=0, gzip')).toEqual(['gzip']);
  expect(acceptedEncodings('identity')).toEqual([]);
});
