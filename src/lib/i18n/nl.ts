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
  'footer.privacy': 'Privacyverklaring',
  'footer.accessibility': 'Toegankelijkheid',

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
  'signIn.unavailable': 'Inloggen lukt nu niet. Probeer het later opnieuw.',
  'signIn.unconfirmed':
    'Uw e-mailadres is nog niet bevestigd. Open de link in de uitnodiging die u per e-mail kreeg. Is die link verlopen? Vraag de beheerder om een nieuwe uitnodiging.',
  'signIn.forgotten': 'Wachtwoord vergeten?',
  'forgot.title': 'Wachtwoord vergeten',
  'forgot.intro':
    'Vul het e-mailadres in waarmee u inlogt. U krijgt een e-mail met een link om een nieuw wachtwoord te kiezen.',
  'forgot.submit': 'Stuur mij een link',
  'forgot.sent':
    'Als dit e-mailadres bij ons bekend is, krijgt u binnen een paar minuten een e-mail met een link. De link werkt een uur. Geen e-mail gekregen? Kijk ook bij ongewenste e-mail, of vraag de beheerder om hulp.',
  'forgot.invalid': 'Vul een e-mailadres in, zoals naam@zoetermeer.nl.',
  'forgot.back': 'Terug naar inloggen',
  'password.title': 'Wachtwoord instellen',
  'password.intro': 'Kies een wachtwoord voor de werkplek van Doe Mee. Daarna bent u meteen ingelogd.',
  'password.rules':
    'Gebruik minstens 12 tekens. Een lange zin die u goed kunt onthouden is sterk, bijvoorbeeld vier losse woorden. Gebruik dit wachtwoord nergens anders.',
  'password.new': 'Nieuw wachtwoord',
  'password.repeat': 'Typ het wachtwoord nog een keer',
  'password.submit': 'Wachtwoord opslaan',
  'password.tooShort': 'Het wachtwoord is te kort. Gebruik minstens 12 tekens.',
  'password.common':
    'Dit wachtwoord gebruiken veel mensen, of het is makkelijk te raden. Kies een zin van een paar losse woorden.',
  'password.tooLong': 'Het wachtwoord is te lang. Gebruik hoogstens 72 tekens.',
  'password.mismatch': 'De twee wachtwoorden zijn niet hetzelfde. Typ ze nog een keer.',
  'password.rejected':
    'Dit wachtwoord kunt u niet gebruiken. Misschien is het al eens gelekt of is het uw oude wachtwoord. Kies een ander wachtwoord.',
  'password.noLink':
    'Deze pagina werkt alleen met de link uit uw e-mail. Open die link nog een keer. Heeft u geen link, of is hij verlopen? Vraag de beheerder om een nieuwe.',
  'password.expired':
    'De link is verlopen of al gebruikt. Vraag een nieuwe link met "Wachtwoord vergeten?" op de inlogpagina. Was het een uitnodiging? Vraag de beheerder dan om een nieuwe.',
  'password.unavailable':
    'Uw wachtwoord instellen lukt nu niet. Probeer het over een paar minuten opnieuw. Uw link werkt dan nog.',
  'password.noAccess':
    'Uw wachtwoord is opgeslagen. Maar u heeft geen toegang tot de werkplek. Neem contact op met de beheerder.',
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
