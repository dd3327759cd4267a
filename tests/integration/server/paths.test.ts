/**
 * Issue 16, item 7: `//path` slipped past the path-based checks. `//meedoen/inwoner` and
 * `//staff/inloggen` got the general rate limit instead of their own, and `//staff/…` pages lost
 * `Cache-Control: no-store` and the sign-in gate. The server now sends every request for a
 * non-canonical path to the canonical one (308, before anything else looks at it), so every check
 * sees one spelling of each path.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csrfToken, formHeaders, type RunningServer, startServerOnTestDatabase } from '../../support/server';

let server: RunningServer;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ server, stop } = await startServerOnTestDatabase({
    RATE_LIMIT_SUBMIT_PER_MINUTE: '3',
    RATE_LIMIT_SIGNIN_PER_MINUTE: '3',
  }));
}, 300_000);
afterAll(() => stop?.());

/** A request with the path exactly as written (fetch would keep `//` too, but not every spelling). */
const send = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

describe('non-canonical paths', () => {
  test.each([
    ['//staff/logboek', '/staff/logboek'],
    ['//staff', '/staff'],
    ['/staff//logboek', '/staff/logboek'],
    ['///staff///dashboard?x=1', '/staff/dashboard?x=1'],
    ['/%73taff/logboek', '/staff/logboek'],
    ['//meedoen/inwoner', '/meedoen/inwoner'],
    ['//', '/'],
  ])('GET %s goes to %s (308) and renders nothing', async (path, canonical) => {
    const response = await send(path);
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe(canonical);
    expect(await response.text()).not.toContain('<form');
  });

  test('a staff page under any spelling needs a session and is never cached', async () => {
    for (const path of ['//staff/logboek', '/staff//logboek', '/%73taff/logboek']) {
      const response = await send(path);
      expect(response.status).not.toBe(200);
      const next = await send(response.headers.get('location') ?? '');
      expect(next.status).toBe(303);
      expect(next.headers.get('location')).toMatch(/^\/staff\/inloggen\?reden=nodig/);
    }
  });

  test('a post to //meedoen/inwoner is not taken: it is sent to the canonical path', async () => {
    const response = await send('//meedoen/inwoner', {
      method: 'POST',
      headers: formHeaders(server.url),
      body: `csrf=${csrfToken}`,
    });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/meedoen/inwoner');
  });

  test('the sign-in limit counts //staff/inloggen as /staff/inloggen', async () => {
    const statuses: number[] = [];
    for (const path of ['/staff/inloggen', '/staff/inloggen', '/staff/inloggen', '//staff/inloggen']) {
      const response = await send(path, {
        method: 'POST',
        headers: formHeaders(server.url),
        body: `csrf=${csrfToken}&email=a%40b.nl&password=x`,
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    // Three in the window are allowed; the fourth, however spelled, never reaches the page.
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect([308, 429]).toContain(statuses[3]);
    const canonical = await send('/staff/inloggen', {
      method: 'POST',
      headers: formHeaders(server.url),
      body: `csrf=${csrfToken}&email=a%40b.nl&password=x`,
    });
    expect(canonical.status).toBe(429);
  });
});
