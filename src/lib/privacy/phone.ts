/**
 * Phone numbers in text, found by libphonenumber-js (a port of Google's
 * PhoneNumberMatcher) with Dutch metadata and NL as the default country. The
 * library knows which number ranges exist (06, 079, 0800, 0900, 088, 14 0xx
 * …), which hand-written patterns kept missing; this file only adds what a
 * text detector needs on top: brackets around a number, reference and amount
 * look-alikes, and country codes outside the metadata slice.
 *
 * Browser-safe: imports only `libphonenumber-js/core` and a ~12 kB metadata
 * slice (src/cli/phone-metadata.ts makes it from the library's "max" data).
 */
import { findPhoneNumbersInText, type MetadataJson } from 'libphonenumber-js/core';
import metadataJson from './phone-metadata.json';
import type { PiiSpan } from './types';

const metadata = metadataJson as unknown as MetadataJson;

/** A number right after these words is a customer/case/account number, not a phone number. */
const REFERENCE_BEFORE_RE =
  /(?:klant|dossier|referentie|kenmerk|zaak|polis|factuur|order|bestel|lid|pas|rekening|bank|registratie|cli[eë]nt|relatie|contract|bsn|burgerservice|sofi|aanvraag|volg|ticket|meter|artikel)\p{L}*(?:nummer|nr\.?|code)?\s*(?:is|was|:)?\s*$/iu;
/** Thousands grouping ("184.562.917") or a money sign or word around it: an amount. */
const AMOUNT_SHAPE_RE = /^\d{1,3}(?:\.\d{3})+$/;
const AMOUNT_BEFORE_RE = /(?:€|eur|euro)\s?$/i;
const AMOUNT_AFTER_RE = /^\s?(?:euro\b|eur\b|,-|,\d)/i;
/**
 * A number with a country code the slice does not hold ("+1 212 555 0100",
 * "0044 …" is covered by the slice): + and 8 to 15 digits in groups.
 */
const OTHER_INTL_RE =
  /(?<![\p{L}\p{N}+])\+[1-9]\d{0,2}(?:[ \u00a0.-]?(?:\(0\))?[ \u00a0.-]?\d{1,5}){2,6}(?![\p{L}\p{N}]|[.,-]\d)/gu;

const TIME_RE = /(?<!\d)\d{1,2}[.:][0-5]\d(?!\d)/;
/**
 * A mobile number in a range not (yet) handed out ("06 98 76 54 32") is still written as a phone
 * number: 06 and eight digits, read with the matcher's POSSIBLE leniency.
 */
const MOBILE_SHAPE_RE = /^6\d{8}$/;
/** Something shaped like a Dutch mobile number anywhere in the text: 06, +31 6 or 0031 6 and 8 digits. */
const MOBILE_HINT_RE = /(?<!\d)(?:0|\+[ \u00a0]?31|0031)[ \u00a0.()0-]*6(?:[ \u00a0.–-]*\d){8}(?!\d)/g;

/** The municipal short number: 14 followed by the area code without its 0 ("14 079"). */
const MUNICIPAL_RE = /^14[ \u00a0]?0\d{2,3}$/;
const SLICE_CODES = Object.keys(metadataJson.country_calling_codes);

function isMobile(digits: string): boolean {
  return /^(?:31)?6\d{8}$/.test(digits);
}

/** The shortest number we report, "14 079", has five digits: fewer in the whole text, no phone. */
const FIVE_DIGITS_RE = /\d(?:\D*\d){4}/;

/** Mobile numbers in ranges the metadata does not hold yet, read with POSSIBLE leniency. */
function findUnassignedMobiles(text: string, readable: string, out: PiiSpan[]): void {
  for (const found of findPhoneNumbersInText(
    readable,
    { defaultCountry: 'NL', leniency: 'POSSIBLE' } as {
      defaultCountry: 'NL';
    },
    metadata,
  )) {
    const { startsAt: start, endsAt: end } = found;
    if (found.number.countryCallingCode !== '31' || !MOBILE_SHAPE_RE.test(found.number.nationalNumber))
      continue;
    if (!/^(?:\+|0)/.test(text.slice(start, end)) || out.some((s) => s.start < end && start < s.end))
      continue;
    out.push({ type: 'PHONE', start, end });
  }
}

export function findPhones(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  // Most answers hold no number at all; the matcher is the costly part, so skip it then.
  if (!FIVE_DIGITS_RE.test(text)) return out;
  // "(+31) 6 12345678": the matcher does not read a country code in brackets; give it the same
  // text with spaces for the brackets (same length, so offsets hold) and put the bracket back.
  const readable = text.replace(/\(\+(\d{1,3})\)/g, (_, code: string) => ` +${code} `);
  let mobiles = 0;
  for (const found of findPhoneNumbersInText(readable, { defaultCountry: 'NL' }, metadata)) {
    let start = found.startsAt;
    let end = found.endsAt;
    if (text[start - 1] === '(' && text[start] === '+') start -= 1;
    let value = text.slice(start, end);
    // "(06-53829104)": the library takes the opening bracket; the span is the number only.
    if (value.startsWith('(') && !value.includes(')')) {
      start += 1;
      value = value.slice(1);
    }
    if (value.endsWith(')') && !value.includes('(')) {
      end -= 1;
      value = value.slice(0, -1);
    }
    // Dialled at home a Dutch number starts with 0; without it (546362709, 2024-00318) it is a
    // BSN, a case number or an amount. Only the municipal 14 + area code has no 0.
    if (!/^\(?(?:\+|0)/.test(value) && !MUNICIPAL_RE.test(value)) continue;
    // "09.00–11.30", "10:30 - 12:00": times, which the matcher can read as a 0900 number.
    if (TIME_RE.test(value)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 6);
    if (AMOUNT_SHAPE_RE.test(value) || AMOUNT_BEFORE_RE.test(before) || AMOUNT_AFTER_RE.test(after)) continue;
    // Mobile numbers are never reference numbers; others after "klantnummer" etc. are.
    if (!isMobile(found.number.nationalNumber) && REFERENCE_BEFORE_RE.test(before)) continue;
    out.push({ type: 'PHONE', start, end });
    if (isMobile(found.number.nationalNumber)) mobiles++;
  }
  // The second pass costs as much as the first: only when a mobile-shaped number was left over.
  const mobileShaped = [...text.matchAll(MOBILE_HINT_RE)].length;
  if (mobileShaped > mobiles) {
    findUnassignedMobiles(text, readable, out);
  }
  for (const m of text.matchAll(OTHER_INTL_RE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) continue;
    // Country codes in the slice were already judged by the library.
    if (SLICE_CODES.some((code) => digits.startsWith(code))) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (out.some((s) => s.start < end && start < s.end)) continue;
    out.push({ type: 'PHONE', start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}
