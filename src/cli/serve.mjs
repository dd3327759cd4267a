// @ts-check
/**
 * The production web server: serves the built site (dist/) the way the @astrojs/node standalone
 * server would, plus compression and long caching. `npm start` runs it through src/cli/start.mjs;
 * `node src/cli/serve.mjs` runs it alone (after `astro build`). HOST and PORT as before.
 *
 * Why: the node adapter's standalone server sends every file and page uncompressed (the stylesheet
 * alone was 550 KB on a slow phone connection). This file wraps the adapter's request handler
 * (exported by dist/server/entry.mjs, built in the adapter's middleware mode: pages only, no file
 * lookup on disk before each request) in a node:http server with node:zlib and `send` (the file sender the adapter itself
 * uses: ETag/304, Last-Modified, byte ranges). No framework, two small additions:
 *
 * - files in dist/client are served from a list made at start-up, so nothing outside that folder
 *   (`..`, encoded slashes, symlinks, dotfiles, directories) can be served from here; anything not
 *   on the list goes to the adapter's handler, which answers 404 for unknown paths;
 * - text files get the `.br`/`.gz` copy written at build time (src/integrations/precompress.mjs)
 *   when the browser accepts it, with `Vary: Accept-Encoding`; Range requests (the film) get the
 *   plain file, with 206;
 * - /_astro/* (content-hashed names) are cached for a year, `immutable`; everything else is
 *   revalidated with its ETag;
 * - pages rendered by Astro are compressed while they stream (Brotli at a fast level, or gzip),
 *   flushed whenever the renderer pauses, so the browser still gets the <head> early.
 *
 * This is the only way to run the built site (`node dist/server/entry.mjs` listens on nothing in
 * middleware mode). A reverse proxy or CDN in front may compress too; this makes `npm start` fast on
 * its own.
 *
 * Graceful shutdown (SIGTERM, SIGINT): stop accepting connections, let requests in flight finish
 * (at most SHUTDOWN_TIMEOUT_MS, default 10 s; idle keep-alive connections are closed at once and
 * busy ones get `Connection: close`), then close the database (PGlite writes a shutdown
 * checkpoint) and exit 0. A second signal exits at once with status 1. The bundle's own signal
 * handlers (src/lib/app/context.server.ts) stand down when this server runs it.
 */
import cluster from 'node:cluster';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import send from 'send';
import { compressibleTypes, encodingSuffixes } from '../integrations/precompress.mjs';
import { normaliseForwardedFor } from '../lib/abuse/client-address.js';
import { methodAllowed, methodNotAllowedAnswer } from '../lib/abuse/methods.js';
import { badRequestAnswer } from '../lib/http/bad-request.js';
import { canonicalPath } from '../lib/http/canonical-path.js';
import { applySecurityHeaders } from '../lib/http/security-headers.js';
import { processCount, runProcesses } from './processes.mjs';

/**
 * @typedef {(req: http.IncomingMessage, res: http.ServerResponse) => void} Listener
 * @typedef {{ file: string; type?: string; br?: string; gzip?: string }} StaticFile
 *   `file` and the copies are paths relative to the client folder, with forward slashes.
 */

/** Content types worth compressing when Astro renders them. */
const compressibleType =
  /^\s*(text\/|image\/svg\+xml|application\/(json|javascript|xml|[\w.-]+\+(json|xml))\b)/i;
/** Below this, a compressed body saves nothing worth the CPU. */
const minimumBytes = 1024;

/**
 * Every file in the client folder, by URL path. A prerendered page `x/index.html` also answers at
 * `/x` and `/x/`. Only regular files: no symlinks, no dotfiles (except .well-known).
 * @param {string} clientDir
 * @returns {Map<string, StaticFile>}
 */
