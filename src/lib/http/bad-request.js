// The 400 answer for a request we cannot read: a path or query with broken escapes or a NUL
// (src/cli/serve.mjs refuses those before Astro sees them), or input the database refused as data
// (the middleware's safety net, issue 16 item 12). Dutch, like every other answer: JSON for the
// API and for `Accept: application/json`, else a small page. Plain JavaScript: serve.mjs is not bundled.

const title = 'Dit adres klopt niet';
const message =
  'In het adres van deze pagina staat iets wat wij niet kunnen lezen, zoals een datum die niet bestaat. Ga terug en kies opnieuw.';

/** @param {string} pathname */
const isApi = (pathname) => pathname === '/api' || pathname.startsWith('/api/');

/**
 * @param {string} pathname the decoded path when known, else the raw one
 * @param {string | null | undefined} accept
 * @returns {{ status: 400; headers: Record<string, string>; body: string }}
 */
export function badRequestAnswer(pathname, accept) {
  if (isApi(pathname) || (accept ?? '').includes('application/json'))
    return {
      status: 400,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ error: { code: 'request.invalid', message } }),
    };
  return {
    status: 400,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/">Naar de startpagina</a></p></main></body></html>`,
  };
}
