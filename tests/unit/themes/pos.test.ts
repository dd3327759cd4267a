import { describe, expect, it } from 'vitest';
import { isNounTerm, parsePosData, wordClasses } from '../../../src/lib/themes/pos';

// A made-up dictionary in the OpenTaal format: two-letter flags, suffix rules with ts: tags.
const AFF = [
  'FLAG long',
  'SFX Za Y 1',
  'SFX Za 0 s .\tts:NN2',
  'SFX Yb Y 1',
  'SFX Yb 0 je .\tts:NN1r',
  'SFX V3 Y 1',
  'SFX V3 0 t [^t]\tts:VB3',
  'SFX Vi Y 1',
  'SFX Vi 0 d .\tts:PPn',
  'SFX Aa Y 1',
  'SFX Aa 0 e .\tts:AJe',
  'PFX Pm Y 1',
  'PFX Pm 0 over .',
].join('\n');
const DIC = [
  '7',
  'hark/ZaYb',
  'hark/V3Pm',
  'schoffel/Za',
  'wied/V3',
  'zet/V3',
  'wieden/ViPm',
  'groen/Aa',
  'nou',
].join('\n');
const data = parsePosData(DIC, AFF);

describe('part of speech from Hunspell flags', () => {
  it('reads classes from the entries and undoes suffix rules', () => {
    expect(wordClasses('schoffels', data)).toMatchObject({ noun: true, verb: false });
    expect(wordClasses('harkje', data)).toMatchObject({ noun: true, verb: false });
    // "harkt" is only a verb form; "hark" is both.
    expect(wordClasses('harkt', data)).toMatchObject({ noun: false, verb: true });
    expect(wordClasses('hark', data)).toMatchObject({ noun: true, verb: true });
    expect(wordClasses('groene', data)).toMatchObject({ noun: false, adjective: true });
    expect(wordClasses('wiedt', data)).toMatchObject({ known: true, verb: true });
    // The rule's condition holds: no "t" after a stem ending in t.
    expect(wordClasses('zett', data).known).toBe(false);
  });

  it('judges an unknown compound by its head and knows when it knows nothing', () => {
    expect(wordClasses('tuinschoffels', data)).toMatchObject({ known: true, noun: true });
    expect(wordClasses('nou', data)).toMatchObject({ known: true, noun: false, verb: false });
    expect(wordClasses('qwrtz', data).known).toBe(false);
  });

  it('calls a phrase a noun phrase when its head is a noun and no word is only a verb', () => {
    expect(isNounTerm('groene schoffel', data)).toBe(true);
    expect(isNounTerm('schoffel wiedt', data)).toBe(false);
    expect(isNounTerm('wiedt schoffel', data)).toBe(false);
    expect(isNounTerm('hark', data)).toBe(true);
    expect(isNounTerm('harkt', data)).toBe(false);
  });

  it('works on the OpenTaal dictionary itself', () => {
    // Inflected verb forms are not in the .dic; the affix rules find them.
    expect(wordClasses('fietst')).toMatchObject({ noun: false, verb: true });
    expect(isNounTerm('fietst')).toBe(false);
    expect(isNounTerm('ladders')).toBe(true);
    expect(isNounTerm('regenton')).toBe(true);
    expect(isNounTerm('groene regenton')).toBe(true);
    expect(isNounTerm('mooi')).toBe(false);
  });
});