export function listStaticFiles(clientDir) {
  /** @type {Set<string>} */
  const all = new Set();
  /** @param {string} rel */
  const walk = (rel) => {
    for (const entry of readdirSync(path.join(clientDir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.') && !(rel === '' && entry.name === '.well-known')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) all.add(child);
    }
  };
  walk('');

  /** @type {Map<string, StaticFile>} */
  const files = new Map();
  for (const file of all) {
    const suffix = Object.values(encodingSuffixes).find((s) => file.endsWith(s));
    // A compressed copy is served only in place of its original.
    if (suffix && all.has(file.slice(0, -suffix.length))) continue;
    const extension = path.posix.extname(file);
    /** @type {StaticFile} */
    const entry = { file };
    if (Object.hasOwn(compressibleTypes, extension)) {
      entry.type = compressibleTypes[/** @type {keyof typeof compressibleTypes} */ (extension)];
      if (all.has(file + encodingSuffixes.br)) entry.br = file + encodingSuffixes.br;
      if (all.has(file + encodingSuffixes.gzip)) entry.gzip = file + encodingSuffixes.gzip;
    }
    files.set(`/${file}`, entry);
    if (file === 'index.html' || file.endsWith('/index.html')) {
      const dir = `/${file.slice(0, -'index.html'.length)}`;
      files.set(dir, entry);
      if (dir !== '/') files.set(dir.slice(0, -1), entry);
    }
  }
  return files;
}

/**
 * The encodings the client accepts (RFC 9110 §12.5.3), best first as we prefer them: br, gzip.
 * @param {string | string[] | undefined} header
 * @returns {('br' | 'gzip')[]}
 */
export function acceptedEncodings(header) {
  /** @type {Map<string, number>} */
  const q = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  /** @param {string} name */
  const accepts = (name) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  return /** @type {const} */ (['br', 'gzip']).filter(accepts);
}

/** @param {http.OutgoingHttpHeader | undefined} current */
function withVaryAcceptEncoding(current) {
  const value = Array.isArray(current) ? current.join(', ') : String(current ?? '');
  if (/(^|,)\s*(\*|accept-encoding)\s*(,|$)/i.test(value)) return value;
  return value ? `${value}, Accept-Encoding` : 'Accept-Encoding';
}

/**
 * Compresses what the handler writes to res, if it turns out to be text: decided when the headers
 * go out, streamed through node:zlib, and flushed each time the handler pauses (so a streamed page
 * arrives in pieces, as without compression).
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {'br' | 'gzip' | undefined} encoding
 */
export function compressResponse(req, res, encoding) {
  // The original methods, called with plain argument lists (their overloads do not type that).
  const writeHead = /** @type {(...args: any[]) => http.ServerResponse} */ (res.writeHead);
  const write = /** @type {(...args: any[]) => boolean} */ (res.write);
  const end = /** @type {(...args: any[]) => http.ServerResponse} */ (res.end);
  /** @type {zlib.BrotliCompress | zlib.Gzip | null | undefined} undefined until the headers go out */
  let zip;
  let flushQueued = false;

  /** @param {number} status */
  const decide = (status) => {
    if (!compressibleType.test(String(res.getHeader('content-type') ?? ''))) return null;
    res.setHeader('Vary', withVaryAcceptEncoding(res.getHeader('vary')));
    const length = Number(res.getHeader('content-length'));
    if (
      !encoding ||
      req.method === 'HEAD' ||
      status < 200 ||
      status === 204 ||
      status === 206 ||
      status === 304 ||
      res.hasHeader('content-encoding') ||
      /no-transform/i.test(String(res.getHeader('cache-control') ?? '')) ||
      (Number.isFinite(length) && length < minimumBytes)
    ) {
      return null;
    }
    res.removeHeader('Content-Length');
    res.setHeader('Content-Encoding', encoding);
    const etag = res.getHeader('etag');
    if (typeof etag === 'string' && !etag.startsWith('W/')) res.setHeader('ETag', `W/${etag}`);
    const stream =
      encoding === 'br'
        ? zlib.createBrotliCompress({
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            },
          })
        : zlib.createGzip({ level: 6 });
    stream.on('data', (/** @type {Buffer} */ chunk) => {
      if (!write.call(res, chunk)) {
        stream.pause();
        res.once('drain', () => stream.resume());
      }
    });
    stream.on('end', () => end.call(res));
    stream.on('error', (error) => res.destroy(error));
    res.once('close', () => stream.destroy());
    return stream;
  };

  const flushSoon = () => {
    if (flushQueued) return;
    flushQueued = true;
    setImmediate(() => {
      flushQueued = false;
      if (!zip || zip.writableEnded || zip.destroyed) return;
      zip.flush(encoding === 'br' ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH);
    });
  };

  /** @type {any} */
  const patched = res;
  patched.writeHead = (/** @type {number} */ status, /** @type {any[]} */ ...rest) => {
    const reason = typeof rest[0] === 'string' ? rest.shift() : undefined;
    let headers = rest[0];
    if (headers && !Array.isArray(headers)) {
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined) res.setHeader(name, value);
      headers = undefined;
    }
    // Raw header arrays are passed on untouched (and not compressed): Astro never sends them.
    if (zip === undefined) zip = headers ? null : decide(status);
    if (headers) return writeHead.call(res, status, reason, headers);
    return reason === undefined ? writeHead.call(res, status) : writeHead.call(res, status, reason);
  };
  patched.write = (
    /** @type {any} */ chunk,
    /** @type {any} */ chunkEncoding,
    /** @type {any} */ callback,
  ) => {
    if (!res.headersSent) res.writeHead(res.statusCode);
    if (!zip) return write.call(res, chunk, chunkEncoding, callback);
    flushSoon();
    return zip.write(chunk, chunkEncoding, callback);
  };
  patched.end = (/** @type {any} */ chunk, /** @type {any} */ chunkEncoding, /** @type {any} */ callback) => {
    if (typeof chunk === 'function') [callback, chunk] = [chunk, undefined];
    else if (typeof chunkEncoding === 'function') [callback, chunkEncoding] = [chunkEncoding, undefined];
    if (!res.headersSent) res.writeHead(res.statusCode);
    if (!zip) return end.call(res, chunk, chunkEncoding, callback);
    if (callback) res.once('finish', callback);
    if (chunk === undefined || chunk === null) zip.end();
    else zip.end(chunk, chunkEncoding);
    return res;
  };
}

