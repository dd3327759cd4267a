/**
 * Makes the phone metadata slice the detector uses (src/lib/privacy/phone-metadata.json) from
 * libphonenumber-js's own "max" metadata, so the browser island does not carry
 * all 245 countries (~39 kB gzipped) but only these (~3 kB).
 *
 *   npm run -s pii:phone-metadata     # after upgrading libphonenumber-js
 *
 * "max" because it holds the per-type patterns: Dutch service numbers
 * (0800, 0900, 14 0xx, 088) are then checked against their own ranges, and
 * "valid" means a real Dutch number range, not just a plausible length.
 * tests/unit/privacy/phone.test.ts fails when the slice is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The Netherlands, its neighbours, and the countries whose numbers Zoetermeer residents are most
 * likely to give for family (Dutch Caribbean, Suriname, Turkey, Morocco, Poland). Numbers with
 * another country code are found by the generic `+…` rule in phone.ts.
 */
export const PHONE_COUNTRIES = 'NL BE DE GB FR ES PL TR MA SR CW BQ AW'.split(' ');

interface MaxMetadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: Record<string, unknown>;
}

export function sliceMetadata(full: MaxMetadata, countries: readonly string[]): MaxMetadata {
  const keep = new Set(countries);
  const codes: Record<string, string[]> = {};
  for (const [code, list] of Object.entries(full.country_calling_codes)) {
    const kept = list.filter((c) => keep.has(c));
    if (kept.length > 0) codes[code] = kept;
  }
  const selected = Object.fromEntries(Object.entries(full.countries).filter(([c]) => keep.has(c)));
  return { version: full.version, country_calling_codes: codes, countries: selected, nonGeographic: {} };
}

export function currentSlice(): MaxMetadata {
  const require = createRequire(import.meta.url);
  const full = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8'));
  return sliceMetadata(full as MaxMetadata, PHONE_COUNTRIES);
}

export const SLICE_FILE = fileURLToPath(new URL('../lib/privacy/phone-metadata.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SLICE_FILE, `${JSON.stringify(currentSlice())}\n`);
  console.log(`wrote ${SLICE_FILE}`);
}
