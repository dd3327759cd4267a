/**
 * Pattern detectors for the structured types: e-mail, phone, postcode, BSN and
 * IBAN. Each returns candidate spans; checksums and context decide which
 * look-alikes (amounts, dates, reference numbers) are dropped.
 */
import { ibanLength, isValidBsn, isValidIban } from './checksums';
import type { PiiSpan } from './types';

export interface Range {
  start: number;
  end: number;
}

const EMAIL_RE =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;

export function findEmails(text: string): PiiSpan[] {
  return [...text.matchAll(EMAIL_RE)].map((m) => ({
    type: 'EMAIL',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// --- Phone numbers -----------------------------------------------------------

/** Places where a phone number may begin: +31, 0031, "(0", or a 0 that starts a number. */
const PHONE_START_RE = /(?<![\p{L}\p{N}+&@_])(?:\+\s?31|0031|\(\s?0|0)(?=[\d\s(-])/gu;
const INTL_PREFIX_RE = /(?:\+\s?31|0031)\s?(?:\(0\)\s?)?[-\s]?/y;
const PAREN_AREA_RE = /\(\s?(0\d{1,3})\s?\)\s?(?:[-–]\s?)?/y;
const DIGITS_RE = /\d+/y;
const PHONE_SEP_RE = /(?:\s?[-–./]\s?|[ \u00a0])(?=\d)/y;
/** Municipal short number: 14 followed by the area code ("14 079"). */
const SHORT_MUNICIPAL_RE = /(?<![\p{L}\p{N}.,\-/+])14[ \u00a0]?0\d{2,3}(?![\p{L}\p{N}]|[.,\-/:]\d)/gu;
/** A number right after these words is a customer/case/account number, not a phone number. */
const REFERENCE_BEFORE_RE =
  /(?:klant|dossier|referentie|kenmerk|zaak|polis|factuur|order|lid|pas|rekening|bank|registratie|cli[eë]nt|relatie|contract|bsn|burgerservice|sofi)\p{L}*(?:nummer|nr\.?)?\s*(?:is|was|:)?\s*$/iu;

function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Reads a Dutch phone number starting at `pos`: its end and national digits, or null. */
function parsePhone(text: string, pos: number): { end: number; digits: string } | null {
  let digits = '';
  let cursor = pos;
  const intl = matchAt(INTL_PREFIX_RE, text, cursor);
  if (intl) {
    digits = '0';
    cursor += intl[0].length;
  } else {
    const paren = matchAt(PAREN_AREA_RE, text, cursor);
    if (paren?.[1]) {
      digits = paren[1];
      cursor += paren[0].length;
    }
  }
  // Consume digit groups until exactly ten national digits; a group that
  // overshoots means this is some other number (a date followed by a number…).
  for (;;) {
    const group = matchAt(DIGITS_RE, text, cursor);
    if (!group) return null;
    digits += group[0];
    cursor += group[0].length;
    if (digits.length > 10) return null;
    if (digits.length === 10) break;
    const sep = matchAt(PHONE_SEP_RE, text, cursor);
    if (!sep) return null;
    cursor += sep[0].length;
  }
  if (!/^0[1-9]\d{8}$/.test(digits)) return null;
  const after = text.slice(cursor, cursor + 2);
  // Another digit group right after means a longer number; "/0…" is a second phone number.
  if (/^[\p{L}\p{N}]/u.test(after) || /^[.,\-:]\d/.test(after) || /^\/[1-9]/.test(after)) return null;
  return { end: cursor, digits };
}

export function findPhones(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  let lastEnd = 0;
  for (const m of text.matchAll(PHONE_START_RE)) {
    if (m.index < lastEnd) continue;
    const phone = parsePhone(text, m.index);
    if (!phone) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    // Mobile numbers are never reference numbers; others after "klantnummer" etc. are.
    if (!phone.digits.startsWith('06') && REFERENCE_BEFORE_RE.test(before)) continue;
    out.push({ type: 'PHONE', start: m.index, end: phone.end });
    lastEnd = phone.end;
  }
  for (const m of text.matchAll(SHORT_MUNICIPAL_RE)) {
    out.push({ type: 'PHONE', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// --- Postcodes ---------------------------------------------------------------

const POSTCODE_RE = /(?<![\p{L}\p{N}.,\-/€])([1-9]\d{3})([ \u00a0]?)([A-Za-z]{2})(?![\p{L}\p{N}])/gu;

/**
 * Two-letter words and units: "1985 in", "2024 en", "1200 km" are not postcodes.
 * Only consulted for letters that are not both upper case, since real postcodes
 * are usually written in capitals and "2725 ab" is the exception.
 */
const TWO_LETTER_WORDS = new Set(
  (
    'al af bv ca cc cl cm da de dl do en er eu ex ga ge gr ha he hè ik in is ja je jl ju ka kb kg km kw la ' +
    'ma mb me mg mi ml mm na nl nr nu of oh ok om on oo op pa pc pk re so st ta te to tv uw vs wc we ze zo ' +
    'an as at be by go if it my no or up us'
  ).split(' '),
);

export function findPostcodes(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of text.matchAll(POSTCODE_RE)) {
    const letters = m[3] ?? '';
    const upper = letters.toUpperCase();
    if (upper === 'SA' || upper === 'SD' || upper === 'SS') continue;
    if (letters !== upper && TWO_LETTER_WORDS.has(letters.toLowerCase())) continue;
    if (/€\s?$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    out.push({ type: 'POSTCODE', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// --- BSN ---------------------------------------------------------------------

const BSN_RE =
  /(?<![\p{L}\p{N}]|\p{N}[.,\-/ ]|€\s?)(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3} \d{3} \d{3}|\d{4} \d{2} \d{3}|\d{3}\.\d{3}\.\d{3}|\d{3}-\d{3}-\d{3})(?![\p{L}\p{N}]|[.,\-/]\p{N}| \p{N})/gu;
const BSN_WORD_BEFORE_RE = /(?:bsn|burgerservicenummer|sofi-?nummer)/i;
const AMOUNT_AFTER_RE = /^\s?(?:euro\b|eur\b|,-|,\d)/i;

export function findBsns(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of text.matchAll(BSN_RE)) {
    const value = m[0];
    const end = m.index + value.length;
    if (!isValidBsn(value.replace(/-/g, ''))) continue;
    if (AMOUNT_AFTER_RE.test(text.slice(end, end + 6))) continue;
    // Thousands-style grouping (123.456.789) is normally an amount: only with a BSN keyword nearby.
    if (/^\d{3}[.-]\d{3}[.-]\d{3}$/.test(value)) {
      if (!BSN_WORD_BEFORE_RE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    }
    out.push({ type: 'BSN', start: m.index, end });
  }
  return out;
}

// --- IBAN --------------------------------------------------------------------

const NL_IBAN_RE =
  /(?<![\p{L}\p{N}])NL[ \u00a0]?\d{2}[ \u00a0]?[A-Z]{4}(?:[ \u00a0]?\d){10}(?![\p{L}\p{N}])/giu;
const FOREIGN_IBAN_RE = /(?<![\p{L}\p{N}])([A-Z]{2})[ \u00a0]?\d{2}(?:[ \u00a0]?[A-Z0-9]){10,30}/gu;

export interface IbanResult {
  spans: PiiSpan[];
  /** IBAN-shaped strings whose checksum fails: no other detector may claim them. */
  blocked: Range[];
}

export function findIbans(text: string): IbanResult {
  const spans: PiiSpan[] = [];
  const blocked: Range[] = [];
  for (const m of text.matchAll(NL_IBAN_RE)) {
    const range = { start: m.index, end: m.index + m[0].length };
    if (isValidIban(m[0])) spans.push({ type: 'IBAN', ...range });
    else blocked.push(range);
  }
  for (const m of text.matchAll(FOREIGN_IBAN_RE)) {
    const country = m[1] ?? '';
    const length = ibanLength(country);
    if (country === 'NL' || length === undefined) continue;
    // The match may run on into following words: cut it at the country's length.
    let count = 0;
    let cut = -1;
    for (let i = 0; i < m[0].length; i++) {
      if (/[A-Z0-9]/.test(m[0][i] ?? '')) count++;
      if (count === length) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) continue;
    const end = m.index + cut;
    if (/[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
    const range = { start: m.index, end };
    if (isValidIban(text.slice(range.start, range.end))) spans.push({ type: 'IBAN', ...range });
    else blocked.push(range);
  }
  return { spans, blocked };
}
