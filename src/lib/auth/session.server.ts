import { jwtVerify, SignJWT } from 'jose';
import { isStaffRole, type StaffRole } from './roles';

export const sessionCookie = 'dm_session';
export const sessionHours = 8;
const issuer = 'doe-mee';

export interface StaffSession {
  /** The server-side record this token stands for (`public.staff_sessions`; see sessions.server.ts). */
  readonly sessionId: string;
  readonly userId: string;
  readonly email: string;
  readonly staffRole: StaffRole;
  readonly expiresAt: Date;
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A token with Supabase's claim shape, so the same policies read it as they would a Supabase JWT,
 * including `session_id`: the session record it stands for, which the server checks on each request.
 */
export async function signSession(
  secret: Uint8Array,
  staff: { sessionId: string; userId: string; email: string; staffRole: StaffRole },
  now = new Date(),
): Promise<string> {
  return new SignJWT({
    email: staff.email,
    role: 'authenticated',
    staff_role: staff.staffRole,
    session_id: staff.sessionId,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(staff.userId)
    .setAudience('authenticated')
    .setIssuer(issuer)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + sessionHours * 3600)
    .sign(secret);
}

/**
 * The session in a token, or null when it is missing, forged, expired or malformed (a token without
 * a session id, as issued before sessions were recorded, too). Whether the session has been ended
 * is for sessionIsLive (sessions.server.ts) to say.
 */
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
    const sessionId = payload.session_id;
    if (
      typeof sessionId !== 'string' ||
      !uuidShape.test(sessionId) ||
      typeof payload.sub !== 'string' ||
      !uuidShape.test(payload.sub) ||
      typeof payload.email !== 'string' ||
      !isStaffRole(staffRole) ||
      !payload.exp
    )
      return null;
    return {
      sessionId,
      userId: payload.sub,
      email: payload.email,
      staffRole,
      expiresAt: new Date(payload.exp * 1000),
    };
  } catch {
    return null;
  }
}
