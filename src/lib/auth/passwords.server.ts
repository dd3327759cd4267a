import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { minPasswordLength } from './password-policy.server';

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // an unreadable hash never matches
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
export const decoyHash = hash('no account has this password', options);
