/**
 * Pattern detectors for the structured types: e-mail, postcode, BSN and IBAN
 * (phone numbers: phone.ts). Each returns candidate spans; checksums and context decide which
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
