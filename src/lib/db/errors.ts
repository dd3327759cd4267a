/** The database cannot be reached: requests answer 503, drafts stay in the browser. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** SQLSTATE of a Postgres error, from either driver, when there is one. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A row refused by a constraint or policy: the caller's fault, never a 500. */
export function isRefusal(error: unknown): boolean {
  const state = sqlState(error);
  // 23: integrity constraints; 42501: insufficient privilege or row-level security; 22: bad data.
  return state !== undefined && (state.startsWith('23') || state === '42501' || state.startsWith('22'));
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** Connection-level failures (server down, network gone, server shutting down). */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  // 57P01..57P03: admin shutdown, crash shutdown, cannot connect now; 08: connection exceptions.
  return unavailableCodes.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300';
}
