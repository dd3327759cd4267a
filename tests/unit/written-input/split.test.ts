import { describe, expect, test } from 'vitest';
import { splitDocument, splitPoints, stripMarkup } from '../../../src/lib/written-input/split';
import { advice000, advice003, seedText } from './seeds';

describe('splitting the seed documents into their advice points', () => {
  test('seed 000: five numbered points, each with the college’s response beside it', () => {
    const points = splitPoints(seedText('000'));
    expect(points.map((p) => p.label)).toEqual(['1', '2', '3', '4', '5']);
    points.forEach((point, i) => {
      const [text, response] = advice000[i] ?? ['', ''];
      expect(point.text.startsWith(text), point.text.slice(0, 60)).toBe(true);
      expect(point.response?.startsWith(response), point.response?.slice(0, 60)).toBe(true);
      expect(point.text).not.toMatch(/Reactie college|\*/);
    });
    // The response's list and its second paragraph stay with point 2, as Markdown.
    expect(points[1]?.response).toMatch(/\n- Signalerend huisbezoek/);
    expect(points[1]?.response).toMatch(/samenzoetermeergezond\.nl\)\.$/);
  });

  test('seed 000: the letter around the points is left out, the signature among it', () => {
    const blocks = splitDocument(seedText('000'));
    const other = blocks.filter((b) => b.kind === 'other').map((b) => b.text);
    expect(other).toContain('Beste voorzitter en leden van de adviesraad,');
    expect(other.some((t) => t.includes('B.J.D. Huykman'))).toBe(true);
    expect(blocks.findIndex((b) => b.kind === 'point')).toBeGreaterThan(other.length - 1);
  });

  test('seed 003: the table "advies | reactie" gives nine points, cells over a page break joined', () => {
    const points = splitPoints(seedText('003'));
    expect(points).toHaveLength(advice003.length);
    points.forEach((point, i) => {
      const [text, response] = advice003[i] ?? ['', ''];
      expect(point.text.startsWith(text), point.text.slice(0, 60)).toBe(true);
      expect(point.response?.startsWith(response), point.response?.slice(0, 60)).toBe(true);
    });
    expect(points[3]?.text).toMatch(/de HH en de onder 2 genoemde onderwerpen .* van de grond is gekomen\.$/);
    expect(points[3]?.response).toMatch(/TIM is daar .* Deze integrale werkwijze gaat verder/);
    expect(points[8]?.text).toMatch(/financiële uitgave voor maatwerk HH te beheersen/);
  });

  test('seed 004: fourteen "Aanbeveling" points, also with spaced-out letters', () => {
    const points = splitPoints(seedText('004'));
    expect(points.map((p) => p.label)).toEqual(Array.from({ length: 14 }, (_, i) => `Aanbeveling ${i + 1}`));
    expect(points[0]?.response).toMatch(/^We pakken de her/);
    // A sentence cut by the line ends goes on with a space, not a new paragraph.
    expect(points[1]?.text).toMatch(/huid ige inkoopcontracten\./);
  });
});

describe('markers', () => {
  test.each([
    [
      'Advies 1: Meer hulp.\nAdvies 2: Minder regels.',
      ['Advies 1', 'Advies 2'],
      ['Meer hulp.', 'Minder regels.'],
    ],
    [
      'Aanbeveling 3 – Kortere lijnen.\n\nAanbeveling 4. Minder papier.',
      ['Aanbeveling 3', 'Aanbeveling 4'],
      ['Kortere lijnen.', 'Minder papier.'],
    ],
    ['1) Een.\n2) Twee.\n3) Drie.', ['1', '2', '3'], ['Een.', 'Twee.', 'Drie.']],
    [
      'Wij vragen:\n- meer tijd;\n- meer geld;\n• minder regels.',
      [null, null, null],
      ['meer tijd;', 'meer geld;', 'minder regels.'],
    ],
  ])('%j', (text, labels, texts) => {
    const points = splitPoints(text);
    expect(points.map((p) => p.label)).toEqual(labels);
    expect(points.map((p) => p.text)).toEqual(texts);
  });

  test('a number inside the text is no point; numbering must count up from 1', () => {
    const points = splitPoints(
      '1. Eerste punt.\n\nIn 2024 waren er 3. ongeveer.\n\n2. Tweede punt.\n\n5. Geen punt.',
    );
    expect(points.map((p) => p.label)).toEqual(['1', '2']);
    expect(points[0]?.text).toBe('Eerste punt.\n\nIn 2024 waren er 3. ongeveer.');
    expect(points[1]?.text).toBe('Tweede punt.\n\n5. Geen punt.');
  });

  test('a letter without markers: paragraphs between salutation and closing', () => {
    const blocks = splitDocument(
      'Ouderenbond Zoetermeer\nDorpsstraat 1\n\nGeachte heer, mevrouw,\n\nWij missen de bus naar de markt.\n\nDe hulp komt te laat.\n\nMet vriendelijke groet,\nhet bestuur',
    );
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['other', 'Ouderenbond Zoetermeer Dorpsstraat 1'],
      ['other', 'Geachte heer, mevrouw,'],
      ['point', 'Wij missen de bus naar de markt.'],
      ['point', 'De hulp komt te laat.'],
      ['other', 'Met vriendelijke groet, het bestuur'],
    ]);
  });

  test('hyphenation at a line end is undone; Windows line ends and empty input are fine', () => {
    expect(splitPoints('1. De huishoude-\r\nlijke hulp.\r\n2. Twee.')[0]?.text).toBe(
      'De huishoudelijke hulp.',
    );
    expect(splitDocument('')).toEqual([]);
    expect(splitDocument('   \n\n  ')).toEqual([]);
  });

  test('Markdown markup from converted documents is removed', () => {
    expect(stripMarkup('**Datum** *23 juli* [nota](#) \\(x\\)')).toBe('Datum 23 juli nota (x)');
    expect(stripMarkup('## Bijlage 1')).toBe('Bijlage 1');
    expect(stripMarkup('2 * 3 = 6')).toBe('2 * 3 = 6');
  });
});
