import type { StaffRole } from '../auth/roles';
import type { CallerDb } from '../db/types';
import { maxAttempts } from '../mail/send.server';
import { countByStatus } from '../moderation/queue.server';

/** A roadtour stop on today's schedule. */
export interface StopToday {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly startsAt: Date;
}

/** Themes of one consultation that have no "wat doen we ermee" yet. */
export interface ThemesWithoutReaction {
  readonly slug: string;
  readonly title: string;
  readonly count: number;
}

/**
 * What needs attention on the Werkplek. A part is null when it is not this role's work (the page
 * then leaves it out), so "0" always means "looked, nothing waiting".
 */
export interface Attention {
  /** Input items with status `new`, over all consultations (moderators, admins). */
  readonly toModerate: number | null;
  /** The caller's own stops that start today in Zoetermeer's time (facilitators, admins). */
  readonly stopsToday: readonly StopToday[] | null;
  /** Active themes whose reaction is empty, per consultation (analysts, admins). */
  readonly themesWithoutReaction: readonly ThemesWithoutReaction[] | null;
  /** Outbox messages not sent yet that will still be tried (admins). */
  readonly mailWaiting: number | null;
  /** Outbox messages that gave up after the last attempt (admins). */
  readonly mailFailed: number | null;
}

const roles = {
  moderate: ['moderator', 'admin'],
  stops: ['facilitator', 'admin'],
  themes: ['analyst', 'admin'],
  mail: ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

const may = (role: StaffRole, part: keyof typeof roles) =>
  (roles[part] as readonly StaffRole[]).includes(role);

/**
 * Reads the Werkplek's counts as the caller (RLS applies to every query, so a role only ever
 * counts rows it may read anyway). `now` decides which day is "today" (Europe/Amsterdam).
 */
export async function readAttention(db: CallerDb, now: Date = new Date()): Promise<Attention> {
  const caller = db.caller;
  if (caller.kind !== 'staff')
    return {
      toModerate: null,
      stopsToday: null,
      themesWithoutReaction: null,
      mailWaiting: null,
      mailFailed: null,
    };
  const role = caller.staffRole;

  // The same count the moderation page shows on its "Nieuw" tab (no filter: every consultation).
  let toModerate: number | null = null;
  if (may(role, 'moderate')) {
    const counts = await countByStatus(db, {});
    toModerate = counts.ok ? counts.counts.new : 0;
  }

  const rest = await db.run(async (tx) => {
    const stopsToday = may(role, 'stops')
      ? (
          await tx.sql<{ id: string; name: string; location: string; starts_at: Date | string }>`
            select s.id, s.name, s.location, s.starts_at
            from public.roadtour_stops s
            join public.stop_facilitators f on f.stop_id = s.id and f.user_id = ${caller.userId}::uuid
            where s.status <> 'cancelled'
              and (s.starts_at at time zone 'Europe/Amsterdam')::date
                = (${now.toISOString()}::text::timestamptz at time zone 'Europe/Amsterdam')::date
            order by s.starts_at, s.id`
        ).map((r) => ({ id: r.id, name: r.name, location: r.location, startsAt: new Date(r.starts_at) }))
      : null;

    const themesWithoutReaction = may(role, 'themes')
      ? (
          await tx.sql<{ slug: string; title: string; n: number }>`
            select c.slug, c.title, count(*)::int as n
            from public.themes t join public.consultations c on c.id = t.consultation_id
            where t.status = 'active' and btrim(t.reaction_md) = ''
            group by c.id, c.slug, c.title
            order by c.title, c.slug`
        ).map((r) => ({ slug: r.slug, title: r.title, count: r.n }))
      : null;

    let mailWaiting: number | null = null;
    let mailFailed: number | null = null;
    if (may(role, 'mail')) {
      const [row] = await tx.sql<{ waiting: number; failed: number }>`
        select count(*) filter (where attempts < ${maxAttempts})::int as waiting,
               count(*) filter (where attempts >= ${maxAttempts})::int as failed
        from public.mail_outbox where sent_at is null`;
      mailWaiting = row?.waiting ?? 0;
      mailFailed = row?.failed ?? 0;
    }
    return { stopsToday, themesWithoutReaction, mailWaiting, mailFailed };
  });

  return { toModerate, ...rest };
}
