/**
 * Name resources for PERSON detection. Hand-curated: npm has no maintained list
 * of Dutch (NL) first names; the nearest package (a Flemish baby-name list in
 * @zxcvbn-ts/language-nl-be) lacks the names of the older residents who write
 * these answers (Henk, Truus, Kees…), so this module carries its own modest list.
 * All lookups are lower case.
 */

const words = (s: string): string[] =>
  s
    .trim()
    .split(/\s+/)
    .map((w) => w.toLowerCase());

/**
 * Very common first names in the Netherlands across generations, including
 * names common among Dutch people of Moroccan, Turkish, Surinamese and
 * Antillean origin. Used as evidence where there is no context cue.
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  words(`
  Aad Aart Abraham Ad Adri Adriaan Albert Alex Alexander Andre André Anton Antoon Arie Arjan Arjen Arnold Arno
  Bart Bas Bastiaan Ben Benny Bernard Bert Bertus Bob Bram Casper Cees Chris Christiaan Cor Cornelis Daan Dave
  David Dennis Dick Diederik Dirk Dolf Douwe Edwin Eelco Egbert Erik Eric Ernst Evert Ferry Floris Frank Frans
  Fred Freek Frits Geert Gerard Gerben Gerrit Gert Gijs Gerjan Guus Hans Harm Harrie Harry Hein Hendrik Henk
  Hennie Henny Henri Herman Hessel Huib Huub Hugo Jaap Jacob Jacobus Jacco Jacques Jan Jannes Jelle Jelmer Jeroen
  Jesse Job Jochem Joep Johan Johannes John Joop Joost Joris Jos Jurgen Karel Kees Klaas Koen Koos Krijn Lambert
  Laurens Leen Leendert Leo Leon Lex Loek Luuk Maarten Marcel Marco Marinus Marius Mark Martijn Martin Mathijs
  Matthijs Maurice Menno Michel Michiel Mike Nico Niek Niels Olaf Otto Pascal Patrick Paul Pepijn Peter Piet
  Pieter Pim Raymond Reinier Remco Rene René Richard Rien Rik Rinus Rob Robert Robin Roel Roland Ronald Roy
  Ruben Rudi Rudy Ruud Rutger Sander Sebastiaan Simon Sjaak Sjoerd Stefan Stephan Steven Stijn Sven Teun Theo
  Thijs Thomas Tijmen Tim Tjeerd Tom Ton Toon Twan Victor Vincent Walter Wessel Wiebe Wilco Willem Wim Wouter
  Youri Yuri Daan Sem Lucas Levi Finn Noah Milan Lars Jasper Hidde Jens Mees Ties Tijn Jurre Gerjan Kevin
  Jeffrey Jordy Jordi Mitchell Nick Rick Ricardo Danny Sjors Timo Wesley
  Ans Annie Anneke Annemarie Annemieke Annet Annette Anita Anja Ank Anke Anna Anne Astrid Bea Bep Betty
  Bernadette Carla Carolien Caroline Coby Cobie Corrie Corry Daphne Diny Dini Dinie Dineke Dorien Dora Ellen Els
  Elly Elisabeth Emma Emmy Erica Esther Evelien Femke Fenna Fien Frieda Geertje Gerda Gerdien Gerrie Gonny Greet
  Greetje Grietje Hanna Hannah Hanneke Hannie Helma Hester Hetty Hilda Ida Ina Ineke Inge Ingrid Irene Jacoba
  Jacqueline Jannie Janny Janneke Jeanette Jet Joke Jolanda Josje Joyce Judith Karin Kitty Leni Lenie Lenny
  Lies Liesbeth Lida Lidy Lien Lineke Loes Lotte Lydia Maaike Magda Margreet Margriet Maria Marian Marianne
  Marieke Marijke Marion Marja Marjan Marjolein Marleen Marloes Martha Mia Mieke Mien Miep Mirjam Miranda Monique
  Nel Nelly Netty Nicole Nienke Paula Pauline Petra Ria Riek Riet Rina Rini Rita Roos Rosa Saskia Sandra Sonja
  Stien Suus Sylvia Tineke Tiny Tonny Toos Trees Trudy Truus Wil Willy Wilma Yvonne Wendy Anouk Britt Charlotte
  Demi Eline Eva Fleur Floor Iris Isa Julia Kim Laura Lieke Linda Lisa Lisanne Lonneke Lotte Manon Merel Myrthe
  Naomi Nina Noor Romy Sanne Sara Sarah Sophie Suzanne Tess Tessa Vera Yara Zoë Elise Ilse Jessica Karlijn
  Kirsten Lianne Maartje Mariska Melissa Michelle Nathalie Renate Rianne Sabine Shirley Simone Stephanie Tamara
  Yvette Esmee Amber Jasmijn Julie Mila Nora Olivia Saar Sofie Anouk Ilona Karen Marit Nikki Patricia Rachel
  Rosanne Sharon Tanja Wietske Willemijn Femke Hennie Henny Jantje Cornelia Johanna Hendrika Geesje
  Mohamed Mohammed Muhammad Mohammad Ahmed Ahmad Ali Hassan Hasan Hussein Youssef Yusuf Yousef Said Abdel
  Abdelkader Abdellah Abdelaziz Abderrahim Abdul Omar Karim Khalid Mustafa Mostafa Driss Rachid Rashid Hamid
  Hamza Ibrahim Ismail Jamal Mehdi Mimoun Nordin Noureddine Redouan Ridouan Samir Soufiane Tarik Yassin
  Yassine Younes Zakaria Bilal Brahim Aziz Fouad Hicham Nabil Ayoub Amine Ilias Mourad Mounir Walid Anouar
  Fatima Fatma Khadija Aicha Aïcha Aisha Malika Naima Naïma Samira Nadia Latifa Hafida Fatiha Hanan Hayat Houda
  Ikram Imane Karima Laila Leila Loubna Meryem Maryam Mariam Nour Rachida Saida Saïda Salma Siham Soumaya Touria
  Yasmina Yasmine Zahra Zineb Zohra Amina Asma Dounia Fouzia Habiba Hajar Jamila Kaoutar Najat Rabia Sanaa
  Wafa Yamina Zakia Mehmet Ahmet Hüseyin Huseyin Osman Murat Kemal Cem Emre Burak Serkan Ömer Omer Halil Recep
  Ramazan Erdal Erkan Ercan Orhan Selim Levent Volkan Tolga Onur Fatih Kadir Metin Mesut Sedat Yasin Yunus
  Bayram Cengiz Hakan Harun Ilhan Koray Ufuk Umut Ayşe Ayse Emine Hatice Zeynep Elif Özlem Ozlem Sevgi Songül
  Hülya Hulya Leyla Nurten Sibel Esra Ebru Derya Dilek Filiz Melek Nermin Nesrin Serpil Tülay Yasemin Yeter
  Zehra Aysel Aynur Büşra Canan Çiğdem Hacer Havva Kübra Nuray Selma Semra Sevim Gülsen Gül
  Ramesh Rajesh Sunil Anil Ravi Ashwin Radjesh Soenil Sharda Shanti Sita Radha Sunita Kavita Devika Indra
  Kiran Reshma Nandini Rinaldo Romano Clarence Errol Glenn Winston Humphrey Iwan Edson Marvin Melvin Romeo
  Sherwin Stanley Orlando Quincy Jerrel Dwight Germaine Marcia Mavis Esmeralda Joan Lucretia Rosita Ursula
  Jennifer Maureen Claudia Cynthia Denise Dianne Lisette Natasja Olga Sheila Gracia Marisca Jurgen Iwan
  Piotr Pawel Tomasz Krzysztof Marek Agnieszka Katarzyna Magdalena Ewa
`),
);

/**
 * Very common surnames in the Netherlands (without tussenvoegsel), including
 * common Turkish and Moroccan surnames. Evidence for a name whose first name is
 * not in FIRST_NAMES ("Sjoukje de Vries").
 */
