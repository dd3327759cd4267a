import { describe, expect, it } from 'vitest';
import { ari, macroF1, nmi } from '../../../src/lib/themes/metrics';

describe('clustering metrics', () => {
  it('is perfect for a relabelled identical partition', () => {
    const t = ['a', 'a', 'b', 'b', 'c'];
    const p = ['x', 'x', 'y', 'y', 'z'];
    expect(nmi(t, p)).toBeCloseTo(1, 10);
    expect(ari(t, p)).toBeCloseTo(1, 10);
    expect(macroF1(t, p)).toBeCloseTo(1, 10);
    expect(macroF1(t, p, true)).toBe(0);
  });

  it('matches hand-computed values', () => {
    // Contingency: (a,x)=2, (a,y)=1, (b,y)=3; n = 6.
    const t = ['a', 'a', 'a', 'b', 'b', 'b'];
    const p = ['x', 'x', 'y', 'y', 'y', 'y'];
    // MI = 1/3 ln 2 + 1/6 ln 1/2 + 1/2 ln 3/2; H(t) = ln 2; H(p) = -(1/3 ln 1/3 + 2/3 ln 2/3).
    const mi = (1 / 3) * Math.log(2) + (1 / 6) * Math.log(0.5) + 0.5 * Math.log(1.5);
    const hp = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3));
    expect(nmi(t, p)).toBeCloseTo(mi / ((Math.log(2) + hp) / 2), 10);
    expect(nmi(t, p)).toBeCloseTo(0.47871, 4);
    // index = 1 + 0 + 3 = 4; rows 3 + 3 = 6; cols 1 + 6 = 7; expected 6·7/15 = 2.8; max 6.5.
    expect(ari(t, p)).toBeCloseTo((4 - 2.8) / (6.5 - 2.8), 10);
    // a: best x (P 1, R 2/3, F1 0.8); b: best y (P 3/4, R 1, F1 6/7).
    expect(macroF1(t, p)).toBeCloseTo((0.8 + 6 / 7) / 2, 10);
  });

  it('scores an independent partition at zero or below', () => {
    const t = ['a', 'a', 'b', 'b'];
    const p = ['x', 'y', 'x', 'y'];
    expect(nmi(t, p)).toBeCloseTo(0, 10);
    expect(ari(t, p)).toBeCloseTo(-0.5, 10);
    expect(macroF1(t, p)).toBeCloseTo(0.5, 10);
  });

  it('uses only same-named themes in direct mode', () => {
    const t = ['a', 'a', 'b', 'b'];
    expect(macroF1(t, ['a', 'a', 'a', 'b'], true)).toBeCloseTo((0.8 + 2 / 3) / 2, 10);
  });
});
