import { describe, expect, test } from 'vitest';
import {
  ageBandOf,
  audienceOf,
  autoMapping,
  dayOf,
  receivesHelpOf,
  wijkOf,
} from '../../../src/lib/imports/mapping';
import { decodeCsv, delimiterOf, fileTypeOf } from '../../../src/lib/imports/read.server';
import type { ImportQuestion } from '../../../src/lib/imports/types';

describe('profile values as people type them', () => {
  test.each([
    ['65-74', '65-74'],
    ['55 tot 65 jaar', '55-64'],
    ['Jonger dan 55 jaar', 'tot-55'],
    ['85+', '85-plus'],
    ['85 jaar of ouder', '85-plus'],
    ['72', '65-74'],
    ['54', 'tot-55'],
    ['85', '85-plus'],
    ['honderd', null],
    ['7', null],
    ['55', '55-64'],
  ])('age %j reads as %j', (value, band) => expect(ageBandOf(value)).toBe(band));

  test.each([
    ['Inwoner', 'inwoner'],
    ['inwoners', 'inwoner'],
    ['Zorgorganisatie (aanbieder)', 'aanbieder'],
    ['aanbieders', 'aanbieder'],
    ['Ouderenbond of cliëntorganisatie', 'ouderenbond'],
    ['bewoner', null],
  ])('audience %j reads as %j', (value, audience) => expect(audienceOf(value)).toBe(audience));

  test.each([
    ['ja', 'ja'],
    ['Nee', 'nee'],
    ['weet niet', 'weet-niet'],
    ['Weet ik niet', 'weet-niet'],
    ['misschien', null],
  ])('help %j reads as %j', (value, answer) => expect(receivesHelpOf(value)).toBe(answer));

  test('a wijk only from the list, ignoring case and spaces', () => {
    expect(wijkOf(' de leyens', ['De Leyens', 'Dorp'])).toBe('De Leyens');
    expect(wijkOf('Dorpsstraat 3', ['De Leyens', 'Dorp'])).toBeNull();
  });

  test.each([
    ['31-12-2026', '2026-12-31'],
    ['1/2/2026', '2026-02-01'],
    ['2026-12-31', '2026-12-31'],
    ['31.12.2026 14:05', '2026-12-31'],
    ['31-02-2026', null],
    ['morgen', null],
  ])('day %j reads as %j', (value, day) =>
    expect(dayOf(value)?.toISOString().slice(0, 10) ?? null).toBe(day),
  );
});

describe('reading CSV bytes', () => {
  test('UTF-8 with a byte order mark, Windows-1252, and a mix of both', () => {
    expect(decodeCsv(Buffer.from('\uFEFFa;é\n', 'utf8'))).toMatchObject({ text: 'a;é\n', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('a;café\n', 'latin1'))).toMatchObject({
      text: 'a;café\n',
      encoding: 'windows-1252',
    });
    const mixed = decodeCsv(
      Buffer.concat([Buffer.from('kop;één\n', 'utf8'), Buffer.from('x;café\n', 'latin1')]),
    );
    expect(mixed.encoding).toBe('mixed');
    expect([...mixed.otherLines]).toEqual([2]);
  });

  test.each([
    ['a;b;c\n1,5;2;3', ';'],
    ['a,b,c\n1;2;3', ','],
    ['"a;b",c,d', ','],
    ['a\tb', '\t'],
  ])('the delimiter of %j is %j', (text, delimiter) => expect(delimiterOf(text)).toBe(delimiter));

  test('the type is checked by name and first bytes before parsing', () => {
    expect(fileTypeOf('a.csv', Buffer.from('x'))).toBe('csv');
    expect(fileTypeOf('a.XLSX', Buffer.from([0x50, 0x4b, 3, 4]))).toBe('xlsx');
    expect(() => fileTypeOf('a.xlsx', Buffer.from('x'))).toThrow('file.type');
    expect(() => fileTypeOf('a.csv', Buffer.from([0x50, 0x4b, 3, 4]))).toThrow('file.type');
    expect(() => fileTypeOf('a.pdf', Buffer.from('%PDF'))).toThrow('file.type');
    expect(() => fileTypeOf('a.csv', Buffer.from('a\u0000b'))).toThrow('file.type');
  });
});

describe('automatic mapping', () => {
  const q = (audience: ImportQuestion['audience'], key: string, prompt: string): ImportQuestion => ({
    id: `${audience}-${key}`,
    audience,
    key,
    prompt,
    maxLength: 5000,
  });
  const questions = [
    q('inwoner', 'schoon-huis', 'Hoe wilt u later zorgen voor een schoon huis?'),
    q('inwoner', 'krachtig', 'Wat is voor u belangrijk?'),
    q('mantelzorger', 'krachtig', 'Wat is voor u belangrijk?'),
  ];
  test('by key, prompt or field name; a prompt two audiences share is ambiguous unless one is chosen', () => {
    const headers = [
      'Tijdstempel',
      'Doelgroep',
      'schoon-huis',
      'Wat is voor ú belangrijk',
      'Nr',
      'Opmerking',
    ];
    expect(autoMapping(headers, questions)).toEqual({
      mapping: {
        Tijdstempel: 'datum',
        Doelgroep: 'doelgroep',
        'schoon-huis': 'vraag:inwoner:schoon-huis',
        'Wat is voor ú belangrijk': '',
        Nr: 'negeren',
        Opmerking: '',
      },
      ambiguous: [['Wat is voor ú belangrijk', ['vraag:inwoner:krachtig', 'vraag:mantelzorger:krachtig']]],
    });
    expect(autoMapping(headers, questions, 'mantelzorger').mapping['Wat is voor ú belangrijk']).toBe(
      'vraag:mantelzorger:krachtig',
    );
  });
});
