import type { BoardErrorCode } from './schema';

/** Dutch (B1) texts for the theme board's error codes. */
export const boardMessages = {
  'board.invalid': 'Er ging iets mis met het formulier. Laad de pagina opnieuw en probeer het nog eens.',
  'board.notAllowed': "Alleen analisten en beheerders werken aan de thema's.",
  'board.notFound': 'Dit thema of bericht bestaat niet (meer). Laad de pagina opnieuw.',
  'board.conflict':
    'Iemand anders heeft dit thema net veranderd. Uw wijziging is niet opgeslagen. Bekijk de nieuwe stand en probeer het opnieuw.',
  'board.locked': 'Dit thema is vergrendeld. Ontgrendel het eerst als u het wilt veranderen.',
  'board.notCandidate':
    "Alleen voorgestelde thema's (nog niet aangenomen en niet gepubliceerd) kunt u wegzetten.",
  'board.sameTheme': 'Kies twee verschillende thema’s.',
  'board.notActive': 'Dit thema is samengevoegd of weggezet. Het kan niet meer veranderen.',
  'board.jobRunning': 'Er loopt al een berekening voor deze raadpleging. Wacht tot die klaar is.',
  'board.noInput': 'Er zijn (met deze filters) geen goedgekeurde berichten om te verdelen.',
  'board.undoStale':
    'Na het samenvoegen is er nog iets veranderd aan deze thema’s. Ongedaan maken kan daarom niet meer. Er is niets veranderd.',
  'board.undone': 'Dit samenvoegen is al ongedaan gemaakt.',
  'board.suggestionStale':
    'Deze suggestie klopt niet meer: het bericht of thema is intussen veranderd. Er is niets veranderd.',
} satisfies Record<BoardErrorCode, string>;

export const jobStatusLabels = {
  queued: 'Wacht op de start',
  running: 'Bezig',
  done: 'Klaar',
  failed: 'Mislukt',
} as const;
