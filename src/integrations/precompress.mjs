// @ts-check
/**
 * Astro integration: after `astro build`, writes a Brotli (`.br`) and a gzip (`.gz`) copy next to
 * every text file in the client output (dist/client: CSS, JS, prerendered HTML, SVG, captions…),
 * so that src/cli/serve.mjs can send them compressed without compressing on every request.
 * Maximum compression, because it happens once per build. Images and the film are already
 * compressed and are left alone, as are files too small to gain anything.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** The file types worth compressing, with the Content-Type to send for their compressed copies. */
export const compressibleTypes = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
});

/** The suffix of each precompressed copy, by Content-Encoding. */
export const encodingSuffixes = Object.freeze({ br: '.br', gzip: '.gz' });

/** Smaller files fit in one network packet either way. */
const minimumBytes = 1024;
/** A copy must save at least this fraction of the original, or it is not kept. */
const minimumSaving = 0.1;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** @param {string} dir @returns {Promise<string[]>} every regular file below dir (absolute paths) */
async function listFiles(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(full)));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/**
 * Writes `<file>.br` and `<file>.gz` for every compressible file in dir; removes copies left from
 * an earlier build that are no longer worth keeping. Returns what it wrote.
 * @param {string} dir
 * @returns {Promise<{ files: number; bytes: number; brotliBytes: number; gzipBytes: number }>}
 */
export async function precompressDirectory(dir) {
  const summary = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const files = (await listFiles(dir)).filter((file) => Object.hasOwn(compressibleTypes, path.extname(file)));
  await Promise.all(
    files.map(async (file) => {
      const source = await readFile(file);
      const brPath = file + encodingSuffixes.br;
      const gzPath = file + encodingSuffixes.gzip;
      if (source.length < minimumBytes) {
        await Promise.all([rm(brPath, { force: true }), rm(gzPath, { force: true })]);
        return;
      }
      const [br, gz] = await Promise.all([
        brotli(source, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          },
        }),
        gzip(source, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      const worthIt = (/** @type {Buffer} */ copy) => copy.length <= source.length * (1 - minimumSaving);
      await Promise.all([
        worthIt(br) ? writeFile(brPath, br) : rm(brPath, { force: true }),
        worthIt(gz) ? writeFile(gzPath, gz) : rm(gzPath, { force: true }),
      ]);
      summary.files += 1;
      summary.bytes += source.length;
      summary.brotliBytes += worthIt(br) ? br.length : source.length;
      summary.gzipBytes += worthIt(gz) ? gz.length : source.length;
    }),
  );
  return summary;
}

/** @returns {import('astro').AstroIntegration} */
export default function precompress() {
  return {
    name: 'doe-mee:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { files, bytes, brotliBytes, gzipBytes } = await precompressDirectory(fileURLToPath(dir));
        const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(0)} KB`;
        logger.info(
          `${files} files compressed: ${kb(bytes)} → ${kb(brotliBytes)} (br), ${kb(gzipBytes)} (gzip) in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
