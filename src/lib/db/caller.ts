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
 * The Postgres role each caller acts as: the app's own, never the Data API's `anon`,
 * `authenticated` or `service_role`, so a token from Supabase reaches none of the app's tables
 * (migration 20261206070000_server_roles.sql).
 */
export const databaseRole = {
  anon: 'doemee_anon',
  staff: 'doemee_staff',
  service: 'doemee_service',
} as const satisfies Record<Caller['kind'], string>;

/**
 * The statement that turns a fresh transaction into the caller, the way PostgREST does:
 * the Postgres role, and the claims (Supabase's shape) that auth.uid() and auth.jwt() read.
 * One round trip.
 */
export function becomeCaller(caller: Caller): { text: string; params: string[] } {
  return {
    text: "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
    params: [databaseRole[caller.kind], JSON.stringify(claimsOf(caller))],
  };
}
