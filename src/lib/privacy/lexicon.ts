/**
 * Capitalised words that are not names of private persons: calendar words,
 * places in and around Zoetermeer, organisations and shops, nationalities and
 * the function words that start Dutch sentences. All lookups are lower case.
 */

const words = (s: string): string[] =>
  s
    .trim()
    .split(/\s+/)
    .map((w) => w.toLowerCase());

export const CALENDAR_WORDS: ReadonlySet<string> = new Set(
  words(`
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus
  september oktober november december feb mrt apr jun jul aug sep sept okt nov dec kerst kerstmis pasen
  pinksteren hemelvaart sinterklaas koningsdag bevrijdingsdag oudjaar nieuwjaar ramadan suikerfeest offerfeest
  divali diwali chanoeka carnaval
`),
);

/** Zoetermeer, its districts, and towns and countries residents mention. */
export const PLACES: ReadonlySet<string> = new Set(
  words(`
  Zoetermeer Dorp Palenstein Meerzicht Driemanspolder Buytenwegh Leyens Seghwaert Noordhove Rokkeveen
  Oosterheem Stadshart Centrum Lansinghage Benthuizen Bleiswijk Pijnacker Nootdorp Leidschendam Voorburg Rijswijk
  Wassenaar Delft Leiden Haag Gravenhage Rotterdam Gouda Berkel Rodenrijs Moerkapelle Zevenhuizen Waddinxveen
  Alphen Boskoop Stompwijk Zoeterwoude Lansingerland Ypenburg Amsterdam Utrecht Schiedam Westland Katwijk
  Noordwijk Hazerswoude Nederland Holland Marokko Turkije Suriname Curaçao Aruba Bonaire Indonesië Polen
  Duitsland België Frankrijk Spanje Europa Afrika Azië Amerika Noord Oost Zuid West Randstad
`),
);

/**
 * Organisations, services and shops that appear in consultation answers.
 * Their names can contain first names ("Albert Heijn"), so whole phrases are
 * blocked for PERSON as well as single words.
 */
export const ORGANISATIONS: readonly string[] = [
  'Albert Heijn',
  'Dirk van den Broek',
  'Jan Linders',
  'Pieter van Foreest',
  'Anne Frank Huis',
  'Leger des Heils',
  'Rode Kruis',
  'Humanitas',
  'Zonnebloem',
  'Buurtzorg',
  'Vierstroom',
  'Careyn',
  'Florence',
  'Saffier',
  'Piëzo',
  'Piezo', // often typed without the diaeresis
  'Palet Welzijn',
  'MEE',
  'Jumbo',
  'Lidl',
  'Aldi',
  'Hoogvliet',
  'Vomar',
  'Coop',
  'Spar',
  'Hema',
  'Action',
  'Kruidvat',
  'Etos',
  'Zeeman',
  'Blokker',
  'Xenos',
  'Wibra',
  'Bruna',
  'Primera',
  'Gamma',
  'Praxis',
  'Karwei',
  'Ikea',
  'Coolblue',
  'Bol',
  'PostNL',
  'ANWB',
  'ANBO',
  'KBO',
  'PCOB',
  'Seniorweb',
  'Swinkels',
  'Menzis',
  'Zilveren Kruis',
  'VGZ',
  'CZ',
  'DSW',
  'Achmea',
  'Rabobank',
  'ING',
  'ABN AMRO',
  'SNS',
  'Triodos',
  'Bunq',
  'Knab',
  'Facebook',
  'WhatsApp',
  'Google',
  'Telegraaf',
  'Volkskrant',
  'Omroep West',
  'NOS',
  'RTL',
];

/** Words that mark an organisation or institution when part of a capitalised word. */
// Anchored at the end (or start) so surnames such as Huisman or Kerkhof are not caught.
export const ORGANISATION_WORD_RE =
  /(?:zorg|loket|team|centrum|groep|vereniging|verzekering|school|moskee|apotheek|ziekenhuis|buurthuis|kliniek|praktijk|welzijn|dienst|bureau|kantoor|fonds|partij|omroep|krant|hulp|raad|overleg|platform|netwerk|collectief)$|^(?:stichting|gemeente|zorg|wmo|thuiszorg)/i;

