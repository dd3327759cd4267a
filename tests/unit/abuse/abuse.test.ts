import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { bodyTooLarge, readBodyWithin } from '../../../src/lib/abuse/body-limit';
import { clientAddressFrom, normaliseForwardedFor } from '../../../src/lib/abuse/client-address.js';
import { bucketFor } from '../../../src/lib/abuse/counters.server';
import { checkFormToken, issueFormToken } from '../../../src/lib/abuse/form-token.server';
import { abuseText, clockTime, waitText } from '../../../src/lib/abuse/messages.nl';
import { methodAllowed } from '../../../src/lib/abuse/methods.js';

// Thousands of property runs take seconds on a shared machine.
vi.setConfig({ testTimeout: 60_000 });

const secret = new TextEncoder().encode('unit-test-secret-0123456789abcdefghijkl');
const other = new TextEncoder().encode('another-secret-0123456789abcdefghijklmn');

describe('form time token', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  const id = '0b7e3f4c-2d1a-4c5b-9e8f-7a6b5c4d3e2f';

  test('refuses too fast, accepts after the minimum, expires after two days', () => {
    const token = issueFormToken(secret, id, now);
    expect(checkFormToken(secret, token, id, 3000, now + 1000)).toEqual({
      ok: false,
      reason: 'tooFast',
      waitMs: 2000,
    });
    expect(checkFormToken(secret, token, id, 3000, now + 3000)).toEqual({ ok: true, ageMs: 3000 });
    expect(checkFormToken(secret, token, id, 3000, now + 3 * 24 * 3600 * 1000)).toMatchObject({
      reason: 'expired',
    });
    expect(checkFormToken(other, token, id, 3000, now + 5000)).toMatchObject({ reason: 'invalid' });
    expect(checkFormToken(secret, undefined, id, 0, now)).toMatchObject({ reason: 'missing' });
    // Signed for the future (beyond clock skew): not ours.
    expect(checkFormToken(secret, issueFormToken(secret, id, now + 120_000), id, 0, now)).toMatchObject({
      reason: 'invalid',
    });
  });

  test('is valid for the one submission id it was issued for (issue 16, items 9 and 14)', () => {
    const token = issueFormToken(secret, id, now);
    expect(checkFormToken(secret, token, id.toUpperCase(), 0, now + 5000)).toMatchObject({ ok: true });
    for (const otherId of ['1b7e3f4c-2d1a-4c5b-9e8f-7a6b5c4d3e2f', '', undefined, null, [id]])
      expect(checkFormToken(secret, token, otherId, 0, now + 5000)).toMatchObject({ reason: 'invalid' });
    // An old token for another id is not "expired" (which would earn that id a fresh token).
    expect(
      checkFormToken(secret, token, '2b7e3f4c-2d1a-4c5b-9e8f-7a6b5c4d3e2f', 0, now + 3 * 24 * 3600 * 1000),
    ).toMatchObject({ reason: 'invalid' });
  });

  test('property: a token never works for another submission id', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.integer({ min: 0, max: 2 * 24 * 3600 * 1000 }), (a, b, age) => {
        fc.pre(a.toLowerCase() !== b.toLowerCase());
        const token = issueFormToken(secret, a, now - age);
        expect(checkFormToken(secret, token, a, 0, now).ok).toBe(true);
        expect(checkFormToken(secret, token, b, 0, now)).toMatchObject({ ok: false, reason: 'invalid' });
      }),
      { numRuns: 1000 },
    );
  });

  test('property: any other string is never accepted, and checking never throws', () => {
    const genuine = issueFormToken(secret, id, now);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (value) => {
        fc.pre(value !== genuine);
        const result = checkFormToken(secret, value, id, 0, now + 10_000);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  test('property: a changed character of a real token is refused', () => {
    const genuine = issueFormToken(secret, id, now);
    fc.assert(
      fc.property(fc.nat(genuine.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (at, ch) => {
        const changed = genuine.slice(0, at) + ch + genuine.slice(at + 1);
        fc.pre(changed !== genuine);
        expect(checkFormToken(secret, changed, id, 0, now + 10_000).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('request size', () => {
  const chunked = (sizes: number[]) =>
    new Request('http://localhost/x', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (const size of sizes) controller.enqueue(new Uint8Array(size));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  test('by Content-Length', async () => {
    const request = new Request('http://localhost/x', { method: 'POST', body: 'x'.repeat(2000) });
    expect(await bodyTooLarge(request, 1000)).toBe(true);
    expect(await bodyTooLarge(request, 5000)).toBe(false);
  });

  test('by counting a streamed body without a length, leaving the body readable', async () => {
    expect(await bodyTooLarge(chunked([600, 600]), 1000)).toBe(true);
    const small = chunked([300, 300]);
    expect(await bodyTooLarge(small, 1000)).toBe(false);
    expect((await small.arrayBuffer()).byteLength).toBe(600);
  });

  test('reads a body once, whole, or stops as soon as it passes the limit', async () => {
    const declared = new Request('http://localhost/x', { method: 'POST', body: 'x'.repeat(2000) });
    expect(await readBodyWithin(declared, 1000)).toBe('tooLarge');
    expect(await readBodyWithin(chunked([600, 600]), 1000)).toBe('tooLarge');
    const body = await readBodyWithin(chunked([300, 200]), 1000);
    expect(body).toBeInstanceOf(Uint8Array);
    expect((body as Uint8Array).byteLength).toBe(500);
    const text = new Request('http://localhost/x', { method: 'POST', body: 'a=1&b=%C3%A9' });
    expect(new TextDecoder().decode((await readBodyWithin(text, 1000)) as Uint8Array)).toBe('a=1&b=%C3%A9');
    expect(await readBodyWithin(new Request('http://localhost/x', { method: 'POST' }), 10)).toEqual(
      new Uint8Array(),
    );
  });

  test('property: too large exactly when the sum passes the limit; a body read within it keeps every byte', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4000 }), { maxLength: 12 }),
        fc.nat(20_000),
        async (sizes, max) => {
          const total = sizes.reduce((a, b) => a + b, 0);
          expect(await bodyTooLarge(chunked(sizes), max)).toBe(total > max);
          const read = await readBodyWithin(chunked(sizes), max);
          if (total > max) expect(read).toBe('tooLarge');
          else expect((read as Uint8Array).byteLength).toBe(total);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('client address', () => {
  test('X-Forwarded-For counts only behind trusted proxies, from the right', () => {
    expect(clientAddressFrom('6.6.6.6', '10.0.0.1', 0)).toBe('10.0.0.1');
    expect(clientAddressFrom('6.6.6.6, 1.2.3.4', '10.0.0.1', 1)).toBe('1.2.3.4');
    expect(clientAddressFrom('6.6.6.6, 1.2.3.4, 10.0.0.2', '10.0.0.1', 2)).toBe('1.2.3.4');
    expect(clientAddressFrom(undefined, '10.0.0.1', 1)).toBe('10.0.0.1');
    const req = {
      headers: { 'x-forwarded-for': '6.6.6.6' } as Record<string, string | undefined>,
      socket: { remoteAddress: '10.0.0.1' },
    };
    normaliseForwardedFor(req, 0);
    expect(req.headers['x-forwarded-for']).toBeUndefined();
  });

  test('property: without trusted proxies the header never wins', () => {
    fc.assert(
      fc.property(fc.string(), fc.ipV4(), (header, socket) => {
        expect(clientAddressFrom(header, socket, 0)).toBe(socket);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('buckets and messages', () => {
  test('each public POST has its bucket; reads are not limited', () => {
    expect(bucketFor('POST', '/meedoen/inwoner')).toBe('submit');
    expect(bucketFor('POST', '/staff/inloggen')).toBe('signin');
    expect(bucketFor('POST', '/afmelden')).toBe('unsubscribe');
    expect(bucketFor('PUT', '/api/roadtour/stops/1')).toBe('api');
    expect(bucketFor('POST', '/staff/moderatie')).toBe('post');
    expect(bucketFor('GET', '/meedoen/inwoner')).toBeNull();
    expect(bucketFor('HEAD', '/api/health')).toBeNull();
  });

  test.each(['PROPFIND', 'SEARCH', 'MKCOL', 'OPTIONS', 'TRACE', 'REPORT', 'patch'])(
    'every method that may carry a body has a bucket (%s)',
    (method) => {
      expect(bucketFor(method, '/mijn-inzending')).toBe('post');
      expect(bucketFor(method, '/api/roadtour/stops')).toBe('api');
    },
  );

  test.each([
    ['GET', '/mijn-inzending', true],
    ['POST', '/mijn-inzending', true],
    ['PUT', '/mijn-inzending', false],
    ['DELETE', '/staff/moderatie', false],
    ['PATCH', '/api/roadtour/notes/1', true],
    ['DELETE', '/api/roadtour/stops/1/facilitators', true],
    ['PUT', '/api/roadtour/stops', false],
    ['OPTIONS', '/api/roadtour/stops', false],
    ['PROPFIND', '/mijn-inzending', false],
    ['TRACE', '/', false],
  ])('%s %s is a method the routes implement: %s', (method, pathname, allowed) => {
    expect(methodAllowed(method, pathname)).toBe(allowed);
  });

  test('retry times in Dutch, never earlier than the real moment', () => {
    const at = new Date('2026-11-24T13:31:20Z');
    expect(clockTime(at)).toBe('14:32');
    expect(waitText(0.4)).toBe('1 seconde');
    expect(waitText(45)).toBe('45 seconden');
    expect(waitText(60)).toBe('1 minuut');
    expect(waitText(900)).toBe('15 minuten');
    expect(abuseText('rate.limited.body', at, new Date('2026-11-24T13:30:35Z'))).toBe(
      'U hebt in korte tijd vaak iets verstuurd. Probeer het na 14:32 opnieuw (over ongeveer 45 seconden).',
    );
  });
});
