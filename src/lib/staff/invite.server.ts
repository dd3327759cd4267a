import { createHash, randomBytes } from 'node:crypto';
import { GoTrueAdminApi, isAuthApiError } from '@supabase/auth-js';
import { z } from 'zod';
import { linkHours, linkPath } from '../auth/password-links.server';
import { staffRoles } from '../auth/roles';
import { authMode, logAuthProblem } from '../auth/sign-in.server';
import type { Env } from '../config/env.server';
import type { CallerDb, Tx } from '../db/types';
import { passwordLinkMessage, siteBase } from '../mail';

/**
 * Invitations by e-mail (issue 18, part 2). An admin enters an address, a name and a role; the new
 * member gets an e-mail with a one-time link to /staff/wachtwoord-instellen and is signed in once
 * they chose a password.
 *
 * - Local accounts: the user, the membership, the link and the e-mail in one transaction as the
 *   admin (migration 20261206097000), so the audit log names who invited whom.
 * - Supabase Auth: its admin API (`POST /auth/v1/admin/generate_link`, type invite, with the
 *   service_role key) makes the user and the link without sending anything; the app sends the
 *   same e-mail as for local accounts through its own outbox and SMTP, so invitations look and
 *   travel alike. An address Supabase already knows (say, a former member) gets a recovery link.
 *
 * A member who never signed in can be sent a new invitation (the old link stops working).
 */

export const InviteSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(120),
  role: z.enum(staffRoles),
});
export type Invite = z.output<typeof InviteSchema>;

export type InviteError =
  | 'invite.notAllowed'
  | 'invite.invalid'
  | 'invite.exists'
  | 'invite.notInvitable'
  | 'invite.unavailable'
  | 'invite.noServiceKey';

export type InviteResult =
  | { ok: true; userId: string; email: string; displayName: string }
  | { ok: false; code: InviteError; fields?: Partial<Record<keyof Invite, string>> };

/** Whether invitations can be sent from this server (Supabase Auth needs the service_role key). */
export function invitesPossible(env: Env): boolean {
  return authMode(env) === 'local' || env.SUPABASE_SERVICE_ROLE_KEY !== undefined;
}

/** Adds a staff member and sends the invitation. Runs as the caller: only admins get through. */
export async function inviteStaff(env: Env, db: CallerDb, input: unknown): Promise<InviteResult> {
  const parsed = InviteSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Partial<Record<keyof Invite, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof Invite;
      fields[field] ??= fieldProblem[field];
    }
    return { ok: false, code: 'invite.invalid', fields };
  }
  const invite = parsed.data;
  if (!invitesPossible(env)) return { ok: false, code: 'invite.noServiceKey' };

  // Checked before Supabase makes a user, so a refused invite leaves nothing behind there.
  const before = await db.run(async (tx) => {
    if (!(await isAdmin(tx))) return 'invite.notAllowed' as const;
    const [member] = await tx.sql`select 1 from public.staff_members where email = ${invite.email}`;
    return member ? ('invite.exists' as const) : null;
  });
  if (before) return { ok: false, code: before };

  const link = await linkFor(env, invite.email);
  if (!link) return { ok: false, code: 'invite.unavailable' };
  return refused(async () => {
    const userId = await db.run(async (tx) => {
      const id =
        link.userId ??
        (await tx.sql<{ id: string }>`select private.staff_local_user(${invite.email}) as id`)[0]?.id;
      if (!id) throw new Error('no user for the invitation');
      await tx.sql`
        insert into public.staff_members (user_id, email, display_name, role)
        values (${id}, ${invite.email}, ${invite.displayName}, ${invite.role})`;
      await queueInviteMail(tx, env, id, invite.displayName, link);
      return id;
    });
    return { ok: true, userId, email: invite.email, displayName: invite.displayName };
  });
}

/** A new invitation for a member who has not signed in yet; their earlier link stops working. */
export async function resendInvite(env: Env, db: CallerDb, userId: unknown): Promise<InviteResult> {
  const id = z.string().uuid().safeParse(userId);
  if (!id.success) return { ok: false, code: 'invite.invalid' };
  if (!invitesPossible(env)) return { ok: false, code: 'invite.noServiceKey' };
  const member = await db.run(async (tx) => {
    if (!(await isAdmin(tx))) return 'invite.notAllowed' as const;
    const [row] = await tx.sql<{ email: string; display_name: string; invitable: boolean }>`
      select email, display_name, active and last_signed_in_at is null as invitable
      from public.staff_members where user_id = ${id.data}`;
    if (!row?.invitable) return 'invite.notInvitable' as const;
    return row;
  });
  if (typeof member === 'string') return { ok: false, code: member };

  const link = await linkFor(env, member.email);
  if (!link) return { ok: false, code: 'invite.unavailable' };
  if (link.userId && link.userId !== id.data) return { ok: false, code: 'invite.notInvitable' };
  return refused(async () => {
    await db.run((tx) => queueInviteMail(tx, env, id.data, member.display_name, link));
    return { ok: true, userId: id.data, email: member.email, displayName: member.display_name };
  });
}

