/** Largest file taken (below the server's request limit, REQUEST_MAX_BYTES, 1 MiB by default). */
export const maxFileBytes = 1_000_000;
/** More rows or columns than a typed-in set of paper forms ever has: refused before mapping. */
export const maxRows = 5_000;
export const maxColumns = 100;