export const SURNAMES: ReadonlySet<string> = new Set(
  words(`
  Jong Jansen Vries Berg Dijk Bakker Janssen Visser Smit Meijer Meyer Boer Mulder Groot Bos Vos Peters Hendriks
  Leeuwen Dekker Brouwer Wit Dijkstra Smits Graaf Meer Linden Kok Jacobs Haan Vermeulen Heuvel Veen Broek Bruijn
  Bruin Heijden Schouten Beek Willems Vliet Ven Hoekstra Maas Verhoeven Koster Dam Wal Prins Blom Huisman Peeters
  Jonge Kuipers Post Kuiper Veenstra Kramer Brink Scholten Wijk Postma Martens Vink Ruiter Timmermans Groen
  Gerritsen Jonker Loon Velde Willemsen Smeets Lange Bosch Dongen Schipper Koning Laan Velden Driessen Doorn
  Hermans Evers Hofman Bosman Wolters Sanders Horst Meulen Mol Kuijpers Molenaar Pol Leeuw Verbeek Dijkman Boersma Sluis Wouters Bakx Claassen Jacobse Kroon Blok Rijn Zwart Stam Boon
  Vermeer Verschoor Hoek Bergsma Rutten Keizer Kooij Koopman Veldman Boekhout Pronk Weijers
  Yilmaz Yılmaz Kaya Demir Şahin Sahin Çelik Celik Yıldız Yildiz Öztürk Ozturk Aydın Aydin Özdemir Ozdemir Arslan
  Doğan Dogan Kılıç Kilic Aslan Çetin Cetin Kara Koç Koc Kurt Özkan Şimşek Amrani Idrissi Khatib Bakkali
  Boukhari Azzouzi Haddou Benali Hamdaoui Jagessar Ramsaran Mahabier Bhagwandin Sewdien Ramcharan
`),
);

