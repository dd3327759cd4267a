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
