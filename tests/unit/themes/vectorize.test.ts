import { describe, expect, it } from 'vitest';
import type { Term } from '../../../src/lib/themes/analyze';
import { fitVocabulary } from '../../../src/lib/themes/vectorize';

const word = (key: string, display: string): Term => ({ key, weight: 1, display });
const part = (key: string, display: string, from: string): Term => ({ key, weight: 0.5, display, from });

describe('vocabulary display forms', () => {
  it('shows a feature in the form people write most, never as a compound part when it stands alone', () => {
    const docs: Term[][] = [
      [word('bur', 'buren'), part('bur', 'buur', 'buurvrouw')],
      [word('bur', 'buren'), part('bur', 'buur', 'buurman')],
      [part('bur', 'buur', 'buurman'), part('bur', 'buur', 'buurvrouw')],
      [word('kost', 'kosten'), word('kost', 'kosten')],
      [word('kost', 'kost')],
    ];
    const vocab = fitVocabulary(docs, { minDf: 1, maxDfRatio: 1 });
    const at = (k: string) => vocab.index.get(k) as number;
    expect(vocab.display[at('bur')]).toBe('buren');
    expect(vocab.display[at('kost')]).toBe('kosten');
    expect(vocab.whole[at('bur')]).toBe(1);
  });

  it('marks a feature that only occurs inside compounds', () => {
    const docs: Term[][] = [
      [part('dienst', 'dienst', 'boodschappendienst')],
      [part('dienst', 'dienst', 'klussendienst')],
    ];
    const vocab = fitVocabulary(docs, { minDf: 1, maxDfRatio: 1 });
    expect(vocab.whole[vocab.index.get('dienst') as number]).toBe(0);
  });
});
