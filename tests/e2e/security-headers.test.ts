import { expect, test } from '@playwright/test';
import { securityHeaders } from '../../src/lib/http/security-headers.js';

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
];

for (const route of routes) {
  test(`security headers on ${route}`, async ({ request }) => {
    const response = await request.get(route, { maxRedirects: 0 });
    const headers = response.headers();
    for (const [name, value] of Object.entries(securityHeaders))
      expect(headers[name.toLowerCase()], name).toBe(value);
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
