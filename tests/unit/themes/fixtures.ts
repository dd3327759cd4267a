/** A small synthetic Dutch corpus with four clear topics, for engine tests. */
import type { GivenTheme, ThemeItem } from '../../../src/lib/themes/types';

const TOPICS: Record<string, { subjects: string[]; frames: string[] }> = {
  kosten: {
    subjects: [
      'de eigen bijdrage',
      'het abonnementstarief',
      'de prijs van een werkster',
      'de kosten van de hulp',
      'de rekening',
    ],
    frames: [
      'Ik vind {s} veel te hoog voor mijn kleine pensioen.',
      'Van mijn AOW kan ik {s} bijna niet betalen.',
      'Met een laag inkomen is {s} een zware last, het geld is op.',
      '{s} wordt elk jaar duurder en mijn pensioen niet.',
    ],
  },
  wonen: {
    subjects: [
      'de steile trap',
      'de traplift',
      'mijn bovenwoning',
      'de drempels in huis',
      'de trap naar de slaapkamer',
    ],
    frames: [
      'Ik wil verhuizen naar een gelijkvloerse woning omdat {s} niet meer gaat.',
      'De woningcorporatie moet helpen met {s} en een aanpassing van de woning.',
      'Door {s} kan ik niet blijven wonen in dit huis zonder woningaanpassing.',
      'Een seniorenwoning zonder {s} zou mijn woonprobleem oplossen.',
    ],
  },
  contact: {
    subjects: ['een kop koffie', 'een praatje', 'de buurvrouw', 'het bezoek van de hulp', 'de koffieochtend'],
    frames: [
      'Ik ben vaak alleen en eenzaam, {s} is het enige contact in de week.',
      'Voor mij is {s} belangrijk tegen de eenzaamheid.',
      'In het buurthuis is {s} een fijne ontmoeting met andere mensen.',
      'Zonder {s} zie ik niemand, ik mis het gezelschap.',
    ],
  },
  bewegen: {
    subjects: ['de fysiotherapeut', 'het wandelen', 'de gymles', 'de fietstocht', 'het zwemmen'],
    frames: [
      'Om fit te blijven ga ik elke week naar {s} voor mijn spieren.',
      'Door {s} houd ik mijn evenwicht en conditie op peil, zo val ik minder.',
      'Bewegen is belangrijk: {s} maakt mijn benen sterker.',
      'Sinds {s} ben ik sterker en kan ik weer sporten en trainen.',
    ],
  },
};

export const TOPIC_IDS = Object.keys(TOPICS);

/** Items with ids "<topic>-<n>", deterministic. */
export function corpus(perTopic = 12): (ThemeItem & { topic: string })[] {
  const out: (ThemeItem & { topic: string })[] = [];
  for (const [topic, { subjects, frames }] of Object.entries(TOPICS)) {
    for (let i = 0; i < perTopic; i++) {
      const frame = frames[i % frames.length] as string;
      const subject = subjects[(i * 3 + Math.floor(i / frames.length)) % subjects.length] as string;
      const text = frame.replace('{s}', subject);
      out.push({
        id: `${topic}-${String(i).padStart(2, '0')}`,
        text: text.charAt(0).toUpperCase() + text.slice(1),
        topic,
      });
    }
  }
  return out;
}

export const GUIDED_THEMES: GivenTheme[] = [
  {
    id: 'kosten',
    label: 'Kosten',
    description:
      'Wat hulp kost en of mensen het kunnen betalen: eigen bijdrage, tarief, prijs, rekening, geld, inkomen, pensioen of AOW.',
  },
  {
    id: 'wonen',
    label: 'Wonen',
    description: 'Trap, traplift, verhuizen naar een gelijkvloerse woning, woningaanpassing.',
  },
  {
    id: 'contact',
    label: 'Sociaal contact',
    description:
      'Eenzaamheid, alleen zijn, een praatje, koffie, bezoek, gezelschap en ontmoeting met mensen.',
  },
  {
    id: 'bewegen',
    label: 'Bewegen',
    description:
      'Fit en sterk blijven door bewegen, wandelen, sporten, trainen, fysiotherapie, spieren, conditie en evenwicht.',
  },
];