/**
 * The request listener: static files from clientDir, everything else to the adapter's handler.
 * @param {{ clientDir: string; handler: Listener; assetsDir?: string }} options
 *   handler: the adapter's handler (exported by dist/server/entry.mjs); assetsDir: `build.assets`.
 * @returns {Listener}
 */
export function createRequestListener({ clientDir, handler, assetsDir = '_astro' }) {
  const root = path.resolve(clientDir);
  const files = listStaticFiles(root);
  const immutablePrefix = `/${assetsDir}/`;

  /** @type {Listener} */
  const render = (req, res) => {
    compressResponse(req, res, acceptedEncodings(req.headers['accept-encoding'])[0]);
    handler(req, res);
  };

  return (req, res) => {
    applySecurityHeaders(res);
    normaliseForwardedFor(req); // rate limits key on the address we can trust (issue 9)
    const url = req.url ?? '/';
    const rawPath = url.split(/[?#]/, 1)[0] ?? '/';
    /** @type {string | undefined} */
    let pathname;
    try {
      decodeURI(url);
      pathname = decodeURIComponent(rawPath);
    } catch {
      pathname = undefined;
    }
    // Malformed escapes, encoded slashes or backslashes, NUL, `..` segments: browsers never send
    // these (they normalise paths); refused here, before any file or the adapter sees them.
    if (pathname === undefined || /%(2f|5c)/i.test(rawPath) || /\0|(^|[/\\])\.\.([/\\]|$)/.test(pathname)) {
      const answer = badRequestAnswer(rawPath, req.headers.accept);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    // One spelling per path, before any check looks at it: `//staff` and `/%73taff` go to `/staff`.
    // Only origin-form targets (`/path`): an absolute URL in the request line is for proxies.
    if (!rawPath.startsWith('/')) {
      const answer = badRequestAnswer(rawPath, req.headers.accept);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    const canonical = canonicalPath(rawPath);
    if (canonical !== rawPath) {
      res.writeHead(308, {
        Location: canonical + url.slice(rawPath.length),
        'Cache-Control': 'no-store',
        Connection: 'close',
      });
      res.end();
      return;
    }
    // Methods no route implements: 405 before the body is read or Astro sees the request.
    if (!methodAllowed(req.method ?? '', pathname)) {
      const answer = methodNotAllowedAnswer(pathname, req.headers.accept);
      res.writeHead(answer.status, { ...answer.headers, connection: 'close' });
      res.end(answer.body);
      return;
    }
    const entry = req.method === 'GET' || req.method === 'HEAD' ? files.get(pathname) : undefined;
    if (!entry) {
      render(req, res);
      return;
    }

    const encoding = req.headers.range
      ? undefined
      : acceptedEncodings(req.headers['accept-encoding']).find((name) => entry[name]);
    const file = encoding ? /** @type {string} */ (entry[encoding]) : entry.file;
    const immutable = pathname.startsWith(immutablePrefix);
    const stream = send(req, `/${file.split('/').map(encodeURIComponent).join('/')}`, {
      root,
      dotfiles: 'allow', // the list already left dotfiles out (except /.well-known)
      index: false,
      etag: true,
      lastModified: true,
      acceptRanges: !encoding,
      maxAge: immutable ? '1y' : 0,
      immutable,
    });
    stream.on('headers', (/** @type {http.ServerResponse} */ response) => {
      if (entry.br || entry.gzip) response.setHeader('Vary', 'Accept-Encoding');
      if (encoding && entry.type) {
        response.setHeader('Content-Type', entry.type);
        response.setHeader('Content-Encoding', encoding);
      }
    });
    stream.on(
      'error',
      (/** @type {Error & { status?: number; headers?: Record<string, string> }} */ error) => {
        if (res.headersSent) {
          res.destroy(error);
          return;
        }
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        if (error.status === 404) {
          // Gone since start-up (a rebuild under a running server): let Astro answer.
          render(req, res);
          return;
        }
        res.writeHead(error.status ?? 500, error.headers ?? {});
        res.end();
      },
    );
    stream.pipe(res);
  };
}

/**
 * Loads the built server bundle and listens. HOST and PORT as the standalone server read them:
 * the environment first, then the build's `server` settings; SERVER_CERT_PATH and SERVER_KEY_PATH
 * switch to HTTPS.
 * @param {{ entry?: string }} [options] entry: dist/server/entry.mjs
 * @returns {Promise<http.Server>}
 */
export async function startServer({ entry = path.resolve('dist', 'server', 'entry.mjs') } = {}) {
  // The bundle registers its database closer here instead of its own signal handlers.
  /** @type {{ close?: () => Promise<void> }} */
  const shutdownHook = {};
  /** @type {any} */ (globalThis)[Symbol.for('doemee.shutdown')] = shutdownHook;
  const bundle = await import(pathToFileURL(entry).href);
  // Middleware mode: the adapter's page handler (a standalone build's files + pages handler works too).
  const { handler, options } = bundle;
  if (typeof handler !== 'function' || !options?.client || !options?.server) {
    throw new Error(`${entry} is not a bundle of the @astrojs/node adapter.`);
  }
  // The client folder relative to the server folder, as the adapter resolves it (dist/ may move).
  const clientDir = path.resolve(
    path.dirname(entry),
    path.relative(fileURLToPath(options.server), fileURLToPath(options.client)),
  );
  const serve = createRequestListener({ clientDir, handler, assetsDir: options.assets });
  let inFlight = 0;
  let stopping = false;
  /** @type {() => void} */
  let drained = () => undefined;
  /** @type {Listener} */
  const listener = (req, res) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (stopping && inFlight === 0) drained();
    });
    if (stopping) res.setHeader('Connection', 'close');
    serve(req, res);
  };
  const host =
    process.env.HOST ??
    (typeof options.host === 'boolean' ? (options.host ? '0.0.0.0' : 'localhost') : options.host);
  const port = process.env.PORT ? Number(process.env.PORT) : (options.port ?? 8080);
  const server =
    process.env.SERVER_CERT_PATH && process.env.SERVER_KEY_PATH
      ? https.createServer(
          {
            cert: readFileSync(process.env.SERVER_CERT_PATH),
            key: readFileSync(process.env.SERVER_KEY_PATH),
          },
          listener,
        )
      : http.createServer(listener);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });

  const timeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  /** @param {NodeJS.Signals} signal */
  const shutdown = async (signal) => {
    if (stopping) {
      console.error(`${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: no new requests; finishing ${inFlight} request(s) in progress.`);
    server.close();
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const finished = await Promise.race([
      new Promise((resolve) => {
        drained = () => resolve(true);
        if (inFlight === 0) resolve(true);
      }),
      new Promise((resolve) => setTimeout(resolve, timeoutMs, false).unref()),
    ]);
    clearInterval(idle);
    if (!finished) console.error(`Still ${inFlight} request(s) after ${timeoutMs} ms: closing them.`);
    server.closeAllConnections();
    try {
      await shutdownHook.close?.();
      console.log('Database closed. Stopped.');
      process.exit(finished ? 0 : 1);
    } catch (error) {
      console.error('Closing the database failed:', error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  return server;
}

/**
 * The server as `npm start` and `node src/cli/serve.mjs` run it: one process, or SERVER_PROCESSES
 * processes on one port (src/cli/processes.mjs). Resolves once the site answers.
 * @param {{ entry?: string }} [options]
 * @returns {Promise<void>}
 */
export async function serve(options) {
  const count = processCount();
  const started = await runProcesses(count, () => startServer(options));
  if (cluster.isWorker) return;
  // A server (one process) or the address the first worker listens on (cluster.Address).
  const address = 'listen' in started ? started.address() : started;
  const port = address && typeof address === 'object' ? address.port : process.env.PORT;
  const host = process.env.HOST ?? 'localhost';
  console.log(`Doe Mee draait op http://${host}:${port}${count > 1 ? ` (${count} serverprocessen)` : ''}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await serve();
