import { readFileSync } from 'node:fs';

/** The background documents of issue 19 (../shared/seeds). */
export const seedText = (name: '000' | '003' | '004'): string => {
  const files = {
    '000': '000_7b8cba60bcc3d8d6.txt',
    '003': '003_0d334058eacbc922.txt',
    '004': '004_c894e3430f81cd1d.txt',
  };
  return readFileSync(new URL(`../../../../shared/seeds/${files[name]}`, import.meta.url), 'utf8');
};

/** The five advice points of seed 000, by their first words, and the start of each response. */
export const advice000 = [
  ['Goed om nu maatregelen te nemen', 'de ASD en het college delen het besef'],
  ['De ASD adviseert om het concept "positieve gezondheid"', 'we delen het advies van de ASD om het concept'],
  ['De ASD adviseert het toepassen van dit concept sec', 'we zijn het met de ASD eens'],
  ['Gezien de ernst van de situatie', 'de wetgever heeft het college de rol gegeven'],
  ['De ASD realiseert zich', 'we delen het advies van de ASD om de gewenste situatie'],
] as const;

/** The nine advice points of seed 003 (a two-column table), their first words and their responses'. */
export const advice003 = [
  ['Het document inkoopstrategie heeft een hoog ambitieniveau', 'Eens dat dit ambitieus is.'],
  ['Het programma van eisen.', 'Fijn dat u ook denkt'],
  ['Wij adviseren de huidige omschrijving', 'We snappen dat u voorstander bent'],
  ['Er wordt geschreven dat de problematiek', 'Dit punt en ook ons antwoord'],
  ['Het abonnementstarief, ondanks toenemende kritiek', 'Dit advies is inderdaad niet van toepassing'],
  ['Social return on investment (SROI) is 3%.', 'Dank voor uw advies.'],
  ['Er is gekozen voor een “open house” procedure', 'Daar heeft u gelijk in.'],
  ['De voorgestelde regeling is nu alleen van toepassing', 'Inderdaad is het financieel gezien goedkoper'],
  ['De prognose is dat voor 2022', 'U verwoordt precies het dilemma'],
] as const;
