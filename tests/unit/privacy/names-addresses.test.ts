import { describe, expect, it } from 'vitest';
import { found } from './helpers';

describe('PERSON', () => {
  it.each([
    // kinship and care roles
    ['Mijn buurvrouw Lenie kookt voor mij.', ['Lenie']],
    ['Onze thuishulp Samira is ziek.', ['Samira']],
    ['Mijn dochter Fenna de Boer-Smit komt elke avond.', ['Fenna de Boer-Smit']],
    ['Mijn zwager Jan-Willem Kuipers zegt dat het beter kan.', ['Jan-Willem Kuipers']],
    ['Namens mijn vader, Bertus Hoogland, schrijf ik dit.', ['Bertus Hoogland']],
    ['Ik zorg voor mijn man Gerrit.', ['Gerrit']],
    ['Tante Bep komt op zondag.', ['Bep']],
    ['zuster Ingrid van de thuiszorg is fijn', ['Ingrid']],
    // titles: the title is not part of the span, a bare surname may start with a tussenvoegsel
    ['Mevrouw Wijnands (tafel 2) wil de bijdrage omlaag.', ['Wijnands']],
    ['Telefoon gegeven door mevrouw de Graaf.', ['de Graaf']],
    ['Verslag: meneer Van der Meulen vertelde over zijn hulp.', ['Van der Meulen']],
    ['Reactie van dhr. Lambregts volgt.', ['Lambregts']],
    ['Mevrouw Van der Meer belde terug.', ['Van der Meer']], // "Meer" is a word, but not after a tussenvoegsel
    ['Mijn buurman Kees de Koning helpt.', ['Kees de Koning']],
    ['Frans Jansen kwam de formulieren brengen.', ['Frans Jansen']],
    ['Mw. El Idrissi belde in.', ['El Idrissi']],
    ['De familie Öztürk is verhuisd.', ['Öztürk']],
    // introductions and signatures
    ['Ik ben Hatice, 72 jaar, en spreek weinig Nederlands.', ['Hatice']],
    ['Ik heet Wilma Schouten en woon in Buytenwegh.', ['Wilma Schouten']],
    ['Mijn naam is Hüseyin Yıldız.', ['Hüseyin Yıldız']],
    ['Ik ben Sjaantje, 81 jaar, en woon alleen.', ['Sjaantje']],
    ['Terugbetaling t.n.v. A.M. Verhoef graag.', ['A.M. Verhoef']],
    ['Het was een goede avond. Met vriendelijke groet, Henk Bakker', ['Henk Bakker']],
    ['Dank voor het luisteren.\nGroeten, Annelies', ['Annelies']],
    // no cue: known first names, appositions, speech verbs
    ['In Meerzicht vertelde Grietje dat zij al weken wacht.', ['Grietje']],
    ['Yvonne en Herman uit de flat helpen mij.', ['Yvonne', 'Herman']],
    ['Sjaan (84) woont alleen.', ['Sjaan']],
    ['Ria, mijn buurvrouw, doet de boodschappen.', ['Ria']],
    ['Aanwezig: Ans, Kees en Fatima.', ['Ans', 'Kees', 'Fatima']],
    ['Mijn hulp, Dewi, komt uit Leiden.', ['Dewi']],
    ['Ik sprak met Sjoukje de Vries over de planning.', ['Sjoukje de Vries']], // unlisted first name, common surname
    ['Mijn dochter Fleur komt vaak langs.', ['Fleur']],
    ['Contact: J. Jansen, graag na vijven.', ['J. Jansen']],
    ['Onze hulp Fatima’s auto is kapot.', ['Fatima']],
    // lower-case names in sloppy text: a listed first name after a cue, or with an age after it
    ['mijn zoon pieter komt elke week even langs', ['pieter']],
    ['mn buurvrouw annie doet de was', ['annie']],
    ['ik ben gerrit van dijk en woon alleen', ['gerrit van dijk']],
    ['groetjes, truus', ['truus']],
    ['mijn tante sjaan en ome bertus (88) wonen samen', ['bertus']],
    // form labels "Naam <wie>:"
    ['Naam aanvrager: Soraya Tahiri. Datum: 3 maart.', ['Soraya Tahiri']],
    // talking or arranging with someone is a cue, also for names that are words
    ['Ik heb een afspraak met Roos over de planning.', ['Roos']],
    ['Graag contact opnemen met Wil, zij weet ervan.', ['Wil']],
    // a single initial after bij/met/door/namens
    ['Het intakegesprek was bij K. Lachhab thuis.', ['K. Lachhab']],
    // Surinamese-Chinese names joined with a capital A
    ['Meneer Lie A Kwie heeft een nieuwe hulp.', ['Lie A Kwie']],
    ['Mijn buurvrouw Carmen Tjin-A-Djie helpt me.', ['Carmen Tjin-A-Djie']],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'PERSON').map((s) => s.slice('PERSON:'.length))).toEqual(expected);
  });

  it.each([
    // public figures
    'Minister Kuipers zei dat de zorg anders moet.',
    'Koning Willem-Alexander sprak in de troonrede over de zorg.',
    'Zoals Mark Rutte al zei: de zorg moet dichter bij huis.',
    'Volgens minister De Jonge moest het anders.',
    'De wethouder, Mirjam van Leeuwen, beloofde een vervolg.',
    'Koningin Máxima opende een zorgcentrum.',
    // idioms and name-like words
    'Jan Modaal kan dit niet betalen.',
    'Niet Jan en alleman mag zomaar bij mij binnenlopen.',
    'Henk en Ingrid betalen altijd de rekening.',
    'Met Kerst, Pasen en Sinterklaas is er nooit vervanging.',
    'Wil je mij bellen? Ben ik de enige? Mark je agenda.',
    // shops, organisations, places, streets
    'De Albert Heijn bij ons in de wijk bezorgt niet meer.',
    'Vrijwilligers van De Zonnebloem en Humanitas komen op bezoek.',
    'De hulp van Vierstroom komt op tijd, die van Careyn niet.',
    'Stichting Piëzo en Wijkteam Oost organiseren een avond.',
    'De bushalte aan de Frans Halslaan is weg.',
    'Ik woon aan Frans Halslaan, vlak bij het park.',
    'In Pijnacker en Delft krijgen ouderen meer uren dan in Zoetermeer.',
    'Notitie: deelnemer vroeg of haar BSN nodig is voor de aanvraag.',
    'Schoonmaak, boodschappen en de was: daar heb ik hulp bij nodig.',
    'Ik ben Marokkaans en spreek Arabisch.',
    'Roos en Fleur zijn mijn lievelingsbloemen.', // first names that are also words need a cue
    'Mijn hulp spreekt Frans en Engels, maar weinig Nederlands.',
    'Ik neem vitamine D. Verder gaat het goed.', // a letter ending a sentence is not an initial
    'Ik koos optie A en B. Overigens was het formulier duidelijk.',
    // lower case: names that are also words, and verbs after a role word
    'mijn dochter wil graag helpen maar woont ver weg',
    'mijn man ben ik vorig jaar verloren',
    'ik ben blij met de hulp, mijn zoon koos de aanbieder',
    'ik ben jan met de pet, zeggen ze hier',
    'mijn hulp kan niet op dinsdag, de buurvrouw (82) wel',
    // talking with an organisation is not talking with a person
    'Ik heb contact opgenomen met Careyn en gesproken met Sociaal Domein.',
    'Graag een gesprek met De Goede Woning over de lift.',
    'De consulent van Sociaal Domein belde terug.',
    // names inside e-mail addresses are e-mail, not persons
    'Mail naar Sunita.Jagessar@yahoo.com graag.',
  ])('ignores %s', (text) => {
    expect(found(text, 'PERSON')).toEqual([]);
  });

  it('stops a name before a street: "meneer Benali van de Dorpsstraat 7"', () => {
    expect(found('Meneer Ahmed Benali van de Dorpsstraat 7 vertelde het.')).toEqual([
      'PERSON:Ahmed Benali',
      'ADDRESS:Dorpsstraat 7',
    ]);
  });
});

