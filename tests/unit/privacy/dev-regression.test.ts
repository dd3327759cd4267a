/**
 * Regression on labelled data: the shared dev set (skipped with a message when
 * it is not present) and this folder's own hand-written and held-out texts. Structured types
 * must keep precision and recall ≥ 0.95; PERSON and ADDRESS have floors a bit
 * below what the detector reaches now.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PiiType } from '~/lib/privacy';
import {
  evaluate,
  loadLabelled,
  loadMarkup,
  parseMarkup,
  type Score,
  scoreSpans,
} from '../../bench/eval-pii';

const STRUCTURED: PiiType[] = ['EMAIL', 'PHONE', 'POSTCODE', 'BSN', 'IBAN'];

function expectFloors(score: Score, floors: Partial<Record<PiiType, number>>) {
  for (const type of STRUCTURED) {
    expect.soft(score.byType[type].precision, `${type} precision`).toBeGreaterThanOrEqual(0.95);
    expect.soft(score.byType[type].recall, `${type} recall`).toBeGreaterThanOrEqual(0.95);
  }
  for (const [type, floor] of Object.entries(floors) as [PiiType, number][]) {
    expect.soft(score.byType[type].precision, `${type} precision`).toBeGreaterThanOrEqual(floor);
    expect.soft(score.byType[type].recall, `${type} recall`).toBeGreaterThanOrEqual(floor);
  }
}

const devFile = fileURLToPath(new URL('../../../../shared/data/dev-pii.jsonl', import.meta.url));
const haveDev = existsSync(devFile);
if (!haveDev) console.warn(`dev-pii regression skipped: ${devFile} does not exist`);

describe.skipIf(!haveDev)(`shared dev set (${devFile})`, () => {
  it('meets the per-type floors (exact span match)', () => {
    const docs = loadLabelled(devFile);
    expect(docs.length).toBeGreaterThan(0);
    expectFloors(evaluate(docs).exact, { PERSON: 0.9, ADDRESS: 0.9 });
  });
});

describe('hand-written texts (fixtures/handwritten-pii.txt)', () => {
  it('meets the per-type floors (exact span match)', () => {
    const docs = loadMarkup(fileURLToPath(new URL('./fixtures/handwritten-pii.txt', import.meta.url)), 'h');
    expect(docs.length).toBeGreaterThan(80);
    expectFloors(evaluate(docs).exact, { PERSON: 0.9, ADDRESS: 0.85 });
  });
});

// Written blind on 2026-11-24 (before reading the detector), then used to fix general misses,
// so it is no longer a blind estimate: it guards those fixes. Floors a little below the 1.000 reached.
describe('held-out texts (fixtures/holdout-pii.txt)', () => {
  it('meets the per-type floors (exact span match)', () => {
    const docs = loadMarkup(fileURLToPath(new URL('./fixtures/holdout-pii.txt', import.meta.url)), 'x');
    expect(docs.length).toBe(120);
    expect(docs.filter((d) => d.spans.length === 0).length).toBe(40);
    expectFloors(evaluate(docs).exact, { PERSON: 0.95, ADDRESS: 0.95 });
  });
});

// Issue 16 item 15: written on 2026-12-06 before the second-round address and name rules; one
// address miss then led to a rule ("op Zilverschoon 55 woont"), so it now guards those rules.
describe('own second set (tests/fixtures/pii/own-sec-pii.txt)', () => {
  it('meets the issue-16 targets (exact span match)', () => {
    const docs = loadMarkup(
      fileURLToPath(new URL('../../fixtures/pii/own-sec-pii.txt', import.meta.url)),
      'o',
    );
    expect(docs.length).toBe(100);
    const score = evaluate(docs).exact;
    for (const type of STRUCTURED) {
      expect.soft(score.byType[type].precision, `${type} precision`).toBeGreaterThanOrEqual(0.98);
      expect.soft(score.byType[type].recall, `${type} recall`).toBeGreaterThanOrEqual(0.98);
    }
    expectFloors(score, { PERSON: 0.95, ADDRESS: 0.95 });
  });
});

// Issue 16 item 15: written blind by a separate author (tests/fixtures/pii/README.md), scored once
// at commit 584774c (figures in src/lib/privacy/README.md), then used for general fixes: no longer
// blind, so these floors guard the fixes; they are not an estimate for unseen text.
describe('independent hold-out sets (tests/fixtures/pii/holdout-*.jsonl)', () => {
  it('meets the issue-16 targets (exact span match)', () => {
    const docs = ['holdout-a.jsonl', 'holdout-b.jsonl'].flatMap((f) =>
      loadLabelled(fileURLToPath(new URL(`../../fixtures/pii/${f}`, import.meta.url))),
    );
    expect(docs.length).toBe(386);
    const score = evaluate(docs).exact;
    for (const type of STRUCTURED) {
      expect.soft(score.byType[type].precision, `${type} precision`).toBeGreaterThanOrEqual(0.98);
      expect.soft(score.byType[type].recall, `${type} recall`).toBeGreaterThanOrEqual(0.98);
    }
    expectFloors(score, { PERSON: 0.95, ADDRESS: 0.95 });
  });
});

describe('parseMarkup', () => {
  it('turns «TYPE|value» into UTF-16 offsets of the plain text', () => {
    const { text, spans } = parseMarkup('Bel «PERSON|Gül Şahin» op «PHONE|06-12345678».');
    expect(text).toBe('Bel Gül Şahin op 06-12345678.');
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Gül Şahin', '06-12345678']);
    expect(spans.map((s) => s.type)).toEqual(['PERSON', 'PHONE']);
  });

  it('rejects an unknown type or a broken marker', () => {
    expect(() => parseMarkup('«NAME|Piet»')).toThrow(/unknown span type/);
    expect(() => parseMarkup('«PERSON|Piet')).toThrow(/unparsed marker/);
  });
});

describe('scoreSpans', () => {
  const gold = [
    { type: 'PERSON' as const, start: 0, end: 10 },
    { type: 'PHONE' as const, start: 20, end: 30 },
  ];

  it('counts exact matches only in exact mode and overlaps in partial mode', () => {
    const pred = [
      { type: 'PERSON' as const, start: 0, end: 6 }, // overlaps, not exact
      { type: 'PHONE' as const, start: 20, end: 30 }, // exact
      { type: 'EMAIL' as const, start: 40, end: 50 }, // false positive
    ];
    const exact = scoreSpans([{ gold, pred }], 'exact');
    expect(exact.byType.PERSON).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(exact.byType.PHONE).toMatchObject({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(exact.byType.EMAIL).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0 });
    expect(exact.total).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    const partial = scoreSpans([{ gold, pred }], 'partial');
    expect(partial.byType.PERSON).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(partial.total.precision).toBeCloseTo(2 / 3);
  });

  it('needs the same type and matches each gold span once', () => {
    const pred = [
      { type: 'PHONE' as const, start: 0, end: 10 }, // right place, wrong type
      { type: 'PERSON' as const, start: 0, end: 5 },
      { type: 'PERSON' as const, start: 5, end: 10 }, // second overlap of the same gold span
    ];
    const partial = scoreSpans([{ gold, pred }], 'partial');
    expect(partial.byType.PERSON).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(partial.byType.PHONE).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  it('treats a type with nothing to find and nothing found as perfect', () => {
    const score = scoreSpans([{ gold: [], pred: [] }]);
    expect(score.byType.IBAN).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});
