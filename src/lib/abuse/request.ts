/**
 * The client address Astro reports (the server wrapper has already decided what X-Forwarded-For
 * may say; see client-address.js). 'unknown' where the adapter gives none.
 */
export function clientAddressOf(context: { clientAddress: string }): string {
  try {
    return context.clientAddress || 'unknown';
  } catch {
    return 'unknown';
  }
}
