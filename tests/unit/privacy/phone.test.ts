/**
 * Issue 16 item 15: phone numbers found with libphonenumber-js (Dutch metadata, default country
 * NL) instead of hand-written patterns, and the look-alikes a text detector must leave alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentSlice, SLICE_FILE } from '../../../src/cli/phone-metadata';
import { found } from './helpers';

describe('PHONE: forms the hand-written patterns missed (issue 16 item 15)', () => {
  it.each([
    ['Bel mij op +31 (0)79 3428816, liefst na tienen.', ['PHONE:+31 (0)79 3428816']],
    ['Mijn dochter (06-53829104) weet er alles van.', ['PHONE:06-53829104']],
    ['Ik belde het gratis nummer 0800-8811 maar kreeg niemand.', ['PHONE:0800-8811']],
    ['Een betaalde lijn, 0900-1234567, vind ik niet eerlijk.', ['PHONE:0900-1234567']],
    ['Bel 112 bij nood of 0900-8844 voor de politie.', ['PHONE:0900-8844']],
    ['Gemeente bellen kan via 14 079, dat weet niet iedereen.', ['PHONE:14 079']],
    ['De zorgaanbieder zit op 088-1234567.', ['PHONE:088-1234567']],
    ['Bereikbaar op (079) 342 88 16 of 06 53 82 91 04.', ['PHONE:(079) 342 88 16', 'PHONE:06 53 82 91 04']],
    ['tel.:0612345678, na 17 uur', ['PHONE:0612345678']],
    ['Bel (+31) 6 12345678 of 06.12.34.56.78.', ['PHONE:(+31) 6 12345678', 'PHONE:06.12.34.56.78']],
    ['Mijn zoon woont in Antwerpen: +32 470 12 34 56.', ['PHONE:+32 470 12 34 56']],
    ['Mijn broer in Paramaribo: +597 812 3456.', ['PHONE:+597 812 3456']],
    ['Mijn nicht in New York: +1 212 555 0100.', ['PHONE:+1 212 555 0100']],
  ])('finds %s', (text, expected) => {
    expect(found(text, 'PHONE')).toEqual(expected);
  });
});

describe('PHONE: look-alikes are not phone numbers', () => {
  it.each([
    'Het kost € 1.234,56 per jaar, of 184.562.917 euro voor de hele stad.',
    'De begroting is 184562917 euro.',
    'Op 12-03-2025 om 10.30 uur, en weer op 15-01-2024.',
    'Sinds 1985, 2003 en 2024 woon ik hier.',
    'Ik woon op nummer 12, postcode 2711 AB.',
    'Het burgerservicenummer 546362709 staat op de brief.', // a BSN, not a phone number
    'Dossiernummer 2024-00318 en 2024-001873.',
    'Ordernummer 0791234567 en klantnummer 0793428816.',
    'Factuurnummer: 0612 staat erop.',
    'Rekening NL20ABNA6503003090 klopt niet.',
    'Een nummer van zeven cijfers: 0612345.',
    'Het waren 0,5 tot 1,5 uur per week, 3 keer 45 minuten.',
    'De bus gaat om 07:45 en om 08:15.',
  ])('ignores %s', (text) => {
    expect(found(text, 'PHONE')).toEqual([]);
  });
});

describe('phone metadata slice', () => {
  it('is the installed libphonenumber-js max metadata for the chosen countries (npm run -s pii:phone-metadata)', () => {
    expect(JSON.parse(readFileSync(SLICE_FILE, 'utf8'))).toEqual(currentSlice());
  });
});

describe('PHONE: found after the hold-out was scored once', () => {
  it('finds a mobile number in a range not handed out yet', () => {
    expect(found('Bel mij: 06 98 76 54 32.', 'PHONE')).toEqual(['PHONE:06 98 76 54 32']);
  });

  it.each(['Markt Dorp, 09.00–11.30, ca 35 gesprekken.', 'Open van 10:30 - 12:00 uur.'])(
    'reads a time range as times: %s',
    (text) => {
      expect(found(text, 'PHONE')).toEqual([]);
    },
  );
});
