/**
 * Dutch personal-data (PII) detection and redaction for consultation answers
 * and meeting notes. Pure TypeScript: no network, no database.
 *
 *   const spans = detectPersonalData(text);
 *   const safe = redact(text, spans); // throws SpanValidationError on bad spans
 */
export { isValidBsn, isValidIban } from './checksums';
export { detectPersonalData } from './detect';
export { type Masked, maskPersonalData } from './mask';
export { redact, type SpanErrorCode, type SpanInput, SpanValidationError, validateSpans } from './redact';
export { isPiiType, PII_PLACEHOLDERS, PII_TYPES, type PiiSpan, type PiiType } from './types';
