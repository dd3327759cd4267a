import { describe, expect, it } from 'vitest';
import {
  characteristicTerms,
  keywordTerms,
  type LabelPos,
  labelTerms,
  makeLabel,
  type TermScore,
  wordUsage,
} from '../../../src/lib/themes/label';
import { NO_CLASS } from '../../../src/lib/themes/pos';
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

describe('label terms', () => {
  // Made-up part-of-speech table: the test is about choosing, not about the dictionary.
  const table: Record<string, [noun: boolean, verb: boolean, adjective: boolean]> = {
    loopt: [false, true, false],
    zegt: [false, true, false],
    ladder: [true, false, false],
    tuin: [true, false, false],
    schuur: [true, false, false],
    mooie: [false, false, true],
    oude: [false, false, true],
    vaak: [false, false, false],
    elke: [false, false, false],
    hele: [false, false, true],
    avond: [true, false, false],
  };
  const pos: LabelPos = {
    classes: (w) => {
      const c = table[w];
      return c ? { known: true, noun: c[0], verb: c[1], adjective: c[2] } : NO_CLASS;
    },
    isNoun: (d) => {
      const words = d.split(' ').map((w) => pos.classes(w));
      return (words.at(-1)?.noun ?? false) && words.every((c) => c.noun || !c.verb);
    },
  };
  const term = (display: string, score: number, index = 0): TermScore => ({ index, display, score });

  it('prefers nouns and noun phrases over a better-scoring verb', () => {
    const chosen = labelTerms([term('loopt', 1), term('ladder', 0.9), term('mooie tuin', 0.8)], pos);
    expect(chosen.map((t) => t.display)).toEqual(['ladder', 'mooie tuin']);
  });

  it('keeps a word the dictionary does not know (a name or acronym) next to the nouns', () => {
    const chosen = labelTerms([term('zegt', 1), term('xyzfonds', 0.9), term('schuur', 0.7)], pos);
    expect(chosen.map((t) => t.display)).toEqual(['xyzfonds', 'schuur']);
  });

  it('falls back to adjectives, then to the terms as ranked, never to nothing', () => {
    expect(labelTerms([term('loopt', 1), term('oude', 0.5)], pos).map((t) => t.display)).toEqual(['oude']);
    expect(labelTerms([term('loopt', 1), term('zegt', 0.9)], pos).map((t) => t.display)).toEqual([
      'loopt',
      'zegt',
    ]);
  });

  it('does not name one topic twice through phrases with the same head', () => {
    const chosen = labelTerms([term('elke avond', 1), term('hele avond', 0.95), term('tuin', 0.9)], pos);
    expect(chosen.map((t) => t.display)).toEqual(['elke avond', 'tuin']);
  });

  it('uses a third term only when it is still strong', () => {
    const terms = [term('ladder', 1), term('tuin', 0.8), term('schuur', 0.7)];
    expect(labelTerms(terms, pos)).toHaveLength(3);
    expect(labelTerms([...terms.slice(0, 2), term('schuur', 0.5)], pos)).toHaveLength(2);
    expect(makeLabel(labelTerms(terms, pos).map((t) => t.display))).toBe('Ladder, tuin en schuur');
  });

  it('reads a noun-or-verb form the way the answers use it', () => {
    // Made-up answers: "schuur" follows determiners, "tuin" follows "ik" (as if a verb).
    const texts = [
      'Ik tuin elke dag.',
      'Tuin ik nog?',
      'Ik tuin graag.',
      'De schuur lekt.',
      'Mijn schuur is oud.',
    ];
    const usage = wordUsage(texts, new Set(['tuin', 'schuur']));
    expect(usage.get('tuin')).toEqual({ determiner: 0, subject: 3 });
    expect(usage.get('schuur')).toEqual({ determiner: 2, subject: 0 });
    const chosen = labelTerms([term('tuin', 1), term('schuur', 0.9), term('ladder', 0.8)], pos, usage);
    expect(chosen.map((t) => t.display)).toEqual(['schuur', 'ladder']);
  });
});

describe('keywords', () => {
  const table: Record<string, [noun: boolean, verb: boolean, adjective: boolean]> = {
    komt: [false, true, false],
    trap: [true, false, false],
    traplift: [true, false, false],
    hulp: [true, false, false],
    meerdere: [true, false, true],
    echt: [false, false, true],
    steile: [false, false, true],
    weet: [true, true, false],
  };
  const pos: LabelPos = {
    classes: (w) => {
      const c = table[w];
      return c ? { known: true, noun: c[0], verb: c[1], adjective: c[2] } : NO_CLASS;
    },
    isNoun: (d) => pos.classes(d.split(' ').at(-1) ?? '').noun,
  };
  const term = (display: string, score: number, focus = 1): TermScore => ({
    index: 0,
    display,
    score,
    focus,
  });

  it('lists words that name something first, without verbs, filler or words every theme uses', () => {
    const usage = new Map([['weet', { determiner: 0, subject: 5 }]]);
    const terms = [
      term('komt', 1),
      term('steile', 0.95, 0.8),
      term('echt', 0.9, 0.2),
      term('meerdere', 0.85, 0.9),
      term('hulp', 0.8, 0.1),
      term('weet', 0.75),
      term('trap', 0.7),
      term('traplift', 0.6),
      term('rokkeveen', 0.5),
    ];
    expect(keywordTerms(terms, 8, pos, usage).map((t) => t.display)).toEqual([
      'trap',
      'traplift',
      'rokkeveen',
      'steile',
    ]);
    expect(labelTerms(terms, pos, usage).map((t) => t.display)).toEqual(['trap', 'traplift', 'rokkeveen']);
  });

  it('never falls back to filler', () => {
    expect(keywordTerms([term('meerdere', 1), term('hulp', 0.5, 0.1)], 8, pos)).toEqual([]);
  });
});
