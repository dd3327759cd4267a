import { describe, expect, test } from 'vitest';
import { contentDisposition, exportFileName, parseExportRequest } from '../../../src/lib/exports/filters';
import { neutraliseFormula, safeCell } from '../../../src/lib/exports/formula';
import { ageBandNames, localWallClock, orderedBreakdown } from '../../../src/lib/exports/labels.nl';
import { escapeMarkdown } from '../../../src/lib/exports/markdown-report';
import { pickQuotes } from '../../../src/lib/exports/report-text';
import { markdownToText, stripQuotes } from '../../../src/lib/exports/text';

describe('formula injection', () => {
  test.each(['=1+1', '+31 6', '-2', '@SUM(A1)', '\t=1', '\r=1', '＝1'])('neutralises %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  // Issue 16, item 13: invisible or white characters before the formula hid it from the check.
  test.each([
    '\u200B=HYPERLINK("https://evil.example","klik")',
    '\uFEFF=1+1',
    '\u200E\u200F+1',
    '\u202E@SUM(A1)',
    '\u2066-2+3',
    '\u00A0=1',
    '\u2007\u3000=1',
    '\u00AD=1',
    '\u2060=1',
    '  =1+1',
    '\r\n=1',
    '\n-1',
    ' \t\u200B\u200C\u200D\uFEFF＝1',
  ])('neutralises %j behind invisible characters', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  test.each(['Gewoon tekst', '', "'al veilig", '1 + 1 = 2', '\u200BGewoon', '  tekst = 2', '\u00A0'])(
    'leaves %j alone',
    (text) => {
      expect(neutraliseFormula(text)).toBe(text);
    },
  );
  test('numbers and empty cells stay what they are', () => {
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
  });
});

describe('export requests', () => {
  test('empty form fields mean "all"', () => {
    const parsed = parseExportRequest(
      new URLSearchParams(
        'consultation=krachtig-oud-worden&source=current&audience=&channel=&from=&to=&format=xlsx',
      ),
    );
    expect(parsed.success && parsed.data).toEqual({
      consultation: 'krachtig-oud-worden',
      source: 'current',
      format: 'xlsx',
    });
  });
  test.each([
    'consultation=x&format=exe',
    'consultation=x&format=csv&audience=iedereen',
    'consultation=x&format=csv&from=2026-12-01&to=2026-11-01',
    'consultation=x&format=csv&source=geen-uuid',
    'consultation=X;drop&format=csv',
  ])('refuses %s', (query) => {
    expect(parseExportRequest(new URLSearchParams(query)).success).toBe(false);
  });
  test('file names are Dutch, dated in Dutch time, and safe in a header', () => {
    const name = exportFileName('docx', 'krachtig-oud-worden', new Date('2026-11-24T23:30:00Z'));
    expect(name).toBe('participatieverslag-krachtig-oud-worden-huidig-2026-11-25.docx');
    const version = {
      id: '3f2a9c1b-0000-4000-8000-000000000001',
      createdAt: new Date('2026-12-05T23:30:00Z'),
    };
    expect(exportFileName('docx', 'krachtig-oud-worden', new Date('2026-12-07T10:00:00Z'), version)).toBe(
      'participatieverslag-krachtig-oud-worden-versie-2026-12-06-3f2a9c1b.docx',
    );
    expect(exportFileName('xlsx', 'krachtig-oud-worden', new Date(), version)).toBe(
      'inbreng-en-themas-krachtig-oud-worden-versie-2026-12-06-3f2a9c1b.xlsx',
    );
    expect(contentDisposition(name)).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
  });
});

test('wall-clock dates show Dutch time in a spreadsheet', () => {
  expect(localWallClock(new Date('2026-07-01T08:05:00Z')).toISOString()).toBe('2026-07-01T10:05:00.000Z');
  expect(localWallClock(new Date('2026-12-01T08:05:00Z')).toISOString()).toBe('2026-12-01T09:05:00.000Z');
});

test('resident text in the Markdown report cannot add markup', () => {
  expect(escapeMarkdown('# kop <script> *vet* [link](x)')).toBe(
    '\\# kop \\<script\\> \\*vet\\* \\[link\\](x)',
  );
  expect(escapeMarkdown('- punt')).toBe('\\- punt');
});

test.each([
  ['„Ik wil zelf blijven doen.”', 'Ik wil zelf blijven doen.'],
  ['"Dubbel"', 'Dubbel'],
  ['“Genest: ‘ja’”', 'Genest: ‘ja’'],
  ['Hij zei "ja" en ging', 'Hij zei "ja" en ging'],
  ['"Eerste" en "tweede"', '"Eerste" en "tweede"'],
  ['  “Met spaties”  ', 'Met spaties'],
])('a quote loses only the marks that wrap it: %j', (text, expected) => {
  expect(stripQuotes(text)).toBe(expected);
});

test('Markdown becomes plain text for a spreadsheet cell', () => {
  expect(markdownToText('Veel **inwoners** willen *zelf* doen.\n\n- een\n- [twee](https://x.test)')).toBe(
    'Veel inwoners willen zelf doen.\n\n- een\n- twee (https://x.test)',
  );
  expect(markdownToText('## Kop\n\nTekst met &amp; en `code`.')).toBe('Kop\n\nTekst met & en code.');
});

test('breakdowns keep their natural order, unknown last, never by count', () => {
  expect(orderedBreakdown({ onbekend: 9, '85-plus': 1, 'tot-55': 5, '65-74': 7 }, ageBandNames)).toEqual([
    ['Jonger dan 55 jaar', 5],
    ['65 tot 75 jaar', 7],
    ['85 jaar of ouder', 1],
    ['onbekend', 9],
  ]);
  expect(orderedBreakdown({ Rokkeveen: 1, onbekend: 3, Centrum: 2 })).toEqual([
    ['Centrum', 2],
    ['Rokkeveen', 1],
    ['onbekend', 3],
  ]);
});

test('a report quotes short texts first, three a theme, whitespace made even', () => {
  const long = { body: `${'lang '.repeat(80)}einde` };
  const quotes = [long, { body: 'Een  korte\nreactie.' }, { body: 'Nog een.' }, { body: 'Derde.' }];
  expect(pickQuotes(quotes).map((q) => q.body)).toEqual(['Een korte reactie.', 'Nog een.', 'Derde.']);
  expect(pickQuotes([long, { body: 'Kort.' }]).map((q) => q.body.slice(0, 5))).toEqual(['Kort.', 'lang ']);
});
