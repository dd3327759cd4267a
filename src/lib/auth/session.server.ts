import { jwtVerify, SignJWT } from 'jose';
import { isStaffRole, type StaffRole } from './roles';

export const sessionCookie = 'dm_session';
export const sessionHours = 8;
const issuer = 'doe-mee';

export interface StaffSession {
  readonly userId: string;
  readonly email: string;
  readonly staffRole: StaffRole;
  readonly expiresAt: Date;
}

/** A token with Supabase's claim shape, so the same policies read it as they would a Supabase JWT. */
export async function signSession(
  secret: Uint8Array,
  staff: { userId: string; email: string; staffRole: StaffRole },
  now = new Date(),
): Promise<string> {
  return new SignJWT({ email: staff.email, role: 'authenticated', staff_role: staff.staffRole })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(staff.userId)
    .setAudience('authenticated')
    .setIssuer(issuer)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + sessionHours * 3600)
    .sign(secret);
}

/** The session in a token, or null when it is missing, forged, expired or malformed. */
export async function readSession(
  secret: Uint8Array,
  token: string | undefined,
  now = new Date(),
): Promise<StaffSession | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      audience: 'authenticated',
      issuer,
      currentDate: now,
    });
    const staffRole = payload.staff_role;
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.email !== 'string' ||
      !isStaffRole(staffRole) ||
      !payload.exp
    )
      return null;
    return { userId: payload.sub, email: payload.email, staffRole, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}
