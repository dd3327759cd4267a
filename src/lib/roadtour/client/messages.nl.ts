/** Dutch (B1) texts of the facilitator app in the browser (server codes: ../messages.nl.ts). */
export const clientMessages = {
  offline: 'Geen internetverbinding. Uw aantekeningen staan veilig op dit apparaat.',
  synced: 'Alle aantekeningen zijn opgeslagen op de server.',
  nothingToSync: 'Alle aantekeningen zijn opgeslagen op de server.',
  someRefused: 'Niet alle aantekeningen zijn opgeslagen. Kijk bij de rode meldingen wat er mis is.',
  syncFailed: 'Opslaan op de server lukte nu niet. We proberen het straks opnieuw.',
  syncing: 'Bezig met opslaan op de server…',
  waiting: (n: number) =>
    n === 1
      ? '1 aantekening staat alleen op dit apparaat.'
      : `${n} aantekeningen staan alleen op dit apparaat.`,
  sendingSoon: 'Ze gaan zo naar de server.',
  sendWhenOnline: 'Ze gaan vanzelf naar de server als er weer internet is.',
  chooseTopic: 'Kies een onderwerp.',
  added: (topic: string) => `Toegevoegd bij ${topic}.`,
  quoteMarks: 'Aanhalingstekens hoeft u niet te typen: die zetten wij eromheen.',
  keepIntro:
    'Gaat u naar een plek zonder internet? Zet de bijeenkomsten die u leidt dan eerst op dit apparaat. Dat gebeurt vanzelf als u deze pagina met internet opent.',
  keeping: 'Bezig met het klaarzetten van uw bijeenkomsten…',
  kept: (kept: number, all: number) =>
    all === 1
      ? kept === 1
        ? 'Uw komende bijeenkomst werkt nu ook zonder internet.'
        : 'Uw komende bijeenkomst werkt nog niet zonder internet.'
      : `${kept} van uw ${all} komende bijeenkomsten werken nu ook zonder internet.`,
  notKeptYet: 'Deze werken nog niet zonder internet. Probeer het opnieuw:',
  notKeptOffline: 'Deze werken niet zonder internet. Open de planning als er weer internet is:',
  stateOnDevice: 'Alleen op dit apparaat',
  stateSynced: 'Opgeslagen op de server',
  stateRefused: 'Niet opgeslagen',
  offlineReady: 'Deze pagina werkt ook zonder internet.',
  offlineNotReady: 'Deze pagina is nog niet klaar voor gebruik zonder internet.',
  onlineOnly: 'Dit kan alleen met een internetverbinding.',
  quoteWarning:
    'Schrijf nooit een naam op. Beschrijf wie het zei, bijvoorbeeld "mevrouw, 80+" of "mantelzorger".',
  emptyNote: 'Schrijf eerst op wat er gezegd is.',
  tooLong: 'Deze aantekening is te lang (meer dan 5.000 tekens). Maak er twee aantekeningen van.',
  signInAgain: 'Log opnieuw in',
  piiWarning: 'Er staat misschien een naam of telefoonnummer in uw notitie.',
  piiFound: 'Wij zien:',
  piiRemove: 'Deze gegevens weghalen',
  piiRemoved: (placeholders: string) =>
    `Weggehaald. In de notitie staat nu ${placeholders}. Kijk of de notitie nog klopt.`,
} as const;
