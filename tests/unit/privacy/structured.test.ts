import { describe, expect, it } from 'vitest';
import { found } from './helpers';

describe('EMAIL', () => {
  it.each([
    ['Mail mij: piet.jansen@gmail.com.', ['EMAIL:piet.jansen@gmail.com']],
    ['Reactie naar Jan.Jansen@Gemeente.Zoetermeer.nl graag', ['EMAIL:Jan.Jansen@Gemeente.Zoetermeer.nl']],
    ['adres: x_y+z@sub.domain.co.uk, dank', ['EMAIL:x_y+z@sub.domain.co.uk']],
    ['(fam.el-idrissi@hotmail.com)', ['EMAIL:fam.el-idrissi@hotmail.com']],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'EMAIL')).toEqual(expected);
  });

  it.each([
    'Kijk op zoetermeer.nl/wmo voor meer info.',
    'Volg @gemeentezoetermeer op sociale media.',
    'Stuur het naar info@ de gemeente.',
    'Schrijf naar het e-mailadres van de gemeente.',
  ])('ignores %s', (text) => {
    expect(found(text, 'EMAIL')).toEqual([]);
  });
});

describe('PHONE', () => {
  it.each([
    ['Bel 06-12345678 gerust.', 'PHONE:06-12345678'],
    ['Bel 06 1234 5678 gerust.', 'PHONE:06 1234 5678'],
    ['Mobiel: 06-123 456 78.', 'PHONE:06-123 456 78'],
    ['Bereikbaar op 0612345678.', 'PHONE:0612345678'],
    ['Bel +31 6 12345678 na vijven.', 'PHONE:+31 6 12345678'],
    ['Bel +31(0)6-12345678 na vijven.', 'PHONE:+31(0)6-12345678'],
    ['Bel +31 (0)79 341 28 76 na vijven.', 'PHONE:+31 (0)79 341 28 76'],
    ['Bel +31-6-12345678 na vijven.', 'PHONE:+31-6-12345678'],
    ['Telefoon (079) 123 45 67, alleen ’s ochtends.', 'PHONE:(079) 123 45 67'],
    ['Telefoon (079) 3624410.', 'PHONE:(079) 3624410'],
    ['Telefoon 079-1234567.', 'PHONE:079-1234567'],
    ['Telefoon 079 - 341 28 76.', 'PHONE:079 - 341 28 76'],
    ['Mijn nummer: 0031 79 3612204.', 'PHONE:0031 79 3612204'],
    ['Mijn nummer: 0031 6 12345678.', 'PHONE:0031 6 12345678'],
    ['Bel de gemeente op 14 079 voor vragen.', 'PHONE:14 079'],
    ['Bel de gemeente op 14079.', 'PHONE:14079'],
    ['Vaste lijn 071-5123456 of mobiel 06-87654321.', 'PHONE:071-5123456'],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'PHONE')[0]).toBe(expected);
  });

  it('finds two numbers separated by a slash', () => {
    expect(found('Bel 06-12345678/079-3412876', 'PHONE')).toEqual(['PHONE:06-12345678', 'PHONE:079-3412876']);
  });

  it.each([
    'Een 06-nummer heb ik niet, wel een vaste lijn.',
    'De beschikking van 03-02-2023 geldt tot 28-02-2026.',
    'Per 01-09-2024 verandert mijn indicatie.',
    'Het spreekuur is van 10.00 tot 12.00 uur, of om 09:30.',
    'Het kost € 1.234,56 per jaar en 12,5% meer dan in 2023.',
    'Dossiernummer 2023-004512, kenmerk WMO/2023/220918.',
    'Klantnummer 0791234567 staat op de brief.', // a reference number, even with a phone shape
    'Een nummer van zeven cijfers: 0612345.',
    'Het waren 0,5 tot 1,5 uur per week.',
  ])('ignores %s', (text) => {
    expect(found(text, 'PHONE')).toEqual([]);
  });
});