describe('ADDRESS', () => {
  it.each([
    ['Ik woon aan de Australiëweg 12, 2718 CD.', 'Australiëweg 12'],
    ['Post graag naar Europaweg 101a, 2711AB Zoetermeer.', 'Europaweg 101a'],
    ['Ik woon op Van Leeuwenhoeklaan 3-B.', 'Van Leeuwenhoeklaan 3-B'],
    ['Adres: Willem Barentszstraat 2-A.', 'Willem Barentszstraat 2-A'],
    ['Ik woon aan de Frans Halslaan 19.', 'Frans Halslaan 19'],
    ['Ik woon op de Pieter de Hooghlaan 31.', 'Pieter de Hooghlaan 31'],
    ['op de Jan van Galenstraat 4 is geen lift', 'Jan van Galenstraat 4'],
    ['Na de verhuizing naar de Dr. J.W. Paltelaan 101 kreeg ik een nieuwe hulp.', 'Dr. J.W. Paltelaan 101'],
    ['Burgemeester Van Leeuwenlaan 34 is mijn adres.', 'Burgemeester Van Leeuwenlaan 34'],
    ['Het adres is Laan van Nieuw Oosteinde 12.', 'Laan van Nieuw Oosteinde 12'],
    ['Ik woon op Kruisvaart 8, 2722 RS, vierde verdieping.', 'Kruisvaart 8'], // no suffix: address cue
    ['Mijn gegevens: Gooimeer 5, 2718 AB.', 'Gooimeer 5'],
    ['Zij woont in de Leidsewallen 12.', 'Leidsewallen 12'],
    ['Mijn broer woont op Goudsbloemstraat 23.', 'Goudsbloemstraat 23'],
    ['Ik woon op de Van der Hagenstraat 5.', 'Van der Hagenstraat 5'],
    ['Afleveradres Dorpsstraat 12-14 graag.', 'Dorpsstraat 12-14'],
    // lower-case words between the address cue and op/aan/in
    ['Mijn tante woont nog steeds zelfstandig op Hoeksteen 78.', 'Hoeksteen 78'],
    // a capital article mid-sentence starts the street name
    ['We zijn vorig jaar verhuisd naar De Kwekerij 14.', 'De Kwekerij 14'],
    ['Post naar Het Zwaluwnest 3, 2725 AB.', 'Het Zwaluwnest 3'],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'ADDRESS')).toEqual([`ADDRESS:${expected}`]);
  });

  it.each([
    'Wij wonen op nummer 8, drie hoog.',
    'Mijn huisnummer is 31, de straat zeg ik liever niet.',
    'Postcode 2724XP, huisnummer 19.',
    'Sinds de markt op het Stadshartplein is verplaatst, loop ik veel verder.',
    'Vanaf de Kerkstraat is het nog een flink stuk lopen.',
    'Notitie tafel 3, groep 2, bus 170 en Hoofdstuk 3.',
    'De bus rijdt op de Europaweg 3 keer per uur.',
    'Ik woon sinds 1979 in Buytenwegh.',
    'Ik woon in Zoetermeer 23 jaar.',
    'De Europaweg 2015 was nog een rustige straat.',
    'In het Stadshart 2 winkels minder dan vorig jaar.',
    'Het Wmo-loket zit in het Stadhuis.',
    'Mijn zus woont sinds kort in Gouda 5 minuten van het station.',
    'Wij wonen al lang in Oosterheem 2 hoog, zonder lift.',
    'Ze is verhuisd naar De Leyens 4 jaar geleden.',
  ])('ignores %s', (text) => {
    expect(found(text, 'ADDRESS')).toEqual([]);
  });
});
