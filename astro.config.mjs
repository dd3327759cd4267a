// @ts-check
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import { defineConfig, passthroughImageService } from 'astro/config';

// Server-rendered by default; content pages opt in to prerendering.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [svelte()],
  server: { host: process.env.HOST ?? 'localhost', port: Number(process.env.PORT ?? 4321) },
  // No sharp: the film poster and icons are prepared at authoring time.
  image: { service: passthroughImageService() },
  security: { checkOrigin: true },
  telemetry: false,
  vite: {
    resolve: { alias: { '~': new URL('./src', import.meta.url).pathname } },
    // PGlite ships WASM and data files it loads relative to its own module.
    ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres'] },
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  },
});
