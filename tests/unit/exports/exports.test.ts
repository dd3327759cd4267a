import { describe, expect, test } from 'vitest';
import { contentDisposition, exportFileName, parseExportRequest } from '../../../src/lib/exports/filters';
import { neutraliseFormula, safeCell } from '../../../src/lib/exports/formula';
import { localWallClock } from '../../../src/lib/exports/labels.nl';
import { escapeMarkdown } from '../../../src/lib/exports/markdown-report';

describe('formula injection', () => {
  test.each(['=1+1', '+31 6', '-2', '@SUM(A1)', '\t=1', '\r=1', '＝1'])('neutralises %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  test.each(['Gewoon tekst', '', "'al veilig", '1 + 1 = 2'])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
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
    expect(name).toBe('participatieverslag-krachtig-oud-worden-2026-11-25.docx');
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
