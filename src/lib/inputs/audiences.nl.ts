import type { Audience } from '../content/schema';

/** How each audience is named and explained on the "who are you" page (B1 Dutch). */
export const audienceText: Record<Audience, { label: string; description: string }> = {
  inwoner: { label: 'Inwoner', description: 'U woont in Zoetermeer en praat mee voor uzelf.' },
  mantelzorger: { label: 'Mantelzorger', description: 'U zorgt voor iemand in uw familie of omgeving.' },
  aanbieder: {
    label: 'Zorgorganisatie (aanbieder)',
    description: 'U werkt bij een organisatie die hulp in het huishouden geeft.',
  },
  ouderenbond: {
    label: 'Ouderenbond of cliëntorganisatie',
    description: 'U praat mee namens ouderen of cliënten.',
  },
  partner: {
    label: 'Maatschappelijke partner',
    description:
      'U werkt bijvoorbeeld bij welzijn, een woningcorporatie, een huisartsenpraktijk of het wijkteam.',
  },
  adviesraad: { label: 'Adviesraad', description: 'U bent lid van de adviesraad sociaal domein.' },
};

/** The audiences offered on the public site, in this order. */
export const publicAudiences: readonly Audience[] = [
  'inwoner',
  'mantelzorger',
  'aanbieder',
  'ouderenbond',
  'partner',
];