describe('POSTCODE', () => {
  it.each([
    ['Mijn postcode is 2711 AB.', 'POSTCODE:2711 AB'],
    ['Mijn postcode is 2711AB.', 'POSTCODE:2711AB'],
    ['Mijn postcode is 2711 ab.', 'POSTCODE:2711 ab'],
    ['Verhuisd naar 2725 Ab Zoetermeer.', 'POSTCODE:2725 Ab'],
    ['(postcode 2721 KM) meldt dat', 'POSTCODE:2721 KM'],
    ['Europaweg 101a, 2711AB Zoetermeer', 'POSTCODE:2711AB'],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'POSTCODE')).toEqual([expected]);
  });

  it.each([
    'Ik woon sinds 1979 in Buytenwegh.',
    'In 2023 en 2024 is het niet beter geworden.',
    'Dat is 3000 km rijden per jaar.',
    'Postcodes met SA, SD of SS bestaan niet: 2711 SS, 1234 SA.',
    'Postcodes beginnen niet met een nul: 0711 AB.',
    'Het bedrag van 1250 op de rekening.',
    'Ik betaal € 1250 EU heffing.',
    'Er wonen 2500 ouderen in de wijk.',
  ])('ignores %s', (text) => {
    expect(found(text, 'POSTCODE')).toEqual([]);
  });
});

describe('BSN', () => {
  it.each([
    ['Mijn BSN is 123456782.', 'BSN:123456782'],
    ['BSN: 1234.56.782.', 'BSN:1234.56.782'],
    ['BSN van mijn moeder: 123 456 782.', 'BSN:123 456 782'],
    ['Burgerservicenummer 123.456.782 staat op de pas.', 'BSN:123.456.782'],
    ['Nummer 546362709 hoort bij mijn vader.', 'BSN:546362709'], // passes the elfproef: labelled
  ])('finds %s', (text, expected) => {
    expect(found(text, 'BSN')).toEqual([expected]);
  });

  it.each([
    'Mijn klantnummer is 637350449.', // fails the elfproef
    'Op mijn zorgpas staat 369 338 309.', // fails the elfproef
    'De zorg kost de gemeente 284.113.905 euro.',
    'De begroting is 123.456.782 euro.', // passes, but thousands grouping without BSN keyword is an amount
    'Een budget van 123456782 euro.', // an amount, even though it passes
    'Telefoon 0612345678.',
    'Het rekeningnummer NL44RABO0123456789 klopt.',
    'Een lang nummer 1234567820 is geen BSN.',
  ])('ignores %s', (text) => {
    expect(found(text, 'BSN')).toEqual([]);
  });
});

describe('IBAN', () => {
  it.each([
    ['Graag op NL44RABO0123456789 storten.', 'IBAN:NL44RABO0123456789'],
    ['Graag op NL91 ABNA 0417 1643 00 storten.', 'IBAN:NL91 ABNA 0417 1643 00'],
    ['Rekening NL20INGB 0001234567.', 'IBAN:NL20INGB 0001234567'],
    ['Rekening nl91abna0417164300.', 'IBAN:nl91abna0417164300'],
    ['Mijn Belgische rekening BE68 5390 0754 7034 gebruik ik niet.', 'IBAN:BE68 5390 0754 7034'],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'IBAN')).toEqual([expected]);
  });

  it('ignores an IBAN with a bad checksum and reports nothing inside it', () => {
    expect(found('Op de brief stond NL91ABNA0417164301, klopt dat?')).toEqual([]);
    expect(found('Op de brief stond NL91 ABNA 0612 3456 78, klopt dat?')).toEqual([]);
  });
});

describe('spans', () => {
  it('are sorted, non-overlapping and use UTF-16 offsets (emoji before a span)', async () => {
    const { detectPersonalData } = await import('~/lib/privacy');
    const text = '👵🏻 Bel mij op 06-12345678 of mail oma@example.nl 🙏';
    const spans = detectPersonalData(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['06-12345678', 'oma@example.nl']);
    expect(spans[0]?.start).toBe(text.indexOf('06'));
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]?.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
  });

  it('finds nothing in an empty text', async () => {
    const { detectPersonalData } = await import('~/lib/privacy');
    expect(detectPersonalData('')).toEqual([]);
  });
});
