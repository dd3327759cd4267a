// The client's address for rate limits. Astro's node adapter takes the first X-Forwarded-For value
// as `clientAddress` whenever the header is present, so anyone could pick their own address. The
// server wrapper (src/cli/serve.mjs) calls this before Astro sees the request: without TRUST_PROXY
// the header is dropped (the socket address counts); with TRUST_PROXY=n (n proxies in front, "true"
// = 1) the address the nearest trusted proxy saw is kept: the n-th value from the right.
// Plain JavaScript: serve.mjs is not bundled.

/** @param {string | undefined} value */
export function trustedHops(value = process.env.TRUST_PROXY) {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false') return 0;
  if (v === 'true') return 1;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/**
 * The client address as this server may believe it.
 * @param {string | string[] | undefined} forwardedFor the X-Forwarded-For header(s)
 * @param {string | undefined} socketAddress
 * @param {number} hops trusted proxies
 */
export function clientAddressFrom(forwardedFor, socketAddress, hops) {
  if (hops <= 0 || forwardedFor === undefined) return socketAddress;
  const list = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // The right-most value was added by the nearest proxy; values left of the trusted ones are the
  // client's own claim and not believed.
  return list[Math.max(0, list.length - hops)] ?? socketAddress;
}

/**
 * Rewrites X-Forwarded-For to the one address to believe (or removes it).
 * @param {{ headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } }} req
 */
export function normaliseForwardedFor(req, hops = trustedHops()) {
  const address = clientAddressFrom(req.headers['x-forwarded-for'], req.socket?.remoteAddress, hops);
  if (hops > 0 && address) req.headers['x-forwarded-for'] = address;
  else delete req.headers['x-forwarded-for'];
}
