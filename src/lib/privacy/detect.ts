/**
 * Runs all detectors and resolves overlaps. Structured types go first because
 * their checksums make them certain; addresses next; names last, since a name
 * inside an e-mail address or a street name ("Willem Dreeslaan") is not a person.
 */
import { findAddresses } from './address';
import { findBsns, findEmails, findIbans, findPostcodes, type Range } from './patterns';
import { findPersons } from './person';
import { findPhones } from './phone';
import { overlapsAny } from './text';
import type { PiiSpan, PiiType } from './types';

/** When two candidates overlap, the earlier type in this list wins. */
const PRIORITY: readonly PiiType[] = ['EMAIL', 'IBAN', 'PHONE', 'BSN', 'POSTCODE', 'ADDRESS', 'PERSON'];

function resolve(candidates: readonly PiiSpan[], blocked: readonly Range[]): PiiSpan[] {
  const ordered = [...candidates].sort(
    (a, b) =>
      PRIORITY.indexOf(a.type) - PRIORITY.indexOf(b.type) ||
      a.start - b.start ||
      b.end - b.start - (a.end - a.start),
  );
  const kept: PiiSpan[] = [];
  for (const span of ordered) {
    if (span.start >= span.end || overlapsAny(span, blocked) || overlapsAny(span, kept)) continue;
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Finds personal data in a Dutch text. Returns spans sorted by `start`,
 * non-overlapping, with UTF-16 offsets and an exclusive `end`.
 */
export function detectPersonalData(text: string): PiiSpan[] {
  const iban = findIbans(text);
  // Failed IBANs are blocked so their digits are not reported as a phone number or BSN.
  const structured = resolve(
    [...findEmails(text), ...iban.spans, ...findPhones(text), ...findBsns(text), ...findPostcodes(text)],
    iban.blocked,
  );
  const postcodes = structured.filter((s) => s.type === 'POSTCODE');
  const blocked = [...structured, ...iban.blocked];
  const addresses = findAddresses(text, postcodes, blocked);
  const persons = findPersons(text, [...blocked, ...addresses]);
  return resolve([...structured, ...addresses, ...persons], iban.blocked);
}
