import type { StaffRole } from '../auth/roles';
import type { StaffChangeError } from './accounts.server';
import type { InviteError } from './invite.server';

/** Roles as staff read them (B1 Dutch). */
export const roleLabels: Record<StaffRole, string> = {
  admin: 'Beheerder',
  moderator: 'Moderator',
  analyst: 'Analist',
  facilitator: 'Gespreksleider',
};

/** What each role may do, for the role picker's help text. */
export const roleHelp: Record<StaffRole, string> = {
  admin: 'alles, ook medewerkers en het logboek',
  moderator: 'reacties controleren',
  analyst: "thema's, dashboard en export",
  facilitator: 'roadtourbijeenkomsten plannen en notities maken',
};

/** Why a change was refused. */
export const staffMessages: Record<StaffChangeError, string> = {
  'staff.notAllowed': 'Alleen beheerders kunnen medewerkers beheren.',
  'staff.notFound': 'Deze medewerker bestaat niet (meer). Kies iemand uit de lijst.',
  'staff.invalid': 'Dit verzoek klopt niet. Kies een medewerker en een rol uit de lijst.',
  'staff.lastAdmin': 'Er moet altijd minstens één actieve beheerder zijn.',
  'staff.self':
    'U kunt uw eigen rol niet veranderen en uzelf niet uitzetten. Zo sluit u zichzelf niet per ongeluk buiten. Vraag een andere beheerder.',
};

/** The confirmations after a change (POST-redirect-GET). */
export const staffDone = {
  role: (name: string, role: StaffRole) => `De rol van ${name} is nu ${roleLabels[role].toLowerCase()}.`,
  deactivated: (name: string) => `${name} kan niet meer inloggen. Wie ingelogd was, is nu uitgelogd.`,
  reactivated: (name: string) => `${name} kan weer inloggen.`,
  unchanged: (name: string) => `Er is niets veranderd voor ${name}.`,
};

/** Why an invitation was not sent. */
export const inviteMessages: Record<InviteError, string> = {
  'invite.notAllowed': 'Alleen beheerders kunnen medewerkers uitnodigen.',
  'invite.invalid': 'Vul het e-mailadres, de naam en de rol in.',
  'invite.exists':
    'Er is al een account met dit e-mailadres. U vindt deze medewerker in de lijst hieronder. Is het account uitgezet? Zet het dan weer aan.',
  'invite.notInvitable':
    'Deze medewerker is al eens ingelogd of is uitgezet. Een nieuwe uitnodiging is dan niet nodig: wie het wachtwoord kwijt is, kiest "Wachtwoord vergeten" op de inlogpagina.',
  'invite.unavailable':
    'De uitnodiging is niet verstuurd: het inlogsysteem (Supabase) is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.',
  'invite.noServiceKey':
    'Uitnodigen kan hier pas als de server de service-sleutel van Supabase heeft (SUPABASE_SERVICE_ROLE_KEY). Vraag dit aan de technisch beheerder, of nodig iemand uit in Supabase en voeg hem toe zoals de handleiding beschrijft.',
};

/** The confirmations after an invitation. */
export const inviteDone = {
  sent: (name: string, email: string) =>
    `We hebben ${name} een uitnodiging gestuurd (${email}). Met de link in die e-mail kiest ${name} een wachtwoord.`,
  resent: (name: string, email: string) =>
    `We hebben ${name} een uitnodiging gestuurd (${email}). Een link uit een eerdere uitnodiging werkt niet meer.`,
};

const when = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

/** Last sign-in in Dutch, Europe/Amsterdam time; "nog nooit" when there is none. */
export function lastSignIn(at: Date | null): string {
  return at ? when.format(at) : 'Nog nooit';
}
