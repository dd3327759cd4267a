/**
 * Issue 16, item 1: request bodies on methods no route implements. The middleware used to read
 * the whole body of any method that needs a CSRF check, with no size limit for methods outside
 * POST/PUT/PATCH/DELETE (a 300 MB PROPFIND form body took the server to 1.3 GB). Now such methods
 * get 405 before anything is read, and every method with a body has the size limit and a bucket.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csrfToken, type RunningServer, startServerOnTestDatabase } from '../../support/server';

let server: RunningServer;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ server, stop } = await startServerOnTestDatabase({ REQUEST_MAX_BYTES: '4096' }));
}, 300_000);
afterAll(() => stop?.());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Sends a form body that never ends (chunked; one chunk, then the stream stays open) and resolves
 * with the answer: a server that reads the body before answering never answers.
 */
function endlessBody(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  firstChunkBytes = 1000,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const request = http.request(url, {
      method,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `dm_csrf=${csrfToken}`,
        origin: server.url,
        connection: 'close',
        'transfer-encoding': 'chunked',
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`${method} ${path}: no answer while the body was still being sent`));
    }, 10_000);
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.write(`csrf=${csrfToken}&tekst=${'x'.repeat(firstChunkBytes)}`);
  });
}

describe('methods no route implements', () => {
  test.each([
    ['PROPFIND', '/mijn-inzending'],
    ['SEARCH', '/meedoen/inwoner'],
    ['MKCOL', '/staff/inloggen'],
    ['TRACE', '/'],
    ['OPTIONS', '/api/roadtour/stops'],
    ['PUT', '/mijn-inzending'],
    ['PUT', '/api/roadtour/stops'],
    ['PATCH', '/afmelden'],
    ['DELETE', '/staff/moderatie'],
  ])('%s %s: 405 with Allow, before reading the body', async (method, path) => {
    const answer = await endlessBody(method, path);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toMatch(/^GET, HEAD, POST/);
    expect(answer.headers.allow).not.toContain(method);
    expect(answer.body).toContain('kan hier niet');
  });

  test('a JSON client gets the 405 as JSON', async () => {
    const answer = await endlessBody('PROPFIND', '/api/roadtour/stops', { accept: 'application/json' });
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body).error.code).toBe('request.methodNotAllowed');
  });

  test('the methods routes do implement still reach them', async () => {
    const page = await fetch(`${server.url}/mijn-inzending`);
    expect(page.status).toBe(200);
    const head = await fetch(`${server.url}/mijn-inzending`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    // PATCH and DELETE on the API get as far as the sign-in check.
    for (const method of ['PATCH', 'DELETE']) {
      const api = await fetch(`${server.url}/api/roadtour/notes/00000000-0000-0000-0000-000000000000`, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': csrfToken,
          cookie: `dm_csrf=${csrfToken}`,
        },
        body: '{}',
      });
      expect(api.status).toBe(401);
    }
  });
});

describe('the size limit on every method with a body', () => {
  test.each([
    ['POST', '/mijn-inzending'],
    ['PATCH', '/api/roadtour/notes/00000000-0000-0000-0000-000000000000'],
    ['DELETE', '/api/roadtour/stops/x/facilitators'],
  ])('%s %s with a body past REQUEST_MAX_BYTES: 413 before it is all read', async (method, path) => {
    const answer = await endlessBody(
      method,
      path,
      {
        'content-type': 'application/json',
        'x-csrf-token': csrfToken,
      },
      8000,
    );
    // The stream is counted as it comes: past 4096 bytes the answer goes out.
    expect(answer.status).toBe(413);
  });
});
