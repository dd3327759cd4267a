// Dutch (B1) texts for abuse protection. `{tijd}` is a clock time such as 14:32.

export const abuseMessages = {
  'rate.limited.title': 'Even wachten',
  'rate.limited.body':
    'U hebt in korte tijd vaak iets verstuurd. Probeer het na {tijd} opnieuw (over ongeveer {wachttijd}).',
  'rate.limited.draft':
    'Uw antwoorden zijn niet verloren. Ze staan nog op dit apparaat. Ga terug naar het formulier en verstuur ze straks opnieuw.',
  'request.tooLarge.title': 'Te veel tekst',
  'request.tooLarge.body': 'Wat u stuurde is te groot. Maak uw antwoorden wat korter en verstuur ze opnieuw.',
  'form.tooFast':
    'Het formulier werd erg snel verstuurd. Er is niets opgeslagen. Wacht een paar seconden en verstuur het opnieuw. Uw antwoorden staan er nog.',
  'form.expired':
    'Dit formulier stond lang open. Er is niets opgeslagen. Verstuur uw antwoorden nog een keer. Ze staan er nog.',
  'signIn.throttled':
    'Er is kort na elkaar vaak een verkeerd e-mailadres of wachtwoord ingevuld. Wacht {wachttijd} en probeer het dan opnieuw. Weet u uw wachtwoord niet meer? Vraag het aan de beheerder.',
  'back.link': 'Terug naar het formulier',
} as const;

export type AbuseMessageKey = keyof typeof abuseMessages;

const clock = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** "14:32": the first full minute at or after the moment (never earlier than said). */
export function clockTime(at: Date): string {
  return clock.format(new Date(Math.ceil(at.getTime() / 60_000) * 60_000));
}

/** "1 seconde", "45 seconden", "1 minuut", "15 minuten". */
export function waitText(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return whole === 1 ? '1 seconde' : `${whole} seconden`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minuut' : `${minutes} minuten`;
}

export function abuseText(key: AbuseMessageKey, retryAt?: Date, now: Date = new Date()): string {
  let text: string = abuseMessages[key];
  if (retryAt) {
    text = text
      .replace('{tijd}', clockTime(retryAt))
      .replace('{wachttijd}', waitText((retryAt.getTime() - now.getTime()) / 1000));
  }
  return text;
}
