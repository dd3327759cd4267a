// @ts-check
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import { defineConfig, passthroughImageService } from 'astro/config';
import precompress from './src/integrations/precompress.mjs';
import roadtourServiceWorker from './src/integrations/roadtour-sw.mjs';
import { cspDirectives } from './src/lib/http/security-headers.js';

// Host names the server answers to. Astro trusts the Host header only for these, and its
// same-origin check on form posts needs the real host. Set at build time.
const siteHost = process.env.PUBLIC_SITE_URL ? new URL(process.env.PUBLIC_SITE_URL).hostname : undefined;
const allowedDomains = ['localhost', '127.0.0.1', siteHost, ...(process.env.ALLOWED_HOSTS ?? '').split(',')]
  .map((host) => host?.trim())
  .filter((host) => !!host)
  .map((hostname) => ({ hostname }));

// Server-rendered by default; content pages opt in to prerendering.
export default defineConfig({
  output: 'server',
  // src/cli/serve.mjs is the web server (`npm start`): it serves the files in dist/client itself
  // (compressed, cached) and hands everything else to the adapter's handler. Middleware mode, because
  // the standalone handler would look for a file on disk before rendering every page or POST.
  adapter: node({ mode: 'middleware', experimentalStaticHeaders: true }),
  // The roadtour worker is written before precompress() runs, so it gets compressed copies too.
  integrations: [svelte(), roadtourServiceWorker(), precompress()],
  server: { host: process.env.HOST ?? 'localhost', port: Number(process.env.PORT ?? 4321) },
  // No sharp: the film poster and icons are prepared at authoring time.
  image: { service: passthroughImageService() },
  security: { checkOrigin: true, allowedDomains },
  // Strict Content-Security-Policy: Astro hashes its inline scripts and styles; the policy goes out
  // as a header on rendered pages and, through the adapter's static headers, for prerendered ones
  // (see src/lib/http/security-headers.js, which sends the same policy on every other response).
  experimental: { csp: { algorithm: 'SHA-256', directives: cspDirectives } },
  vite: {
    resolve: { alias: { '~': new URL('./src', import.meta.url).pathname } },
    // PGlite ships WASM and data files it loads relative to its own module.
    ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres'] },
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  },
});
