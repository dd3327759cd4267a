import { describe, expect, test } from 'vitest';
import { passwordRuleProblem } from '../../../src/lib/auth/password-policy.server';

describe('staff passwords: length over complexity, never a common one (NCSC)', () => {
  test.each([
    'fietsen langs de Dobbe',
    'koffie-met-een-koekje',
    'Zes paarse olifanten dansen',
    'twaalf teken',
    'één twee drie vier',
  ])('a long, uncommon password is fine: %s', (password) => {
    expect(passwordRuleProblem(password)).toBeNull();
  });

  test.each([
    ['a common password from breaches', 'password1234'],
    ['a common password, capitalised', 'Qwertyuiop12'],
    ['a common password with digits and a symbol after it', 'iloveyou2026!'],
    ['a Dutch word people build on', 'Wachtwoord2026!'],
    ['the place', 'Zoetermeer2026'],
    ['a welcome', 'welkom123456'],
    ['one character repeated', 'aaaaaaaaaaaa'],
    ['a block repeated', 'abcabcabcabc'],
    ['digits in a row', '123456789012'],
    ['the keyboard row', 'qwertyuiopas'],
    ['the alphabet backwards', 'zyxwvutsrqpo'],
    ['a word twice', 'welkomwelkom'],
  ])('refuses %s: %s', (_, password) => {
    expect(passwordRuleProblem(password)).toBe('common');
  });

  test('not the own e-mail address or name, decorated or not', () => {
    expect(
      passwordRuleProblem('Vandenberg2026!', ['m.vandenberg@zoetermeer.nl', 'Marieke van den Berg']),
    ).toBe('common');
    expect(passwordRuleProblem('Vandenberg2026!')).toBeNull();
  });

  test('at least 12 characters as people count them, at most 72 bytes (bcrypt)', () => {
    expect(passwordRuleProblem('elf tekens!')).toBe('tooShort');
    expect(passwordRuleProblem('ëén zin hier')).toBeNull();
    const long = 'een zin van woorden die maar doorgaat '.repeat(2);
    expect(passwordRuleProblem(long.slice(0, 72))).toBeNull();
    expect(passwordRuleProblem(long.slice(0, 73))).toBe('tooLong');
    expect(passwordRuleProblem(`${'één zin '.repeat(8)}x`)).toBe('tooLong');
  });
});
