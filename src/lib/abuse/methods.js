// The request methods the routes implement. Pages answer GET and HEAD and take form posts; API
// routes also take PATCH and DELETE. Anything else (PUT, OPTIONS, TRACE, WebDAV's PROPFIND, MKCOL,
// SEARCH, …) is answered 405 before a byte of its body is read (issue 16: a 300 MB PROPFIND form
// body used to be read whole for the CSRF check). src/cli/serve.mjs answers them before Astro sees
// the request (Node's fetch Request cannot even represent TRACE); the middleware does the same
// for any other way in (astro dev). Plain JavaScript: serve.mjs is not bundled.

const pageMethods = Object.freeze(['GET', 'HEAD', 'POST']);
const apiMethods = Object.freeze(['GET', 'HEAD', 'POST', 'PATCH', 'DELETE']);

/** @param {string} pathname */
const isApi = (pathname) => pathname === '/api' || pathname.startsWith('/api/');

/**
 * The methods some route at this path may implement, for the `Allow` header.
 * @param {string} pathname
 * @returns {readonly string[]}
 */
export function allowedMethods(pathname) {
  return isApi(pathname) ? apiMethods : pageMethods;
}

/**
 * @param {string} method
 * @param {string} pathname
 */
export function methodAllowed(method, pathname) {
  return allowedMethods(pathname).includes(method.toUpperCase());
}

/**
 * Requests that may carry a body: everything but GET and HEAD (the adapter gives those none).
 * @param {string} method
 */
export function mayHaveBody(method) {
  const m = method.toUpperCase();
  return m !== 'GET' && m !== 'HEAD';
}

const title = 'Dat kan hier niet';
const message = 'Deze manier van versturen kan hier niet. Gebruik de knoppen en formulieren op de website.';

/**
 * The 405 answer: JSON for the API and for `Accept: application/json`, else a small Dutch page.
 * @param {string} pathname
 * @param {string | null | undefined} accept
 * @returns {{ status: 405; headers: Record<string, string>; body: string }}
 */
export function methodNotAllowedAnswer(pathname, accept) {
  const headers = { allow: allowedMethods(pathname).join(', '), 'cache-control': 'no-store' };
  if (isApi(pathname) || (accept ?? '').includes('application/json'))
    return {
      status: 405,
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ error: { code: 'request.methodNotAllowed', message } }),
    };
  return {
    status: 405,
    headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${message}</p></main></body></html>`,
  };
}
