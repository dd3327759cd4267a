/** Dutch (B1) texts of the consultation editor, by the codes editor.server.ts returns. */
export type EditorError =
  | 'title.invalid'
  | 'slug.invalid'
  | 'slug.taken'
  | 'summary.invalid'
  | 'status.invalid'
  | 'date.invalid'
  | 'dates.reversed'
  | 'dates.pastNeedsConfirm'
  | 'retention.invalid'
  | 'retention.beforeClose'
  | 'topics.none'
  | 'topic.key'
  | 'topic.label'
  | 'topic.duplicate'
  | 'topic.description'
  | 'topic.inUse'
  | 'audiences.none'
  | 'audience.intro'
  | 'audience.noQuestions'
  | 'question.key'
  | 'question.duplicate'
  | 'question.prompt'
  | 'question.help'
  | 'question.topic'
  | 'question.maxLength'
  | 'question.answeredKey'
  | 'question.answeredDelete'
  | 'theme.key'
  | 'theme.label'
  | 'theme.description'
  | 'theme.duplicate'
  | 'wijk.invalid'
  | 'stale'
  | 'notAllowed'
  | 'notFound'
  | 'publish.incomplete'
  | 'publish.summary'
  | 'publish.intro'
  | 'publish.retention'
  | 'publish.closed'
  | 'import.invalid';

export const editorMessages: Record<EditorError, string> = {
  'title.invalid': 'Vul een titel in van 3 tot 200 tekens.',
  'slug.invalid':
    'Vul een adres in met alleen kleine letters, cijfers en streepjes, bijvoorbeeld "hulp-thuis".',
  'slug.taken': 'Er is al een raadpleging met dit adres. Kies een ander adres.',
  'summary.invalid': 'De samenvatting mag hoogstens 4000 tekens hebben.',
  'status.invalid': 'Kies een status.',
  'date.invalid': 'Vul een datum en tijd in.',
  'dates.reversed': 'De sluitdatum moet na de openingsdatum liggen.',
  'dates.pastNeedsConfirm':
    'Deze sluitdatum ligt in het verleden: dan kan niemand meer meedoen. Vink hieronder aan dat u dat zeker weet.',
  'retention.invalid': 'Vul de datum in als dag-maand-jaar, of laat het veld leeg.',
  'retention.beforeClose': 'Bewaren tot moet na de sluitdatum liggen.',
  'topics.none': 'Voeg minstens één onderwerp toe.',
  'topic.key': 'Vul een code in met alleen kleine letters, cijfers en streepjes.',
  'topic.label': 'Vul een naam in voor het onderwerp.',
  'topic.duplicate': 'Deze code staat er al. Elke code mag maar één keer voorkomen.',
  'topic.description': 'De beschrijving mag hoogstens 2000 tekens hebben.',
  'topic.inUse': 'Een vraag hoort bij dit onderwerp. Kies eerst een ander onderwerp voor die vraag.',
  'audiences.none': 'Kies minstens één doelgroep.',
  'audience.intro': 'De inleiding mag hoogstens 2000 tekens hebben.',
  'audience.noQuestions': 'Geef deze doelgroep minstens één vraag.',
  'question.key': 'Vul een code in met alleen kleine letters, cijfers en streepjes.',
  'question.duplicate': 'Deze code staat al bij een andere vraag van deze doelgroep. Kies een andere code.',
  'question.prompt': 'Vul de vraag in (3 tot 500 tekens).',
  'question.help': 'De uitleg mag hoogstens 2000 tekens hebben.',
  'question.topic': 'Kies een onderwerp.',
  'question.maxLength': 'Vul een getal in tussen 100 en 20000.',
  'question.answeredKey':
    'Deze vraag heeft al antwoorden. De code kan daarom niet meer veranderen. U kunt de vraag wel anders formuleren.',
  'question.answeredDelete':
    'Deze vraag heeft al antwoorden en kan daarom niet weg. Vink "Verbergen" aan: dan wordt de vraag niet meer gesteld.',
  'theme.key': 'Vul een code in met alleen kleine letters, cijfers, streepjes of liggende streepjes.',
  'theme.label': 'Vul een naam in voor het thema.',
  'theme.description': 'Vul een beschrijving in (hoogstens 2000 tekens).',
  'theme.duplicate': 'Deze code staat er al. Elke code mag maar één keer voorkomen.',
  'wijk.invalid': 'Zet elke wijk op een eigen regel, één keer, met 2 tot 80 tekens.',
  stale:
    'Iemand anders heeft deze raadpleging gewijzigd nadat u de pagina opende (misschien uzelf, in een ander tabblad). Uw wijzigingen zijn niet opgeslagen. Open de raadpleging opnieuw en voer uw wijzigingen nog eens in.',
  notAllowed: 'Alleen beheerders kunnen raadplegingen wijzigen.',
  notFound: 'Deze raadpleging bestaat niet.',
  'publish.incomplete': 'De raadpleging is nog niet compleet. Kijk de punten hieronder na.',
  'publish.summary': 'Vul een samenvatting in: die staat op de voorpagina.',
  'publish.intro': 'Vul een inleiding in voor deze doelgroep.',
  'publish.retention': 'Vul in tot wanneer de gegevens bewaard worden.',
  'publish.closed': 'De sluitdatum is voorbij. Kies een sluitdatum in de toekomst.',
  'import.invalid': 'Dit bestand is geen geldige raadpleging. Kijk de punten hieronder na.',
};
