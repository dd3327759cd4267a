/**
 * Issue 16 item 15, second round: address and name forms found on unseen text, each a general
 * rule, with guards for what must stay unreported.
 */
import { describe, expect, it } from 'vitest';
import { found } from './helpers';

describe('ADDRESS: forms added in the second round', () => {
  it.each([
    ['Deelnemer vertelde dat ze op Zilverschoon 55 woont.', ['ADDRESS:Zilverschoon 55']], // cue after the address
    ['Mijn moeder woont op de dorpsstraat 12 in het centrum.', ['ADDRESS:dorpsstraat 12']], // lower case after a cue
    ['Ik woon op Dorpsstraat nr. 12, de bel is stuk.', ['ADDRESS:Dorpsstraat nr. 12']],
    ['Post naar Europaweg 101 A, Zoetermeer.', ['ADDRESS:Europaweg 101 A']],
    ['De familie woont op Bijlhouwerstraat 12bis.', ['ADDRESS:Bijlhouwerstraat 12bis']],
    ['Vanaf Amandelhout 31 fiets ik naar de markt.', ['ADDRESS:Amandelhout 31']], // -hout streets
    ['Wij wonen op Tweede Kerkstraat 9 sinds kort.', ['ADDRESS:Tweede Kerkstraat 9']],
    ['Ik woon sinds mei op de Korte Dorpsstraat 4.', ['ADDRESS:Korte Dorpsstraat 4']],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'ADDRESS')).toEqual(expected);
  });

  it.each([
    'Ik woon op nummer 12 en mijn buren op 14.',
    'Ik woon al 12 jaar op de dorpsstraat.',
    'Ze wonen op de hoek, 3 huizen verder.',
    'De Stationshaven heeft 3 bushaltes en 2 flats.',
    'Ik woon in Oosterheem 12 jaar al.',
    'In Rotterdam 3 dagen en in Amsterdam 2 weken.',
  ])('ignores an address in %s', (text) => {
    expect(found(text, 'ADDRESS')).toEqual([]);
  });

  it('keeps a capital that starts the next sentence out of the house number', () => {
    expect(found('Ik woon op de Dorpsstraat 12. A. de Boer woont ernaast.', 'ADDRESS')).toEqual([
      'ADDRESS:Dorpsstraat 12',
    ]);
  });
});

describe('PERSON: forms added in the second round', () => {
  it.each([
    ['Zoon (Erwin) is mantelzorger en komt elke dag.', ['PERSON:Erwin']],
    ['Zeg maar tegen Priscilla van de thuiszorg dat ze mag komen.', ['PERSON:Priscilla']],
    ['Ik heb met Noor en Daan gesproken over de hulp.', ['PERSON:Noor', 'PERSON:Daan']],
    ['Ik ken Marie en Joost al jaren.', ['PERSON:Marie', 'PERSON:Joost']],
    ['Ik ben Wilhelmina Sardjoe en ik woon alleen.', ['PERSON:Wilhelmina Sardjoe']], // a royal first name
    ['Mevrouw Juliana de Wit (88) vroeg om hulp.', ['PERSON:Juliana de Wit']],
    // Found after the independent hold-out was scored once (see src/lib/privacy/README.md).
    ['bel mw Bouzid 06-1234 5678 terug', ['PERSON:Bouzid']], // a phone number after the name
    ['mw v.d. Linden wil info', ['PERSON:v.d. Linden']],
    ['Ondertekend door F. Visser en S. de Wolf.', ['PERSON:F. Visser', 'PERSON:S. de Wolf']],
    ['Stuur post aan K. van der Zee, dank u.', ['PERSON:K. van der Zee']],
    ['Met vriendelijke groet, mevrouw B. Smit-Oud', ['PERSON:B. Smit-Oud']], // double name with a word
    ['en henk van de wijkverpleging zegt dat het kan', ['PERSON:henk']],
    ['Ik ben de zoon van mevrouw Chen Mei Hua, 81 jaar.', ['PERSON:Chen Mei Hua']], // "mei" inside a name
    ['Overleg met Anouk Hermans van Piezo volgt.', ['PERSON:Anouk Hermans']], // Piëzo without diaeresis
    ['Mevrouw Jansen Mei 2024 nog gesproken.', ['PERSON:Jansen']],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'PERSON')).toEqual(expected);
  });

  it.each([
    'Iemand van de thuiszorg kwam te laat.',
    'Mensen van de gemeente zeggen dat het beter wordt.',
    'De mantelzorger (dochter) doet dat meestal.',
    'Vitis en Piëzo doen goed werk in de wijk.',
    'In Zoetermeer en Delft wonen veel ouderen.',
    'De vrijwilliger van de kerk kwam langs.',
    'Het Huis van de Buurt is op dinsdag open.',
    'Jan en alleman mag meepraten.',
    'Koningin Wilhelmina sprak op de radio.',
    'Prinses Amalia wordt later koningin.',
    'In het Juliana Kinderziekenhuis werken veel vrijwilligers.',
    'Namens Ouderenraad Noord en Bewonersoverleg Palenstein: dank.',
    'Zij wil dat de hulp Papiaments spreekt, of Sranantongo.',
    'Het overleg met Piezo volgt nog.',
    'Kies optie B. de rest volgt later.',
    'In Mei 2024 kwam de hulp niet.',
  ])('ignores %s', (text) => {
    expect(found(text, 'PERSON')).toEqual([]);
  });
});
