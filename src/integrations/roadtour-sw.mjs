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
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const source = fileURLToPath(new URL('../lib/roadtour/client/sw.ts', import.meta.url));
/** Where the worker lives: its folder is the largest scope it may have. */
export const workerPath = 'staff/roadtour/sw.js';

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
            __ROADTOUR_PRECACHE__: JSON.stringify(entries),
            'process.env.NODE_ENV': '"production"',
          },
          logLevel: 'warning',
        });
        logger.info(`${workerPath}: ${entries.length} files precached (${Math.round(bytes / 1024)} KB)`);
      },
    },
  };
}