/** Nationalities, languages and religions: "Ik ben Marokkaans", "Ik spreek Turks". */
export const NATIONALITY_WORDS: ReadonlySet<string> = new Set(
  words(`
  Nederlands Nederlandse Nederlander Hollands Hollandse Engels Engelse Duits Duitse Franse Turks Turkse
  Marokkaans Marokkaanse Surinaams Surinaamse Antilliaans Antilliaanse Arabisch Berbers Tamazight Koerdisch
  Pools Poolse Indisch Indische Moluks Molukse Hindoestaans Hindoestaanse Chinees Chinese Islamitisch
  Christelijk Katholiek Katholieke Protestants Protestantse Zoetermeerder Zoetermeerse Hagenaar
  Papiaments Papiamento Sranantongo Sranan Curaçaos Curaçaose Arubaans Arubaanse Kaapverdisch Somalisch
  Eritrees Syrisch Pakistaans Afghaans Farsi Perzisch Bulgaars Roemeens Portugees Spaans Italiaans
  Russisch Oekraïens Indonesisch Hindi Urdu Tamil Mandarijn Kantonees
`),
);

/**
 * Capitalised words that begin sentences or headings in these texts and are
 * never names: pronouns, articles, conjunctions, common verbs, form labels.
 */
export const COMMON_CAPITALISED: ReadonlySet<string> = new Set(
  words(`
  Ik Mijn Me Mij Wij We Ons Onze Zij Ze Hij Hem Haar Hun Jij Je Jouw U Uw Het De Een Dit Dat Die Deze Daar Hier
  En Maar Of Ook Nu Dan Toen Als Want Omdat Dus Toch Wel Niet Geen Nooit Altijd Soms Vaak Alle Alles Iedereen
  Niemand Veel Meer Minder Zeer Erg Heel Graag Dank Bedankt Groet Groeten Hallo Beste Geachte Hoi Ja Nee Op Aan
  In Naar Bij Uit Via Van Voor Na Met Zonder Tot Sinds Vanaf Over Onder Tussen Door Per Om Te Wat Wie Waar Hoe
  Waarom Wanneer Welke Kunt Kan Wilt Moet Mag Zou Is Was Zijn Heb Heeft Hebben Gaat Komt Kwam Stuur Bel Mail
  Tel Telefoon Telefoonnummer Mobiel Email E-mail Adres Postcode Huisnummer Nummer Straat Woonplaats BSN IBAN Naam
  Notitie Notulen Verslag Facilitator Deelnemer Vraag Antwoord Opmerking Tip Punt Actie Reactie Contact Gegevens
  Aanwezig Afwezig Mevrouw Meneer Heer Dhr Mw Mevr Familie Fam Gemeente Wmo AOW Zorg Hulp Thuiszorg Bijeenkomst
  Tafel Groep Wijk Wijkteam Buurt Vroeger Gisteren Vandaag Morgen Vorige Volgende Eerst Eerste Laatste Tweede
  Derde Nieuw Nieuwe Oud Oude Goed Slecht Helaas Gelukkig Sorry Alstublieft Svp Pgb Cak Nota Bene Zie Let
  Minister Koning Koningin Burgemeester Wethouder Dokter Huisarts Zuster Tante Oom Oma Opa Buurvrouw Buurman
  Dochter Zoon Vader Moeder Man Vrouw Zus Broer Kerk Moskee Markt Stad Land Rijk Overheid Kamer Politiek
  Bewoners Ouderen Mensen Mantelzorg Mantelzorger Hoeveel Iemand Elke Ieder Sommige Andere Ander Eigen Samen
  Namens Contactpersoon Cliënt Client Indicatie Beschikking Factuur Brief Formulier Kenmerk Dossier Rekening
  Centrum Stadhuis Bibliotheek Wijkcentrum Buurthuis Daarna Verder Daarom Bovendien Echter Eigenlijk Misschien
  Natuurlijk Zeker Alleen Daardoor Hierdoor Sindsdien Volgens Behalve Ondanks Zodra Terwijl Hoewel Tenzij Totdat
  Nadat Voordat Vooral Gewoon Inmiddels Verder Sociaal Domein Werk Inkomen Jeugd Welzijn Participatie Schuldhulp
  Team Afdeling Dienst Publiekszaken Burgerzaken Wonen Vervoer Regiotaxi Servicepunt Loket Huis Thuis Ouderen
  Senioren Jongeren Huishoudelijke Ondersteuning Dagbesteding Begeleiding Vrijwilligers Gezondheid
  Vervolgens Hierna Daarnaast Overigens Uiteindelijk Tenslotte Trouwens Bijvoorbeeld Kortom Anders Daarbij
  Hierbij Hiervoor Daarvoor Intussen Ondertussen Achteraf Opeens Plotseling Meestal Nogmaals
`),
);

/** True for lower-cased words that are never (part of) a private person's name. */
export function isNonNameWord(lower: string): boolean {
  return (
    CALENDAR_WORDS.has(lower) ||
    PLACES.has(lower) ||
    NATIONALITY_WORDS.has(lower) ||
    COMMON_CAPITALISED.has(lower)
  );
}
