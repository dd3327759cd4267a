// Registers the facilitator app's service worker (only the facilitator pages call this) and asks
// it to keep the current page and the files it loaded, so the page opens again without a
// connection. The worker's scope is /staff/roadtour/: public pages are never controlled by it.

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
      url === location.href ? [url, { headers: { accept: 'text/html' }, credentials: 'same-origin' }] : url,
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
