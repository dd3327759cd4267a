// @ts-check
/**
 * Astro integration: after `astro build`, bundles the facilitator app's service worker
 * (src/lib/roadtour/client/sw.ts, with the workbox modules it imports) into
 * dist/client/staff/roadtour/sw.js, so `npm start` serves it as a same-origin static file whose
 * scope is the facilitator pages only. The build's scripts and styles (dist/client/_astro/*.js|css,
 * content-hashed names) are injected as the precache list, so the app starts with no connection.
 *
 * Bundled with esbuild (the bundler Vite itself uses, so it is always installed with Astro): the
 * worker is one classic script with no imports, and the Astro/Vite client build has no entry point
 * for a worker that must live at a fixed URL.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const source = fileURLToPath(new URL('../lib/roadtour/client/sw.ts', import.meta.url));
/** Where the worker lives: its folder is the largest scope it may have. */
export const workerPath = 'staff/roadtour/sw.js';

/** The prerendered page the worker shows offline for a page it did not keep (issue 20 item 8). */
export const offlinePage = '/staff/roadtour/zonder-internet';

/**
 * The offline page as a precache entry, its revision the hash of its HTML (its URL has no hash).
 * @param {string} clientDir
 */
async function offlinePageEntry(clientDir) {
  const html = await readFile(path.join(clientDir, offlinePage.slice(1), 'index.html'));
  return { url: offlinePage, revision: createHash('sha256').update(html).digest('hex').slice(0, 16) };
}

/**
 * The precache list: every script and stylesheet of the build, by URL (hashed names: no revision).
 * @param {string} clientDir
 * @returns {Promise<{ entries: { url: string; revision: null }[]; bytes: number }>}
 */
export async function precacheList(clientDir) {
  const assets = path.join(clientDir, '_astro');
  const names = await readdir(assets).catch(() => /** @type {string[]} */ ([]));
  const files = names.filter((name) => /\.(js|css)$/.test(name)).sort();
  let bytes = 0;
  for (const name of files) bytes += (await stat(path.join(assets, name))).size;
  return { entries: files.map((name) => ({ url: `/_astro/${name}`, revision: null })), bytes };
}

/** @returns {import('astro').AstroIntegration} */
export default function roadtourServiceWorker() {
  return {
    name: 'doe-mee:roadtour-sw',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const clientDir = fileURLToPath(dir);
        const { entries, bytes } = await precacheList(clientDir);
        const offline = await offlinePageEntry(clientDir);
        await build({
          entryPoints: [source],
          outfile: path.join(clientDir, workerPath),
          bundle: true,
          format: 'iife',
          platform: 'browser',
          target: 'es2020',
          minify: true,
          legalComments: 'none',
          define: {
            __ROADTOUR_PRECACHE__: JSON.stringify([...entries, offline]),
            __ROADTOUR_OFFLINE_PAGE__: JSON.stringify(offlinePage),
            'process.env.NODE_ENV': '"production"',
          },
          logLevel: 'warning',
        });
        logger.info(`${workerPath}: ${entries.length} files precached (${Math.round(bytes / 1024)} KB)`);
      },
    },
  };
}
