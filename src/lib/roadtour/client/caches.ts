// Names of the facilitator app's caches (CacheStorage), shared by the service worker and the pages.

/** The app's scripts and styles of this build (precache): nothing personal. */
export const shellCache = 'roadtour-shell';
/** Facilitator pages as last rendered for the signed-in staff member: personal data. */
export const pagesCache = 'roadtour-pages';
/** Other files of the build a page loaded (icons, …): nothing personal. */
export const filesCache = 'roadtour-files';
