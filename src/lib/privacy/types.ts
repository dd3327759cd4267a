/** The kinds of personal data the detector reports. */
export type PiiType = 'EMAIL' | 'PHONE' | 'POSTCODE' | 'BSN' | 'IBAN' | 'PERSON' | 'ADDRESS';

/**
 * A detected piece of personal data. Offsets are UTF-16 code units (JavaScript
 * string indices) and `end` is exclusive, so `text.slice(start, end)` is the value.
 */
export interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
}

export const PII_TYPES: readonly PiiType[] = [
  'EMAIL',
  'PHONE',
  'POSTCODE',
  'BSN',
  'IBAN',
  'PERSON',
  'ADDRESS',
];

/** Dutch placeholders that replace each type when text is redacted; also usable as UI labels. */
export const PII_PLACEHOLDERS: Readonly<Record<PiiType, string>> = {
  EMAIL: '[e-mailadres]',
  PHONE: '[telefoonnummer]',
  POSTCODE: '[postcode]',
  BSN: '[BSN]',
  IBAN: '[IBAN]',
  PERSON: '[naam]',
  ADDRESS: '[adres]',
};

export function isPiiType(value: unknown): value is PiiType {
  return typeof value === 'string' && (PII_TYPES as readonly string[]).includes(value);
}
