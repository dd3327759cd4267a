import type { StaffRole } from '../auth/roles';
import type { StaffChangeError } from './accounts.server';

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

const when = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

/** Last sign-in in Dutch, Europe/Amsterdam time; "nog nooit" when there is none. */
export function lastSignIn(at: Date | null): string {
  return at ? when.format(at) : 'Nog nooit';
}
