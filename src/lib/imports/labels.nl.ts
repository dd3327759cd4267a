/** How the mapping screen names the fixed targets (B1 Dutch). */
export const targetLabels = {
  negeren: 'Niet gebruiken',
  doelgroep: 'Doelgroep',
  datum: 'Datum (ingevuld op)',
  leeftijd: 'Leeftijd',
  wijk: 'Wijk',
  hulp: 'Krijgt hulp in het huishouden',
  organisatie: 'Naam van de organisatie',
} as const;
