import { createHmac } from 'node:crypto';

/**
 * Counter keys: HMACs with the server secret, so the database never holds a client's IP address
 * or a typed e-mail address (personal data), and keys cannot be guessed from outside.
 */
function key(secret: Uint8Array, kind: string, value: string): string {
  return createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url').slice(0, 32);
}

export function clientKey(secret: Uint8Array, address: string): string {
  return key(secret, 'client', address.trim().toLowerCase());
}

export function accountKey(secret: Uint8Array, email: string): string {
  return key(secret, 'account', email.trim().toLowerCase());
}
