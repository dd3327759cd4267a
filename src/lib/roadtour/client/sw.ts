// The facilitator app's service worker (scope /staff/roadtour/). Built by
// src/integrations/roadtour-sw.mjs into dist/client/staff/roadtour/sw.js during `astro build`, with
// the list of the build's scripts and styles injected as __ROADTOUR_PRECACHE__.
//
// - Scripts and styles of the build are precached (workbox-precaching), so the app starts offline.
// - Facilitator pages: network first (a fresh page when there is a connection, within 5 s), else
//   the copy from the last visit. Only real 200 pages are kept: never a redirect to the sign-in
//   page, never an error page.
// - A facilitator page that is neither reachable nor kept gets the precached "Geen internet" page.
// - Everything else (the API, public pages) is not touched: notes travel through the outbox in
//   IndexedDB, not through this worker.
// - A page can ask the worker to keep itself and its files (message CACHE_URLS, workbox-routing):
//   the first visit happens before the worker runs, so the page asks for itself afterwards.
// - Signing out deletes the kept pages (client/forget.ts, from the page: CacheStorage is the
//   origin's), so a shared tablet opens nothing of the last person's offline.
import { PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { Route, Router } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { filesCache, pagesCache, shellCache } from './caches';

/** Replaced at build time by the list of files to precache. */
declare const __ROADTOUR_PRECACHE__: Array<{ url: string; revision: string | null }>;
/** Replaced at build time: the page shown for a facilitator page that is not kept, offline. */
declare const __ROADTOUR_OFFLINE_PAGE__: string;

interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
}
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

const scope = self as unknown as WorkerScope;
const appPath = '/staff/roadtour/';

const precache = new PrecacheController({ cacheName: shellCache });
precache.addToCacheList(__ROADTOUR_PRECACHE__);

/** Keeps only complete same-origin pages: no redirects (sign-in), no errors. */
const onlyGoodPages = {
  cacheWillUpdate: async ({ response }: { response: Response }) =>
    response.status === 200 && response.type === 'basic' && !response.redirected ? response : null,
};

const router = new Router();
router.registerRoute(new PrecacheRoute(precache));
router.registerRoute(
  new Route(
    ({ url, request }) =>
      url.origin === scope.location.origin &&
      url.pathname.startsWith(appPath) &&
      !url.pathname.endsWith('.js') &&
      (request.mode === 'navigate' || (request.headers.get('accept') ?? '').includes('text/html')),
    new NetworkFirst({
      cacheName: pagesCache,
      networkTimeoutSeconds: 5,
      plugins: [onlyGoodPages],
      matchOptions: { ignoreVary: true },
    }),
  ),
);
// Files of this build that a page loaded but the precache list did not name (icons, …).
router.registerRoute(
  new Route(
    ({ url }) =>
      url.origin === scope.location.origin &&
      (url.pathname.startsWith('/_astro/') || url.pathname === '/favicon.svg'),
    new CacheFirst({
      cacheName: filesCache,
      plugins: [onlyGoodPages],
      matchOptions: { ignoreVary: true },
    }),
  ),
);
// A facilitator page that cannot be fetched and was never kept: the app's own "Geen internet"
// page (precached), not the browser's "This site can't be reached" (issue 20 item 8).
router.setCatchHandler(async ({ request }) => {
  if (request.mode === 'navigate' || request.destination === 'document') {
    const offline = await precache.matchPrecache(__ROADTOUR_OFFLINE_PAGE__);
    if (offline) return offline;
  }
  return Response.error();
});
router.addFetchListener();
router.addCacheListener();

scope.addEventListener('install', (event) => {
  event.waitUntil(precache.install(event as never).then(() => scope.skipWaiting()));
});
/**
 * A new build removes the old scripts from the precache, but pages kept from before still name
 * them. So when a new worker takes over (which happens online), every kept page is fetched again;
 * pages that cannot be fetched now (signed out: a redirect) keep their old copy.
 */
async function refreshKeptPages(): Promise<void> {
  await caches.delete(filesCache);
  const pages = await caches.open(pagesCache);
  for (const request of await pages.keys()) {
    try {
      const response = await fetch(request.url, {
        credentials: 'same-origin',
        headers: { accept: 'text/html' },
      });
      const kept = await onlyGoodPages.cacheWillUpdate({ response });
      if (kept) await pages.put(request, kept);
    } catch {
      // Offline after all: the old copy stays.
    }
  }
}

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    precache
      .activate(event as never)
      .then(() => refreshKeptPages())
      .then(() => scope.clients.claim()),
  );
});
