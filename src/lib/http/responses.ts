import { type MessageKey, t } from '../i18n/nl';

/** A JSON error in one shape for every API route: a code for programs, a Dutch message for people. */
export function jsonError(
  status: number,
  code: MessageKey | string,
  message: string,
  extra: Record<string, unknown> = {},
): Response {
  return new Response(JSON.stringify({ error: { code, message, ...extra } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export function jsonMessage(status: number, key: MessageKey): Response {
  return jsonError(status, key, t(key));
}

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}
