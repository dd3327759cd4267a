import { expect, test } from 'vitest';
import { asQuote, withoutQuotationMarks } from '../../../src/lib/roadtour/quote';

// Issue 20 item 9: a quote typed with its own quotation marks printed as “"…"”.

test.each([
  ['Ik red me wel.', 'Ik red me wel.'],
  ['"Ik red me wel."', 'Ik red me wel.'],
  ['“Ik red me wel.”', 'Ik red me wel.'],
  ['„Ik red me wel.”', 'Ik red me wel.'],
  ["'Ik red me wel.'", 'Ik red me wel.'],
  ['‘Ik red me wel.’', 'Ik red me wel.'],
  ['«Ik red me wel.»', 'Ik red me wel.'],
  ['  "Ik red me wel."  ', 'Ik red me wel.'],
  ['""Dubbel""', 'Dubbel'],
  ['Ze zei "nee" en ging weg.', 'Ze zei "nee" en ging weg.'],
  ['"Nee", zei ze.', '"Nee", zei ze.'],
  ['Ze zei: "nee"', 'Ze zei: "nee"'],
  ['""', '""'],
  ['"', '"'],
])('withoutQuotationMarks(%j) is %j', (typed, stored) => {
  expect(withoutQuotationMarks(typed)).toBe(stored);
});

test('a quote is shown with one pair of marks, whether or not they were typed', () => {
  expect(asQuote('Zelf kiezen')).toBe('“Zelf kiezen”');
  expect(asQuote('"Zelf kiezen"')).toBe('“Zelf kiezen”');
  expect(asQuote('„Zelf kiezen”')).toBe('“Zelf kiezen”');
});
