/** The database cannot be reached: requests answer 503, drafts stay in the browser. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * The client went away (its connection closed) before its work reached the database, so the work
 * was not started: nobody would see the answer, and a browser that retries sends the same
 * submission id again (exactly once). Without this, requests a client gave up on (a timeout, a
 * closed tab) still queue for the one embedded connection, each making the next request wait
 * longer, until no request is answered in time at all (issue 21).
 */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
  constructor() {
    super('The client closed its connection before its work started.');
  }
}

export function isClientGone(error: unknown): boolean {
  return error instanceof ClientGoneError;
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

/**
 * Input the database could not take as its type: a day that does not exist, a NUL byte in text,
 * a number out of range (SQLSTATE class 22, "data exception"). It came from the request, so the
 * answer is 400, never 500 (issue 16). Looks through `cause`, as drivers and wrappers nest errors.
 */
export function isBadInput(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if (sqlState(e)?.startsWith('22')) return true;
  return false;
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
