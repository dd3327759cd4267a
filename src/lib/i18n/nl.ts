/** Everything the interface says, in Dutch at B1 level. Code passes keys; pages show these texts. */
export const nl = {
  'site.name': 'Doe Mee Zoetermeer',
  'site.municipality': 'Gemeente Zoetermeer',
  'skipLink.label': 'Ga naar de inhoud',
  'nav.home': 'Home',
  'nav.privacy': 'Privacy',
  'nav.results': 'Wat we hoorden',
  'nav.about': 'Over Doe Mee',
  'nav.staff': 'Medewerkers',
  'nav.workplace': 'Werkplek',
  'footer.text': 'Doe Mee is het inspraakplatform van de gemeente Zoetermeer.',

  'error.unavailable.title': 'Even niet beschikbaar',
  'error.unavailable.body':
    'Het lukt nu niet om uw gegevens op te slaan of op te halen. Er gaat niets verloren. Probeer het over een paar minuten opnieuw.',
  'error.csrf': 'Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog een keer.',
  'error.notFound.title': 'Deze pagina bestaat niet',
  'error.notFound.body': 'Misschien is de link oud of zit er een typfout in.',
  'error.server.title': 'Er ging iets mis',
  'error.server.body': 'Er ging bij ons iets mis. Probeer het later opnieuw.',
  'error.invalid': 'Wat u stuurde klopt niet helemaal. Kijk de velden na.',
  'error.forbidden': 'U mag dit niet doen.',
  'error.tooLarge': 'Wat u stuurde is te groot.',

  'signIn.title': 'Inloggen voor medewerkers',
  'signIn.intro': 'Dit deel is alleen voor medewerkers van de gemeente. Inwoners hoeven niet in te loggen.',
  'signIn.email': 'E-mailadres',
  'signIn.password': 'Wachtwoord',
  'signIn.submit': 'Inloggen',
  'signIn.failed': 'Het e-mailadres of het wachtwoord klopt niet.',
  'signIn.required': 'Log in om verder te gaan.',
  'signIn.expired': 'U was te lang niet actief. Log opnieuw in.',
  'signOut.submit': 'Uitloggen',
  'signOut.done': 'U bent uitgelogd.',

  'staff.title': 'Werkplek medewerkers',
  'staff.welcome': 'Welkom',
  'staff.role': 'Uw rol',
  'role.admin': 'beheerder',
  'role.moderator': 'moderator',
  'role.analyst': 'analist',
  'role.facilitator': 'gespreksleider',
} as const;

export type MessageKey = keyof typeof nl;

export function t(key: MessageKey): string {
  return nl[key];
}
