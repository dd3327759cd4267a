import type { Caller, JwtClaims } from './types';

export const anonymous: Caller = { kind: 'anon' };
export const service: Caller = { kind: 'service' };

export function claimsOf(caller: Caller): JwtClaims {
  switch (caller.kind) {
    case 'anon':
      return { role: 'anon' };
    case 'service':
      return { role: 'service_role' };
    case 'staff':
      return {
        role: 'authenticated',
        aud: 'authenticated',
        sub: caller.userId,
        email: caller.email,
        staff_role: caller.staffRole,
      };
  }
}

/**
 * The statement that turns a fresh transaction into the caller, the way PostgREST does:
 * the Postgres role, and the claims that auth.uid() and auth.jwt() read. One round trip.
 */
export function becomeCaller(caller: Caller): { text: string; params: string[] } {
  const claims = claimsOf(caller);
  return {
    text: "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
    params: [claims.role, JSON.stringify(claims)],
  };
}
