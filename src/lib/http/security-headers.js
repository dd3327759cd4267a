// Response headers every route gets, static files and rendered pages alike. Plain JavaScript so
// that both the server wrapper (src/cli/serve.mjs, not bundled) and the middleware can use it.
//
// Content-Security-Policy: Astro's CSP support (`experimental.csp` in astro.config.mjs) hashes its
// own inline scripts (island hydration, client directives) and inline styles, and sets the policy
// as a header on every page it renders. With the node adapter's `experimentalStaticHeaders` it
// writes the same policy for prerendered pages to `dist/_experimentalHeaders.json` instead of a
// <meta> element (where `frame-ancestors` would be ignored). This module reads that file, so that
// static files, API answers, redirects and error pages carry the very same policy: one policy for
// the whole site, without 'unsafe-inline' for scripts. Without a build (astro dev, unit tests) the
// policy falls back to the same directives with `script-src 'self'` only.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The directives besides script-src and style-src; astro.config.mjs passes these to Astro.
 * worker-src 'self': the facilitator app's service worker (a same-origin file).
 * @type {import('astro/dist/core/csp/config.js').CspDirective[]}
 */
export const cspDirectives = [
  "default-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
];

/** The policy without a build: same directives, only same-origin scripts and styles. */
export const fallbackPolicy = `${cspDirectives.join(';')}; script-src 'self'; style-src 'self';`;

/**
 * The site's Content-Security-Policy as the last build wrote it (see the top of this file).
 * @param {string} [distDir] the build's output folder; DIST_DIR or ./dist by default
 * @returns {string | undefined}
 */
export function readBuiltPolicy(distDir = process.env.DIST_DIR ?? path.resolve('dist')) {
  const file = path.join(distDir, '_experimentalHeaders.json');
  if (!existsSync(file)) return undefined;
  /** @type {{ pathname: string; headers: { key: string; value: string }[] }[]} */
  const routes = JSON.parse(readFileSync(file, 'utf8'));
  const policies = new Set(
    routes.flatMap((route) =>
      route.headers.filter((h) => h.key.toLowerCase() === 'content-security-policy').map((h) => h.value),
    ),
  );
  if (policies.size > 1)
    throw new Error(`${file}: pages have different policies; the site expects one policy for all routes`);
  return [...policies][0];
}

/** @type {Readonly<Record<string, string>>} */
export const securityHeaders = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy': readBuiltPolicy() ?? fallbackPolicy,
};

/**
 * Sets the headers that are not set yet (a route may choose a stricter value).
 * @param {{ hasHeader(name: string): boolean; setHeader(name: string, value: string): unknown }} target
 */
export function applySecurityHeaders(target) {
  for (const [name, value] of Object.entries(securityHeaders))
    if (!target.hasHeader(name)) target.setHeader(name, value);
}