/**
 * First names that are also ordinary Dutch words ("Ben je…", "Wil u…",
 * "Max. 3 uur", "Roos" the flower, "Frans" the language). Without a cue they count as names only
 * with a surname.
 */
export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set(
  words(
    'Ben Wil Max Job Mark Lot Roos Fleur Floor Rob Els Lies Noor Jet Kim Bas Ad Cor Gül Said Joan Harm Frans',
  ),
);

/**
 * More first names that are everyday lower-case words ("koos" = chose, "leen" = loan,
 * "riet" = reed, "jan" = January). In lower-case text, where capitals give no hint,
 * these and AMBIGUOUS_FIRST_NAMES are not read as names.
 */
export const WORDLIKE_FIRST_NAMES: ReadonlySet<string> = new Set(
  words('Bob Ton Toon Leen Koos Jan Trees Riet Mees Iris Amber Joke Hein Said Jos Tiny Will Ina Ida'),
);

/** Tussenvoegsels and name particles (Dutch, Arabic, Romance). */
export const PARTICLES: ReadonlySet<string> = new Set(
  words(`van de der den het 't ’t ter ten te von da du le la el al di del dos das bin ibn ben abu ait`),
);

/**
 * Titles before a name ("mevrouw Jansen"): the name follows and may begin
 * with a tussenvoegsel ("mevrouw de Groot"). The title itself is not part of the span.
 */
export const TITLE_PATTERN =
  '(?:mevrouw|mevr\\.?|mw\\.?|meneer|mijnheer|mnr\\.?|dhr\\.?|de\\s+heer|juffrouw|familie|fam\\.|echtpaar|weduwe|weduwnaar)';

/**
 * Kinship, household and care roles that introduce a private person
 * ("mijn buurvrouw Ans", "onze hulp Fatima").
 */
