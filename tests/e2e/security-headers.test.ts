import { expect, test } from '@playwright/test';
import { readBuiltPolicy, securityHeaders } from '../../src/lib/http/security-headers.js';

// Rendered pages, prerendered pages, static files, API routes, errors and redirects alike.
const routes = [
  '/',
  '/film',
  '/privacy',
  '/meedoen',
  '/meedoen/inwoner',
  '/bedankt',
  '/resultaten/krachtig-oud-worden',
  '/staff/inloggen',
  '/staff',
  '/api/health',
  '/favicon.svg',
  '/film/krachtig-oud-worden.vtt',
  '/bestaat-niet',
  '/meedoen/aanbieder',
  '/meedoen/mantelzorger',
  '/afmelden',
  '/afmelden?token=ongeldig',
  '/staff/moderatie',
  '/staff/outbox',
  '/staff/uitloggen',
  '/api/staff/moderatie',
  '/api/staff/inzendingen/ABCD-EFGH',
  '/api/roadtour/stops',
  '/_astro/bestaat-niet.js',
];

/** The policy the server sends: the one the build wrote (read now, after the server built it). */
const expected = () => ({ ...securityHeaders, 'Content-Security-Policy': readBuiltPolicy() ?? '' });

/** Directive name → its values. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => !!name)
      .map(([name = '', ...values]) => [name, values]),
  );
}

test('the policy is strict: hashed scripts only, no framing, no plugins', () => {
  const policy = directives(expected()['Content-Security-Policy']);
  const scripts = policy.get('script-src') ?? [];
  expect(scripts).toContain("'self'");
  expect(scripts.some((v) => v.startsWith("'sha256-"))).toBe(true);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts.filter((v) => !/^'(self|sha256-[A-Za-z0-9+/=]+)'$/.test(v))).toEqual([]);
  expect(policy.get('style-src')).not.toContain("'unsafe-inline'");
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'self'"]);
  expect(policy.get('form-action')).toEqual(["'self'"]);
  expect(policy.get('worker-src')).toEqual(["'self'"]);
});

for (const route of routes) {
  test(`security headers on ${route}`, async ({ request }) => {
    const response = await request.get(route, { maxRedirects: 0 });
    const headers = response.headers();
    for (const [name, value] of Object.entries(expected())) {
      if (name === 'Referrer-Policy') {
        // /afmelden sends no referrer at all (its address holds a token): stricter is fine.
        expect(['same-origin', 'no-referrer'], name).toContain(headers['referrer-policy']);
        continue;
      }
      if (name !== 'Content-Security-Policy') {
        expect(headers[name.toLowerCase()], name).toBe(value);
        continue;
      }
      // The site's policy; a rendered page may add hashes of its own inline styles or scripts.
      const sent = directives(headers['content-security-policy'] ?? '');
      const built = directives(value);
      expect([...sent.keys()].sort()).toEqual([...built.keys()].sort());
      for (const [directive, values] of built) {
        if (directive === 'script-src' || directive === 'style-src') {
          expect(sent.get(directive)).toEqual(expect.arrayContaining(values));
          const extra = (sent.get(directive) ?? []).filter((v) => !values.includes(v));
          expect(
            extra.filter((v) => !/^'sha256-[A-Za-z0-9+/=]+'$/.test(v)),
            directive,
          ).toEqual([]);
        } else expect(sent.get(directive), directive).toEqual(values);
      }
    }
  });
}

test('session and CSRF cookies are httpOnly, Secure and SameSite', async ({ request }) => {
  const response = await request.get('/staff/inloggen');
  const cookie = response
    .headersArray()
    .find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('dm_csrf='));
  expect(cookie?.value).toMatch(/HttpOnly/);
  expect(cookie?.value).toMatch(/Secure/);
  expect(cookie?.value).toMatch(/SameSite=Strict/);
});
