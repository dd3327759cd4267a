/**
 * Checksums that separate real identifiers from look-alike numbers
 * (customer numbers, amounts, mistyped account numbers).
 */

/**
 * Elfproef for a burgerservicenummer: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be a
 * multiple of 11. Spaces and dots (as in "1234.56.782") are ignored; anything
 * else, or a digit count other than 9, is invalid. All zeros passes the
 * arithmetic but is never issued, so it is rejected.
 */
export function isValidBsn(digits: string): boolean {
  const clean = digits.replace(/[\s.]/g, '');
  if (!/^\d{9}$/.test(clean) || clean === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(clean[i]);
  sum -= Number(clean[8]);
  return sum % 11 === 0;
}

/** IBAN length per country for the countries residents are likely to bank in. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  NL: 18,
  BE: 16,
  DE: 22,
  LU: 20,
  FR: 27,
  GB: 22,
  ES: 24,
  IT: 27,
  PT: 25,
  AT: 20,
  CH: 21,
  IE: 22,
  DK: 18,
  PL: 28,
  TR: 26,
  MA: 28,
};

/** The country code of a compact IBAN, if it is one this module knows. */
export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTHS[country.toUpperCase()];
}

/**
 * ISO 13616 mod-97 check. Accepts spaces between groups and lower case.
 * Dutch IBANs must also have the NL shape: 4-letter bank code, 10 digits.
 */
export function isValidIban(text: string): boolean {
  const iban = text.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const country = iban.slice(0, 2);
  if (ibanLength(country) !== iban.length) return false;
  if (country === 'NL' && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  // Piecewise remainder: the numeric form is far longer than Number can hold.
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}
