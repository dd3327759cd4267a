// Registers the facilitator app's service worker (only the facilitator pages call this) and asks
// it to keep the current page and the files it loaded, so the page opens again without a
// connection. The worker's scope is /staff/roadtour/: public pages are never controlled by it.

import { pagesCache } from './caches';

export const workerUrl = '/staff/roadtour/sw.js';
export const workerScope = '/staff/roadtour/';

export type OfflineReadiness = 'ready' | 'unsupported' | 'failed';

/** Same-origin files this page loaded (scripts, styles, icons), plus the page itself. */
function urlsOfThisPage(): string[] {
  const own = (url: string) => {
    try {
      return new URL(url, location.href).origin === location.origin;
    } catch {
      return false;
    }
  };
  const files = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => own(url) && !url.includes('/api/'));
  return [location.href, ...new Set(files)];
}

/** A facilitator page (not one of its files): fetched as a page, so the worker keeps it as one. */
const isPage = (url: string): boolean => {
  const { pathname } = new URL(url, location.href);
  return pathname.startsWith(workerScope) && !/\.\w+$/.test(pathname);
};

/** Posts CACHE_URLS (workbox-routing's message) and waits for the worker's reply. */
function cacheUrls(worker: ServiceWorker, urls: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timeout = setTimeout(() => reject(new Error('the worker did not answer')), 20_000);
    channel.port1.onmessage = () => {
      clearTimeout(timeout);
      resolve();
    };
    const urlsToCache = urls.map((url) =>
      isPage(url) ? [url, { headers: { accept: 'text/html' }, credentials: 'same-origin' }] : url,
    );
    worker.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache } }, [channel.port2]);
  });
}

/** Registers the worker and has it keep this page; resolves when the page works offline. */
export async function makeAvailableOffline(): Promise<OfflineReadiness> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return 'unsupported';
  // Outside the scope `ready` would never settle.
  if (!location.pathname.startsWith(workerScope)) return 'unsupported';
  try {
    await navigator.serviceWorker.register(workerUrl, { scope: workerScope });
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) return 'failed';
    // Offline, the page came from the worker's cache already: nothing to fetch.
    if (navigator.onLine) await cacheUrls(registration.active, urlsOfThisPage());
    return 'ready';
  } catch {
    return 'failed';
  }
}

/** The promise's value, or a rejection after `ms`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Which of these pages (paths or URLs) the worker has kept: they open without a connection. */
export async function keptPages(urls: readonly string[]): Promise<Set<string>> {
  const kept = new Set<string>();
  if (!('caches' in globalThis)) return kept;
  const cache = await caches.open(pagesCache);
  for (const url of urls)
    if (await cache.match(new URL(url, location.href).href, { ignoreVary: true })) kept.add(url);
  return kept;
}

/**
 * Has the worker fetch and keep these facilitator pages now (issue 20 item 8: the stops the
 * facilitator leads, before going where there is no internet). Answers which of them are kept.
 */
export async function keepPagesOffline(paths: readonly string[]): Promise<Set<string>> {
  const supported =
    'serviceWorker' in navigator && window.isSecureContext && location.pathname.startsWith(workerScope);
  if (supported && navigator.onLine && paths.length > 0) {
    try {
      // The same registration the page's own makeAvailableOffline() makes (registering twice is a
      // no-op); bounded, so the page never waits forever on a worker that does not start.
      const registration = await within(
        15_000,
        navigator.serviceWorker
          .register(workerUrl, { scope: workerScope })
          .then(() => navigator.serviceWorker.ready),
      );
      // One page at a time: the server renders pages one after another (the embedded database
      // is one connection), so a batch would make the facilitator's own next click wait for all.
      for (const path of paths) {
        if (!registration.active || !navigator.onLine) break;
        // A page that fails (a lost connection, a slow answer) does not stop the others.
        await cacheUrls(registration.active, [new URL(path, location.href).href]).catch(() => undefined);
      }
    } catch {
      // No worker: the answer below says which pages were kept before.
    }
  }
  // The worker answers once it has the pages; it writes them to its cache right after.
  for (let tries = 0; ; tries += 1) {
    const kept = await keptPages(paths);
    if (kept.size === paths.length || tries >= 20) return kept;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
