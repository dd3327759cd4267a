import type { StaffRole } from '../auth/roles';

/** One entry of the staff navigation. */
export interface NavItem {
  readonly href: string;
  readonly label: string;
  /** The roles that may open it; the pages check the same rule themselves. */
  readonly roles: readonly StaffRole[];
  /** The name in full, where the menu's is short (the Werkplek's list of screens). */
  readonly fullLabel?: string;
  /** One line on the Werkplek about what the screen is for. */
  readonly about?: string;
  /** An admin's management screen: in the menu under "Beheer", on the Werkplek as itself. */
  readonly underBeheer?: boolean;
}

const everyone: readonly StaffRole[] = ['admin', 'moderator', 'analyst', 'facilitator'];

/**
 * The staff screens in order. Labels are short so the menu fits one line at 1280 px; the Werkplek
 * names the same screens in full. The admin's five management screens share one menu entry,
 * "Beheer" (thirteen entries took two lines).
 */
export const navItems: readonly NavItem[] = [
  { href: '/staff', label: 'Werkplek', roles: everyone },
  {
    href: '/staff/moderatie',
    label: 'Moderatie',
    about: 'Berichten lezen, goedkeuren of afwijzen en persoonsgegevens weglakken.',
    roles: ['moderator', 'admin'],
  },
  {
    href: '/staff/inbreng',
    label: 'Brieven',
    fullLabel: 'Brieven en adviezen',
    about:
      'Brieven en formele adviezen toevoegen, in punten verdelen en per punt de reactie van het college schrijven.',
    roles: ['moderator', 'analyst', 'admin'],
  },
  {
    href: '/staff/themas',
    label: 'Thema’s',
    about: 'Berichten in thema’s verdelen en “wat we hoorden” publiceren.',
    roles: ['analyst', 'admin'],
  },
  // With the slash: the roadtour's service worker scope (offline) is /staff/roadtour/.
  {
    href: '/staff/roadtour/',
    label: 'Roadtour',
    fullLabel: 'Roadtour: bijeenkomsten en aantekeningen',
    about: 'Bijeenkomsten plannen en aantekeningen maken, ook zonder internet.',
    roles: ['facilitator', 'admin'],
  },
  {
    href: '/staff/inbreng/importeren',
    label: 'Import',
    fullLabel: 'Spreadsheet importeren',
    about: 'Antwoorden uit Excel of CSV (papieren formulieren, andere programma’s) toevoegen.',
    roles: ['moderator', 'analyst', 'admin'],
  },
  {
    href: '/staff/dashboard',
    label: 'Dashboard',
    about: 'Hoeveel mensen meededen, per doelgroep, wijk en dag.',
    roles: ['analyst', 'admin'],
  },
  {
    href: '/staff/export',
    label: 'Export',
    fullLabel: 'Gegevens downloaden',
    about: 'Goedgekeurde berichten als Excel, CSV, Word of Markdown.',
    roles: ['analyst', 'admin'],
  },
  {
    href: '/staff/outbox',
    label: 'E-mail',
    fullLabel: 'Uitgaande e-mail',
    about: 'Berichten aan inwoners en of ze verstuurd zijn.',
    roles: ['admin'],
    underBeheer: true,
  },
  {
    href: '/staff/verwijderverzoek',
    label: 'Verwijderverzoek',
    fullLabel: 'Verzoek om verwijderen',
    about: 'De inzending van een inwoner verwijderen met de code van de inzending.',
    roles: ['admin'],
    underBeheer: true,
  },
  {
    href: '/staff/beheer/consultaties',
    label: 'Raadplegingen',
    about:
      'Raadplegingen maken en wijzigen: teksten, datums, doelgroepen, vragen; voorbeeld bekijken en publiceren.',
    roles: ['admin'],
    underBeheer: true,
  },
  {
    href: '/staff/beheer/medewerkers',
    label: 'Medewerkers',
    about: 'Wie er werkt met Doe Mee, met welke rol; rollen wijzigen, iemand uitzetten.',
    roles: ['admin'],
    underBeheer: true,
  },
  {
    href: '/staff/logboek',
    label: 'Logboek',
    about: 'Wie wat veranderde en wanneer.',
    roles: ['admin'],
    underBeheer: true,
  },
];

/** Every screen this role may use, in order (the Werkplek's list). */
export function navFor(role: StaffRole): NavItem[] {
  return navItems.filter((item) => item.roles.includes(role));
}

/** The menu entry whose page lists the management screens. */
export const beheerItem: NavItem = {
  href: '/staff/beheer',
  label: 'Beheer',
  about: 'Raadplegingen, medewerkers, logboek, e-mail en verwijderverzoeken.',
  roles: ['admin'],
};

/** The management screens this role may use (the "Beheer" page's list). */
export function beheerScreensFor(role: StaffRole): NavItem[] {
  return navFor(role).filter((item) => item.underBeheer);
}

/** The menu of a role: its screens, the management screens gathered under one "Beheer" entry. */
export function menuFor(role: StaffRole): NavItem[] {
  const screens = navFor(role);
  const top = screens.filter((item) => !item.underBeheer);
  return screens.length > top.length ? [...top, beheerItem] : top;
}

const trim = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/**
 * Where a path sits in the menu: `page` when it is the entry's own page, `section` when it is a
 * page below it (a theme board under Thema's, a stop under Roadtour), else null.
 */
export function placeOf(item: NavItem, pathname: string): 'page' | 'section' | null {
  const here = trim(pathname);
  const href = trim(item.href);
  if (here === href) return 'page';
  // "Beheer" is the section of every management screen, wherever its address is.
  if (item.href === beheerItem.href && navItems.some((s) => s.underBeheer && placeOf(s, pathname)))
    return 'section';
  // The Werkplek is the root of every staff page, so it is never the section of another.
  if (href !== '/staff' && here.startsWith(`${href}/`)) return 'section';
  return null;
}

/** The menu entry a page belongs to (its own or its section's), if any. */
export function sectionOf(items: readonly NavItem[], pathname: string): NavItem | undefined {
  return items.find((item) => placeOf(item, pathname) !== null);
}
