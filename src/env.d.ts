/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The database as this request's caller sees it (RLS applies). */
    db: import('./lib/db/types').CallerDb;
    /** The signed-in staff member, or null for residents. */
    staff: import('./lib/auth/session.server').StaffSession | null;
    /** Token for the hidden csrf field of every form. */
    csrfToken: string;
    /** The posted form, read once by the middleware; unset when the request has no form body. */
    form?: FormData;
    /** Where this request's time goes (SERVER_TIMING=true only): sent as a Server-Timing header. */
    timing?: import('./lib/timing').Timing;
    t: (key: import('./lib/i18n/nl').MessageKey) => string;
  }
}
