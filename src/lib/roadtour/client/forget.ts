// Sign-out on a shared tablet (issue 16): the next person must not open what the last one saw.
// Runs in the page before the sign-out form is sent. The server's answer also carries
// `Clear-Site-Data: "cache"` (the browser's HTTP cache); "storage" is not asked for, because it
// would also delete the notes not sent yet, and those must stay.
import { pagesCache } from './caches';
import { forgetSynced } from './outbox';

/**
 * Deletes the pages the service worker kept (they show notes and stops as rendered for this
 * staff member) and every note and stop the server already has. Notes not sent yet stay, bound
 * to the account that wrote them (outbox.ts). Never throws; resolves within `timeoutMs`, so
 * signing out never hangs on a busy database.
 */
export async function forgetDevice(timeoutMs = 3_000): Promise<void> {
  const work = Promise.allSettled([
    'caches' in globalThis ? caches.delete(pagesCache) : Promise.resolve(false),
    'indexedDB' in globalThis ? forgetSynced() : Promise.resolve(0),
  ]);
  await Promise.race([work, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}

/**
 * Makes a sign-out form forget the device first: the form is sent once forgetDevice is done (or
 * its time ran out), as the form it is (CSRF field included).
 */
export function forgetOnSubmit(form: HTMLFormElement): void {
  let forgetting = false;
  form.addEventListener('submit', (event) => {
    if (forgetting) return;
    event.preventDefault();
    forgetting = true;
    void forgetDevice().finally(() => form.submit());
  });
}