/** A new link: the app's own for local accounts, Supabase's otherwise; null when Auth is down. */
function linkFor(env: Env, email: string): Promise<InviteLink | null> {
  return authMode(env) === 'local' ? Promise.resolve(localLink()) : supabaseLink(env, email, 'invite');
}

/** Runs the database part; the database's refusals become their codes. */
async function refused(run: () => Promise<InviteResult>): Promise<InviteResult> {
  try {
    return await run();
  } catch (error) {
    const code = refusal(error);
    if (code) return { ok: false, code };
    throw error;
  }
}

interface InviteLink {
  /** The user Supabase made or found; undefined for local accounts (made in the transaction). */
  readonly userId?: string;
  /** The token_hash in the link. */
  readonly token: string;
  /** What the link page verifies: invite, or recovery for an address Supabase already had. */
  readonly type: 'invite' | 'recovery';
  /** Only the SHA-256 of a local token is stored; Supabase keeps its own. */
  readonly storedHash: string | null;
  /** How long the link works, when the app decides it. */
  readonly hours: number | null;
}

function localLink(): InviteLink {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    type: 'invite',
    storedHash: createHash('sha256').update(token, 'utf8').digest('hex'),
    hours: linkHours.invite,
  };
}

/**
 * Asks Supabase Auth for a link without sending mail. GoTrue refuses an invite for a confirmed
 * address (422 email_exists); such a person (a former member, or someone added in the dashboard)
 * gets a recovery link, which also ends in choosing a password. Null when Auth cannot be used.
 */
async function supabaseLink(
  env: Env,
  email: string,
  type: 'invite' | 'recovery',
): Promise<InviteLink | null> {
  const key = env.SUPABASE_SERVICE_ROLE_KEY as string;
  const admin = new GoTrueAdminApi({
    url: `${(env.SUPABASE_URL as string).replace(/\/+$/, '')}/auth/v1`,
    headers: { apikey: key, Authorization: `Bearer ${key}` },
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(10_000) }),
  });
  const { data, error } = await admin.generateLink({ type, email });
  if (error) {
    if (type === 'invite' && isAuthApiError(error) && error.code === 'email_exists')
      return supabaseLink(env, email, 'recovery');
    logAuthProblem(`make an ${type} link`, error);
    return null;
  }
  const token = data.properties?.hashed_token;
  if (!token || !data.user?.id) {
    logAuthProblem(`make an ${type} link`, new Error('no hashed_token or user in the answer'));
    return null;
  }
  return { userId: data.user.id, token, type, storedHash: null, hours: null };
}

async function queueInviteMail(tx: Tx, env: Env, userId: string, name: string, link: InviteLink) {
  const url = `${siteBase(env.PUBLIC_SITE_URL)}${linkPath}?token_hash=${encodeURIComponent(link.token)}&type=${link.type}`;
  const message = passwordLinkMessage({ purpose: 'invite', name, url, hours: link.hours });
  await tx.sql`
    select private.staff_invite_mail(${userId}, ${link.storedHash}, ${link.hours ?? 0},
      ${message.subject}, ${message.text}, ${message.html})`;
}

async function isAdmin(tx: Tx): Promise<boolean> {
  const [row] = await tx.sql<{ admin: boolean }>`select private.has_role('admin') as admin`;
  return row?.admin === true;
}

/** The database's refusals (migration 20261206097000, and the unique address). */
function refusal(error: unknown): InviteError | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = String((e as { message?: unknown }).message ?? '');
    const { constraint_name, constraint } = e as { constraint_name?: unknown; constraint?: unknown };
    const violated = String(constraint_name ?? constraint ?? '');
    if (message.startsWith('staff.exists') || /^staff_members_(pkey|email_key)$/.test(violated))
      return 'invite.exists';
    if (message.startsWith('staff.notInvitable')) return 'invite.notInvitable';
    if (message.startsWith('staff.notAllowed')) return 'invite.notAllowed';
  }
  return null;
}

const fieldProblem: Record<keyof Invite, string> = {
  email: 'Vul een geldig e-mailadres in, zoals naam@zoetermeer.nl.',
  displayName: 'Vul een naam in (hoogstens 120 tekens).',
  role: 'Kies een rol uit de lijst.',
};
