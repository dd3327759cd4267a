import { describe, expect, it } from 'vitest';
import {
  detectPersonalData,
  PII_PLACEHOLDERS,
  PII_TYPES,
  type PiiSpan,
  redact,
  type SpanErrorCode,
  SpanValidationError,
} from '~/lib/privacy';

describe('redact', () => {
  it('replaces every span with its Dutch placeholder', () => {
    const text = 'Ik ben Jan de Vries, bel 06-12345678 of mail jan@example.nl.';
    expect(redact(text, detectPersonalData(text))).toBe(
      'Ik ben [naam], bel [telefoonnummer] of mail [e-mailadres].',
    );
  });

  it('covers all types with a placeholder', () => {
    expect(Object.keys(PII_PLACEHOLDERS).sort()).toEqual([...PII_TYPES].sort());
    const text = 'a@b.nl 0612345678 2711 AB 123456782 NL91ABNA0417164300 Jan Dorpsstraat 1';
    const spans: PiiSpan[] = [
      { type: 'EMAIL', start: 0, end: 6 },
      { type: 'PHONE', start: 7, end: 17 },
      { type: 'POSTCODE', start: 18, end: 25 },
      { type: 'BSN', start: 26, end: 35 },
      { type: 'IBAN', start: 36, end: 54 },
      { type: 'PERSON', start: 55, end: 58 },
      { type: 'ADDRESS', start: 59, end: 72 },
    ];
    expect(redact(text, spans)).toBe('[e-mailadres] [telefoonnummer] [postcode] [BSN] [IBAN] [naam] [adres]');
  });

  it('accepts spans in any order and leaves text without spans alone', () => {
    const text = 'Ans en Kees';
    const spans: PiiSpan[] = [
      { type: 'PERSON', start: 7, end: 11 },
      { type: 'PERSON', start: 0, end: 3 },
    ];
    expect(redact(text, spans)).toBe('[naam] en [naam]');
    expect(redact(text, [])).toBe(text);
  });

  it('uses UTF-16 offsets: an emoji before a span counts as two code units', () => {
    const text = '🙂 Bel Ans op 0612345678';
    const start = text.indexOf('0612345678');
    expect(start).toBe(14); // 13 code points before it, but "🙂" is two UTF-16 code units
    expect(redact(text, [{ type: 'PHONE', start, end: start + 10 }])).toBe('🙂 Bel Ans op [telefoonnummer]');
    const detected = detectPersonalData(text);
    expect(redact(text, detected)).toBe('🙂 Bel [naam] op [telefoonnummer]');
  });

  const invalid: [string, string, { type: string; start: number; end: number }[], SpanErrorCode, number][] = [
    ['start below zero', 'abc', [{ type: 'PERSON', start: -1, end: 2 }], 'OUT_OF_RANGE', 0],
    ['end past the text', 'abc', [{ type: 'PERSON', start: 1, end: 4 }], 'OUT_OF_RANGE', 0],
    ['start equal to end', 'abc', [{ type: 'PERSON', start: 1, end: 1 }], 'EMPTY_SPAN', 0],
    ['start after end', 'abc', [{ type: 'PERSON', start: 2, end: 1 }], 'EMPTY_SPAN', 0],
    ['fractional offset', 'abc', [{ type: 'PERSON', start: 0.5, end: 2 }], 'NOT_AN_INTEGER', 0],
    ['NaN offset', 'abc', [{ type: 'PERSON', start: Number.NaN, end: 2 }], 'NOT_AN_INTEGER', 0],
    ['unknown type', 'abc', [{ type: 'NAME', start: 0, end: 2 }], 'INVALID_TYPE', 0],
    [
      'overlapping spans',
      'abcdef',
      [
        { type: 'PERSON', start: 3, end: 6 },
        { type: 'PERSON', start: 0, end: 4 },
      ],
      'OVERLAPPING',
      0,
    ],
    ['cutting an emoji in half', 'x🙂y', [{ type: 'PERSON', start: 2, end: 4 }], 'SPLITS_CHARACTER', 0],
  ];

  it.each(invalid)('rejects %s', (_label, text, spans, code, spanIndex) => {
    let error: unknown;
    try {
      redact(text, spans);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpanValidationError);
    expect((error as SpanValidationError).code).toBe(code);
    expect((error as SpanValidationError).spanIndex).toBe(spanIndex);
  });

  it('accepts adjacent spans (end equal to the next start)', () => {
    expect(
      redact('AnsKees', [
        { type: 'PERSON', start: 0, end: 3 },
        { type: 'PERSON', start: 3, end: 7 },
      ]),
    ).toBe('[naam][naam]');
  });
});
