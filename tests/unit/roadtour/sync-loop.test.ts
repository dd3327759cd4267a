import { describe, expect, test } from 'vitest';
import { backoffDelay } from '../../../src/lib/roadtour/client/sync-loop';

describe('backoffDelay', () => {
  test('doubles from the first pause up to the longest, with ±20% jitter', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 5_000, 300_000, middle))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
    expect(backoffDelay(0, 5_000, 300_000, () => 0)).toBe(4_000);
    expect(backoffDelay(0, 5_000, 300_000, () => 0.999_999)).toBe(6_000);
  });

  test('stays finite for very many attempts', () => {
    expect(backoffDelay(10_000, 5_000, 300_000, () => 0.5)).toBe(300_000);
  });
});
