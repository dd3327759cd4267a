import { describe, expect, it } from 'vitest';
import { characteristicTerms } from '../../../src/lib/themes/label';
import { csrFromRows } from '../../../src/lib/themes/sparse';
import type { Vocabulary } from '../../../src/lib/themes/vectorize';

describe('characteristic terms', () => {
  it('does not name a theme after a word that every theme uses alike', () => {
    // Three themes of 10 items. "komt" is in every item of theme 0 and in half of the others;
    // "trap" is in 3 items of theme 0 only. By share × log(lift) alone "komt" would win
    // (1 × ln 1.5 = 0.41 against 0.3 × ln 3 = 0.33); it spreads over all themes, "trap" does not.
    const keys = ['komt', 'trap', 'filler'];
    const rows: Map<number, number>[] = [];
    const labels: number[] = [];
    for (let c = 0; c < 3; c++)
      for (let i = 0; i < 10; i++) {
        const row = new Map<number, number>([[2, 1]]);
        if (c === 0 || i < 5) row.set(0, 1);
        if (c === 0 && i < 3) row.set(1, 1);
        rows.push(row);
        labels.push(c);
      }
    const vocab = { keys, display: keys } as unknown as Vocabulary;
    const terms = characteristicTerms(csrFromRows(rows, keys.length), vocab, labels, 3);
    expect(terms[0]?.[0]?.display).toBe('trap');
  });
});
