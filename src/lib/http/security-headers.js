// Response headers every route gets, static files and rendered pages alike. Plain JavaScript so
// that both the server wrapper (src/cli/serve.mjs, not bundled) and the middleware can use it.
// The Content-Security-Policy here covers framing, forms, plugins and base URLs; a script-src
// policy with hashes for Astro's inline island scripts is still to come (issue 9).

/** @type {Readonly<Record<string, string>>} */
export const securityHeaders = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
};

/**
 * Sets the headers that are not set yet (a route may choose a stricter value).
 * @param {{ hasHeader(name: string): boolean; setHeader(name: string, value: string): unknown }} target
 */
export function applySecurityHeaders(target) {
  for (const [name, value] of Object.entries(securityHeaders))
    if (!target.hasHeader(name)) target.setHeader(name, value);
}
