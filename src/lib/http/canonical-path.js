// One spelling per path (issue 16: `//staff/…` skipped the sign-in gate, `no-store` and the rate
// limits, which all test the path). src/cli/serve.mjs sends a request for any other spelling to
// the canonical path with 308 (method and body kept, nothing read) before anything else looks at
// it; the middleware does the same for any other way in. Plain JavaScript: serve.mjs is not bundled.

/** RFC 3986 unreserved characters: percent-encoding them changes nothing but the spelling. */
const unreserved = /^[A-Za-z0-9\-._~]$/;

/**
 * The canonical spelling of a raw (still encoded) path: backslashes read as slashes (as every
 * URL parser does for http), runs of slashes collapsed to one, and percent-encoded unreserved
 * characters decoded (`/%73taff` is `/staff`; RFC 3986 §6.2.2.2).
 * @param {string} rawPath
 */
export function canonicalPath(rawPath) {
  const decoded = rawPath.replace(/%([0-9A-Fa-f]{2})/g, (encoded, hex) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return unreserved.test(char) ? char : encoded;
  });
  return decoded.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
}
