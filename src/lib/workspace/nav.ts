import type { StaffRole } from '../auth/roles';

/** One entry of the staff navigation. */
export interface NavItem {
  readonly href: string;
  readonly label: string;
  /** The roles that may open it; the pages check the same rule themselves. */
  readonly roles: readonly StaffRole[];
}

const everyone: readonly StaffRole[] = ['admin', 'moderator', 'analyst', 'facilitator'];

/**
 * The staff screens in menu order. Labels are short so the admin's nine entries fit one line at
 * 1280 px; the Werkplek names the same screens in full.
 */
export const navItems: readonly NavItem[] = [
  { href: '/staff', label: 'Werkplek', roles: everyone },
  { href: '/staff/moderatie', label: 'Moderatie', roles: ['moderator', 'admin'] },
  { href: '/staff/themas', label: 'Thema’s', roles: ['analyst', 'admin'] },
  // With the slash: the roadtour's service worker scope (offline) is /staff/roadtour/.
  { href: '/staff/roadtour/', label: 'Roadtour', roles: ['facilitator', 'admin'] },
  { href: '/staff/dashboard', label: 'Dashboard', roles: ['analyst', 'admin'] },
  { href: '/staff/export', label: 'Export', roles: ['analyst', 'admin'] },
  { href: '/staff/outbox', label: 'E-mail', roles: ['admin'] },
  { href: '/staff/verwijderverzoek', label: 'Verwijderverzoek', roles: ['admin'] },
  { href: '/staff/beheer/medewerkers', label: 'Medewerkers', roles: ['admin'] },
  { href: '/staff/logboek', label: 'Logboek', roles: ['admin'] },
];

/** What this role may use, in menu order. */
export function navFor(role: StaffRole): NavItem[] {
  return navItems.filter((item) => item.roles.includes(role));
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
  // The Werkplek is the root of every staff page, so it is never the section of another.
  if (href !== '/staff' && here.startsWith(`${href}/`)) return 'section';
  return null;
}

/** The menu entry a page belongs to (its own or its section's), if any. */
export function sectionOf(items: readonly NavItem[], pathname: string): NavItem | undefined {
  return items.find((item) => placeOf(item, pathname) !== null);
}
