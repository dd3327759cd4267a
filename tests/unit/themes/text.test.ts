import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/lib/themes/analyze';
import { CompoundSplitter } from '../../../src/lib/themes/compound';
import { dutchLexicon, parseDic } from '../../../src/lib/themes/lexicon';
import { isFunctionWord, isStopword, normalise, stem, tokenise } from '../../../src/lib/themes/text';

describe('normalise and tokenise', () => {
  it('lower-cases, strips diacritics and the ij ligature', () => {
    expect(normalise('Één GEÏNTERESSEERDE ĳsvogel')).toBe('een geinteresseerde ijsvogel');
  });

  it('handles apostrophes, clitics, hyphens, elision and numbers', () => {
    const t = tokenise("Van mijn AOW'tje, z'n auto's, het Wmo-loket, was- en strijkservice, 85 jaar");
    const norms = t.map((x) => x.norm);
    expect(norms).toEqual([
      'van',
      'mijn',
      'aow',
      'zijn',
      'auto',
      'het',
      'wmoloket',
      'was',
      'en',
      'strijkservice',
      '85',
      'jaar',
    ]);
    expect(t.find((x) => x.norm === 'wmoloket')?.parts).toEqual(['wmo', 'loket']);
    expect(t.find((x) => x.norm === 'was')?.elided).toBe(true);
    expect(t.find((x) => x.norm === '85')?.numeric).toBe(true);
    expect(t.find((x) => x.norm === 'auto')?.display).toBe('auto');
  });
});

describe('stopwords and stemming', () => {
  it('uses a broad list for single words and a short list for phrases', () => {
    expect(isStopword('de')).toBe(true);
    expect(isStopword('eigen')).toBe(true);
    expect(isFunctionWord('eigen')).toBe(false);
    expect(isStopword('pensioen')).toBe(false);
  });

  it('stems Dutch inflections together', () => {
    expect(stem('betalen')).toBe(stem('betaal'));
    expect(stem('woningen')).toBe(stem('woning'));
    expect(stem('huishoudelijke')).toBe(stem('huishoudelijk'));
  });
});

describe('lexicon and compounds', () => {
  it('parses a Hunspell .dic file', () => {
    const words = parseDic('3\nhulp/Ab\nAmsterdam\nhuishoudelĳk/Za\n');
    expect([...words].sort()).toEqual(['huishoudelijk', 'hulp']);
  });

  const splitter = new CompoundSplitter(dutchLexicon());

  it('splits compounds, also with linking -s- and plurals', () => {
    expect(splitter.split('boodschappendienst')).toEqual(['boodschappen', 'dienst']);
    expect(splitter.split('verzorgingshuis')).toEqual(['verzorging', 'huis']);
    expect(splitter.split('robotstofzuiger')).toEqual(['robot', 'stofzuiger']);
    expect(splitter.split('keukentafelgesprek')).toEqual(['keuken', 'tafelgesprek']);
  });

  it('leaves simple and derived words whole', () => {
    expect(splitter.split('verhuizen')).toBeNull();
    expect(splitter.split('kinderen')).toBeNull();
    expect(splitter.split('huishoudelijke')).toBeNull();
    expect(splitter.split('hulp')).toBeNull();
  });

  it('turns text into stems, compound parts and phrases', () => {
    const terms = new Analyzer().terms(
      'Een was- en strijkservice is duur van mijn pensioentje, de eigen bijdrage ook',
    );
    const keys = terms.map((t) => t.key);
    expect(keys).toContain(stem('wasservice'));
    expect(keys).toContain(stem('service'));
    expect(keys).toContain(stem('pensioen'));
    expect(keys).toContain(`${stem('eigen')} ${stem('bijdrage')}`);
    expect(keys).not.toContain('de');
    const part = terms.find((t) => t.key === stem('strijk'));
    expect(part?.weight).toBeLessThan(1);
  });

  it('drops the reporting words of a facilitator note, and their compound parts', () => {
    const terms = new Analyzer().terms(
      "Mevrouw vertelt dat de deelnemers 'de regiotaxi' te duur vinden, meneer zegt het ook",
    );
    const keys = terms.map((t) => t.key);
    expect(keys).toContain(stem('regiotaxi'));
    expect(keys).toContain(stem('duur'));
    for (const w of ['mevrouw', 'vertelt', 'deelnemers', 'deel', 'nemer', 'vinden', 'meneer', 'zegt'])
      expect(keys).not.toContain(stem(w));
    expect(keys.some((k) => k.includes(' ') && k.split(' ').includes(stem('mevrouw')))).toBe(false);
  });

  it('gives a stopword no compound parts', () => {
    // The compound splitter finds "chi" in "misschien" and "dien" in "sindsdien": accidents.
    const keys = new Analyzer().terms('misschien sindsdien bovendien').map((t) => t.key);
    expect(keys).toEqual([]);
  });
});