export const ROLE_WORDS: readonly string[] = words(`
  buurvrouw buurman buren buurmeisje buurjongen dochter zoon kleindochter kleinzoon kinderen kind vader moeder
  echtgenoot echtgenote partner vriend vriendin zus zuster broer zwager schoonzus schoonzuster schoonbroer
  schoonmoeder schoonvader schoonzoon schoondochter oma opa tante oom neef nicht kennis collega hulp thuishulp
  huishoudhulp poetshulp schoonmaakster schoonmaker huishoudster alfahulp mantelzorger mantelzorgster
  verzorgster verzorger verzorgende wijkverpleegkundige verpleegkundige verpleegster thuiszorgmedewerker
  begeleider begeleidster casemanager consulent klantmanager contactpersoon coördinator vrijwilliger
  vrijwilligster chauffeur huisarts dokter deelnemer deelneemster bewoner bewoonster cliënt client medewerker
  medewerkster ouderenadviseur wijkcoach buurtcoach cliëntondersteuner vervanger vervangster invalkracht
  stiefvader stiefmoeder stiefzoon stiefdochter achterneef kleinkind vriendinnetje
`);

/** Roles that need a possessive in front ("mijn man Henk"; "de man" is no cue). */
export const POSSESSIVE_ROLE_WORDS: readonly string[] = words('man vrouw pa ma papa mama');

/**
 * Public offices and occupations: a name after these is a public figure
 * ("Minister X", "Koning Willem-Alexander") and is not labelled.
 */
export const PUBLIC_ROLES: ReadonlySet<string> = new Set(
  words(`
  minister staatssecretaris premier minister-president koning koningin prins prinses burgemeester wethouder
  kamerlid tweede-kamerlid raadslid gemeenteraadslid gedeputeerde commissaris president paus fractievoorzitter
  partijleider lijsttrekker gouverneur ombudsman schrijver schrijfster zanger zangeres presentator presentatrice
  acteur actrice voetballer cabaretier sint kardinaal bisschop keizer
`),
);

/** Well-known public figures (and names of national figures used in place and building names). */
export const PUBLIC_FIGURES: readonly string[] = [
  'Willem-Alexander',
  'Willem Alexander',
  'Máxima',
  'Maxima',
  'Amalia',
  'Beatrix',
  'Juliana',
  'Wilhelmina',
  'Willem van Oranje',
  'Willem Drees',
  'Mark Rutte',
  'Rutte',
  'Geert Wilders',
  'Wilders',
  'Pieter Omtzigt',
  'Omtzigt',
  'Dick Schoof',
  'Frans Timmermans',
  'Hugo de Jonge',
  'Wopke Hoekstra',
  'Sigrid Kaag',
  'Jesse Klaver',
  'Rob Jetten',
  'Dilan Yeşilgöz',
  'Caroline van der Plas',
  'Fleur Agema',
  'Thierry Baudet',
  'Jan Peter Balkenende',
  'Balkenende',
  'Ruud Lubbers',
  'Wim Kok',
  'Anne Frank',
  'Vincent van Gogh',
  'Van Gogh',
  'Rembrandt',
  'Johan Cruijff',
  'Johan Cruyff',
  'Max Verstappen',
  'André Hazes',
  'Marco Borsato',
  'Linda de Mol',
  'John de Mol',
  'Albert Schweitzer',
  'Martin Luther King',
  'Annie M.G. Schmidt',
];

/** Idioms built from first names: "Jan Modaal" is everyone, not a person. */
export const NAME_IDIOMS: readonly string[] = [
  'Jan Modaal',
  'Jan en alleman',
  'Jan met de pet',
  'Jan Publiek',
  'Jan Rap',
  'Jan Klaassen',
  'Jan Soldaat',
  'Jan Lul',
  'Jan Boezeroen',
  'Klaas Vaak',
  'Joost mag het weten',
  'Piet Snot',
  'Zwarte Piet',
  'Jantje Beton',
  'Jip en Janneke',
  'Henk en Ingrid',
  'Jan, Piet en Klaas',
  'Ot en Sien',
  'Bassie en Adriaan',
  'Pietje Bell',
  'Pietje Precies',
  'Dik Trom',
  'Sjors en Sjimmie',
  'Jut en Jul',
  'Truus de Mier',
  'Sint Maarten',
  'Sint-Maarten',
  'Sint Nicolaas',
  'Tante Pos',
];
