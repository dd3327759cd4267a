/**
 * Replaces spans with Dutch placeholders. Spans may come from the detector or
 * be selected by hand by a moderator, so they are validated first and any
 * problem throws a {@link SpanValidationError} with a machine-readable code;
 * nothing is redacted partially.
 */
import { isPiiType, PII_PLACEHOLDERS, type PiiType } from './types';

export type SpanErrorCode =
  | 'INVALID_TYPE'
  | 'NOT_AN_INTEGER'
  | 'OUT_OF_RANGE'
  | 'EMPTY_SPAN'
  | 'OVERLAPPING'
  | 'SPLITS_CHARACTER';

export class SpanValidationError extends Error {
  override readonly name = 'SpanValidationError';
  constructor(
    readonly code: SpanErrorCode,
    /** Index of the offending span in the array that was passed in. */
    readonly spanIndex: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SpanInput {
  readonly type: PiiType | string;
  readonly start: number;
  readonly end: number;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair (inside an emoji, say). */
function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  return isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/**
 * Checks spans against `text`; throws {@link SpanValidationError} on the first problem.
 * Spans may be given in any order.
 */
export function validateSpans(text: string, spans: readonly SpanInput[]): void {
  spans.forEach((span, i) => {
    if (!isPiiType(span.type)) {
      throw new SpanValidationError(
        'INVALID_TYPE',
        i,
        `span ${i}: unknown type ${JSON.stringify(span.type)}`,
      );
    }
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) {
      throw new SpanValidationError('NOT_AN_INTEGER', i, `span ${i}: start and end must be integers`);
    }
    if (span.start < 0 || span.end > text.length) {
      throw new SpanValidationError(
        'OUT_OF_RANGE',
        i,
        `span ${i}: [${span.start}, ${span.end}) is outside the text (length ${text.length})`,
      );
    }
    if (span.start >= span.end) {
      throw new SpanValidationError(
        'EMPTY_SPAN',
        i,
        `span ${i}: start ${span.start} must be below end ${span.end}`,
      );
    }
    if (splitsSurrogatePair(text, span.start) || splitsSurrogatePair(text, span.end)) {
      throw new SpanValidationError(
        'SPLITS_CHARACTER',
        i,
        `span ${i}: an offset falls inside a surrogate pair`,
      );
    }
  });
  const order = spans.map((_, i) => i).sort((a, b) => (spans[a]?.start ?? 0) - (spans[b]?.start ?? 0));
  for (let k = 1; k < order.length; k++) {
    const prevIndex = order[k - 1] ?? 0;
    const index = order[k] ?? 0;
    const prev = spans[prevIndex];
    const span = spans[index];
    if (prev && span && span.start < prev.end) {
      throw new SpanValidationError('OVERLAPPING', index, `span ${index} overlaps span ${prevIndex}`);
    }
  }
}

/**
 * Returns `text` with every span replaced by its placeholder, e.g.
 * "Bel 06-12345678" → "Bel [telefoonnummer]". Throws {@link SpanValidationError}
 * for invalid spans (unknown type, non-integer, out of range, empty, overlapping,
 * or cutting a surrogate pair).
 */
export function redact(text: string, spans: readonly SpanInput[]): string {
  validateSpans(text, spans);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const span of sorted) {
    out += text.slice(cursor, span.start) + PII_PLACEHOLDERS[span.type as PiiType];
    cursor = span.end;
  }
  return out + text.slice(cursor);
}
