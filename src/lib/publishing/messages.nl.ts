import type { PublishErrorCode } from './versions.server';

/** What staff read when a publishing step is refused or needs a confirmation (B1 Dutch). */
export const publishMessages: Record<
  PublishErrorCode | 'publish.title' | 'publish.confirm' | 'publish.confirmWithdraw' | 'publish.confirmMail',
  string
> = {
  'publish.notFound': 'Deze versie bestaat niet (meer). Kies een versie uit de lijst.',
  'publish.draftConsultation': 'Deze raadpleging is nog niet openbaar. Publiceer eerst de raadpleging zelf.',
  'publish.noThemes':
    'Deze versie heeft geen thema’s voor de website. Accepteer thema’s, zet ‘Op openbare pagina’ aan en leg een nieuwe versie vast.',
  'publish.notAllowed': 'Alleen analisten en beheerders publiceren wat we hoorden.',
  'publish.alreadyWithdrawn': 'Deze versie stond al niet meer op de website.',
  'publish.mailAlreadySent': 'De e-mail is al verstuurd. Hij kan maar één keer worden verstuurd.',
  'publish.nothingPublished': 'Publiceer eerst een versie. Daarna kunt u de e-mail versturen.',
  'publish.title': 'Geef de pagina een titel van 3 tot 200 tekens.',
  'publish.confirm': 'Vink aan dat u het voorbeeld hebt bekeken. Dan zetten we de versie op de website.',
  'publish.confirmWithdraw': 'Vink aan dat u de versie van de website wilt halen.',
  'publish.confirmMail': 'Vink aan dat u de e-mail nu wilt versturen.',
};
