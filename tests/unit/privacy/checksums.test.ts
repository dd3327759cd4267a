import { describe, expect, it } from 'vitest';
import { isValidBsn, isValidIban } from '~/lib/privacy';

describe('isValidBsn (elfproef)', () => {
  it.each([
    ['123456782', true],
    ['111222333', true],
    ['546362709', true],
    ['1234.56.782', true],
    ['123 456 782', true],
    ['123456789', false], // 9·1+8·2+…+2·8−9 = 147, 147 mod 11 = 4
    ['637350449', false],
    ['369338309', false],
    ['12345678', false], // 8 digits
    ['1234567820', false], // 10 digits
    ['12345678a', false],
    ['000000000', false], // passes the arithmetic, never issued
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isValidBsn(value)).toBe(expected);
  });
});

describe('isValidIban (mod-97)', () => {
  it.each([
    ['NL91ABNA0417164300', true],
    ['NL91 ABNA 0417 1643 00', true],
    ['nl91abna0417164300', true],
    ['NL44RABO0123456789', true],
    ['NL20INGB0001234567', true],
    ['BE68539007547034', true],
    ['DE89370400440532013000', true],
    ['GB82WEST12345698765432', true],
    ['NL91ABNA0417164301', false], // one digit off
    ['NL19ABNA0417164300', false], // wrong check digits
    ['NL91ABNA041716430', false], // too short
    ['NL91AB1A0417164300', false], // bank code must be letters
    ['XX91ABNA0417164300', false], // unknown country
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isValidIban(value)).toBe(expected);
  });
});
