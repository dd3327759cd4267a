import { createHash, randomBytes } from 'node:crypto';
import { service } from '../db/caller';
import type { Database, Tx } from '../db/types';
import { passwordLinkMessage, siteBase } from '../mail';
import { findStaff, type SignedInStaff } from './accounts.server';
import { hashPassword } from './passwords.server';

/**
 * One-time links to set a password for local staff accounts (issue 18, part 2): "wachtwoord
 * vergeten" and invitations. With Supabase Auth, Supabase mails these links itself.
 *
 * A link is /staff/wachtwoord-instellen?token_hash=<token>&type=invite|recovery, the same shape as
 * Supabase's, so one page serves both. The database keeps only the token's SHA-256; the message
 * goes through the mail outbox, which deletes it once it is sent and never shows it to admins.
 */

export const linkPath = '/staff/wachtwoord-instellen';
export type LinkPurpose = 'invite' | 'recovery';
/** How long a link works. */
export const linkHours: Record<LinkPurpose, number> = { invite: 48, recovery: 1 };
/** A new "wachtwoord vergeten" e-mail for the same account at most this often (no mail bombing). */
export const recoveryEveryMinutes = 5;

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

interface Recipient {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** A new link for this person, and the e-mail that carries it, in the caller's transaction. */
export async function queuePasswordLink(
  tx: Tx,
  recipient: Recipient,
  purpose: LinkPurpose,
  siteUrl: string,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  // One live link per person and purpose: an older one stops working.
  await tx.sql`
    delete from public.staff_password_links
    where user_id = ${recipient.id} and purpose = ${purpose} and used_at is null`;
  await tx.sql`
    insert into public.staff_password_links (token_hash, user_id, purpose, expires_at)
    values (${sha256(token)}, ${recipient.id}, ${purpose}, now() + make_interval(hours => ${linkHours[purpose]}))`;
  const url = `${siteBase(siteUrl)}${linkPath}?token_hash=${token}&type=${purpose}`;
  const message = passwordLinkMessage({ purpose, name: recipient.name, url, hours: linkHours[purpose] });
  await tx.sql`
    insert into public.mail_outbox (to_email, subject, body_text, body_html, kind)
    values (${recipient.email}, ${message.subject}, ${message.text}, ${message.html}, 'staff_password')`;
}

/**
 * "Wachtwoord vergeten" for a local account. Says nothing about whether the address is known:
 * only an active staff member gets an e-mail, at most one every few minutes; everyone else gets
 * the same answer and nothing happens.
 */
export async function requestRecoveryLink(db: Database, email: string, siteUrl: string): Promise<void> {
  const address = email.trim().toLowerCase();
  if (address.length < 3 || address.length > 254 || !address.includes('@')) return;
  await db.transaction(service, async (tx) => {
    const [person] = await tx.sql<{ id: string; email: string; name: string; recent: boolean }>`
      select u.id, s.email, s.display_name as name,
        exists (
          select 1 from public.staff_password_links l
          where l.user_id = u.id and l.purpose = 'recovery' and l.used_at is null
            and l.created_at > now() - make_interval(mins => ${recoveryEveryMinutes})
        ) as recent
      from auth.users u join public.staff_members s on s.user_id = u.id
      where u.email = ${address} and s.active
      for update of s`;
    if (!person || person.recent) return;
    await queuePasswordLink(tx, person, 'recovery', siteUrl);
  });
}

export type LocalLinkResult =
  | { kind: 'ok'; staff: SignedInStaff }
  | { kind: 'noAccess' }
  | { kind: 'expired' };

/**
 * Uses a link: sets the password when the token is known, unused, not expired and of this type,
 * and stamps it used in the same statement, so it works once however often it is sent. The
 * person's other sessions end (a new password locks out whoever knew the old one).
 */
export async function setPasswordWithLink(
  db: Database,
  token: string,
  purpose: LinkPurpose,
  password: string,
): Promise<LocalLinkResult> {
  const encrypted = await hashPassword(password);
  const userId = await db.transaction(service, async (tx) => {
    const [link] = await tx.sql<{ user_id: string }>`
      update public.staff_password_links set used_at = now()
      where token_hash = ${sha256(token)} and purpose = ${purpose} and used_at is null and expires_at > now()
      returning user_id`;
    if (!link) return null;
    await tx.sql`
      update auth.users set encrypted_password = ${encrypted}, updated_at = now() where id = ${link.user_id}`;
    await tx.sql`select private.staff_sessions_end_all(${link.user_id})`;
    return link.user_id;
  });
  if (!userId) return { kind: 'expired' };
  const staff = await findStaff(db, userId);
  return staff ? { kind: 'ok', staff } : { kind: 'noAccess' };
}
