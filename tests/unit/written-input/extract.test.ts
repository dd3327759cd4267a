/**
 * Issue 19: documents come in as .txt, .docx or .pdf and split into the same points. The .docx
 * files are written here with the docx package, the PDFs with tests/support/pdf.ts (and, where
 * LibreOffice is installed, converted from the .docx by it, as a real word processor would).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { describe, expect, test, vi } from 'vitest';
import { decodeText, documentType, extractText } from '../../../src/lib/written-input/extract.server';
import { MAX_FILE_BYTES } from '../../../src/lib/written-input/schema';
import { type SplitBlock, splitPoints } from '../../../src/lib/written-input/split';
import { buildPdf, layoutPdf } from '../../support/pdf';
import { seedText } from './seeds';

// Parsing Word and PDF files takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const shape = (points: SplitBlock[]) =>
  points.map((p) => ({ text: squash(p.text), response: squash(p.response) }));

/** Seed paragraphs as a word processor holds them: blank-line separated, Markdown removed. */
const plainParagraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/\*\*|(?<!\w)\*|\*(?!\w)|^#+\s*|\\/gm, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);

const docxOf = (children: (Paragraph | Table)[]) =>
  Packer.toBuffer(new Document({ sections: [{ children }] }));

async function read(name: string, bytes: Uint8Array) {
  const result = await extractText({ name, bytes });
  if (!result.ok) throw new Error(result.code);
  return result;
}

const expected000 = shape(splitPoints(seedText('000')));
const expected003 = shape(splitPoints(seedText('003')));

describe('seed 000 (numbered advice with "Reactie college")', () => {
  test('as .txt', async () => {
    const result = await read('advies.txt', new TextEncoder().encode(seedText('000')));
    expect(result.type).toBe('txt');
    expect(shape(splitPoints(result.text))).toEqual(expected000);
    expect(expected000).toHaveLength(5);
  });

  test('as .docx', async () => {
    const bytes = await docxOf(
      plainParagraphs(seedText('000')).map((p) => new Paragraph({ children: [new TextRun(p)] })),
    );
    const result = await read('advies.docx', bytes);
    expect(result.type).toBe('docx');
    expect(shape(splitPoints(result.text))).toEqual(expected000);
  });

  test('as .pdf, and letter-spaced .pdf', async () => {
    for (const options of [{}, { charSpacing: 1.4 }, { letterGap: 1.6 }]) {
      const result = await read('advies.pdf', layoutPdf(plainParagraphs(seedText('000')), options));
      expect(result.type).toBe('pdf');
      expect(shape(splitPoints(result.text)), JSON.stringify(options)).toEqual(expected000);
    }
  }, 30_000);

  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  test.skipIf(!soffice)(
    'as .pdf made by LibreOffice from the .docx',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'dm-advice-'));
      try {
        const docx = path.join(dir, 'advies.docx');
        await writeFile(
          docx,
          await docxOf(
            plainParagraphs(seedText('000')).map((p) => new Paragraph({ children: [new TextRun(p)] })),
          ),
        );
        await promisify(execFile)(
          soffice as string,
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            docx,
          ],
          { timeout: 120_000 },
        );
        const result = await read('advies.pdf', await readFile(path.join(dir, 'advies.pdf')));
        expect(shape(splitPoints(result.text))).toEqual(expected000);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});

describe('seed 003 (a table "advies | reactie van het college")', () => {
  const rows = splitPoints(seedText('003'));
  const intro = plainParagraphs(seedText('003')).slice(0, 1);

  test('as .txt', async () => {
    const result = await read('advies.txt', new TextEncoder().encode(seedText('003')));
    expect(shape(splitPoints(result.text))).toEqual(expected003);
    expect(expected003).toHaveLength(9);
  });

  test('as .docx with a real table', async () => {
    const cell = (text: string) =>
      new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: [new Paragraph(text)] });
    const table = new Table({
      rows: [
        new TableRow({
          children: [
            cell('Aandachtspunten en adviezen van Adviesraad sociaal domein'),
            cell('Reactie van het college'),
          ],
        }),
        ...rows.map((r) => new TableRow({ children: [cell(r.text), cell(r.response ?? '')] })),
      ],
    });
    const result = await read('advies.docx', await docxOf([...intro.map((p) => new Paragraph(p)), table]));
    expect(shape(splitPoints(result.text))).toEqual(expected003);
  });

  test('as a two-column .pdf', async () => {
    const cells = ['Aandachtspunten en adviezen van Adviesraad sociaal domein', 'Reactie van het college'];
    for (const r of rows) cells.push(r.text, r.response ?? '');
    const result = await read('advies.pdf', layoutPdf([...cells], { columns: 2 }));
    expect(shape(splitPoints(result.text))).toEqual(expected003);
  });
});

describe('letter-spaced PDF text comes out as words', () => {
  test.each([
    ['character spacing (Tc)', { charSpacing: 1.5 }],
    ['letters placed one by one', { letterGap: 2 }],
  ])('%s', async (_, style) => {
    const line = 'De afgelopen periode deed Radar Advies in opdracht van het college onderzoek';
    const result = await read('memo.pdf', buildPdf([[{ text: line, x: 50, y: 800, ...style }]]));
    expect(result.text).toBe(line);
  });
});

describe('bad files', () => {
  test('a PDF with a password, without text (a scan), or broken says so', async () => {
    expect(
      await extractText({
        name: 'a.pdf',
        bytes: buildPdf([[{ text: 'Geheim', x: 50, y: 800 }]], { encrypted: true }),
      }),
    ).toEqual({
      ok: false,
      code: 'pdf.encrypted',
    });
    expect(await extractText({ name: 'scan.pdf', bytes: buildPdf([[]]) })).toEqual({
      ok: false,
      code: 'pdf.noText',
    });
    expect(
      await extractText({ name: 'kapot.pdf', bytes: new TextEncoder().encode('%PDF-1.4 kapot') }),
    ).toEqual({
      ok: false,
      code: 'file.unreadable',
    });
  });

  test('another type, or a renamed file, is refused before any parser reads it', () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]);
    expect(documentType('brief.docx', zip)).toBe('docx');
    expect(documentType('brief.xlsx', zip)).toBeNull();
    expect(documentType('brief.txt', new Uint8Array([0x4d, 0x5a, 0, 0]))).toBeNull();
    expect(documentType('foto.jpg', new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
    expect(documentType('brief.docx', new TextEncoder().encode('%PDF-1.4'))).toBeNull();
  });

  test('too large, empty, a broken .docx', async () => {
    expect(
      await extractText({ name: 'groot.txt', bytes: new Uint8Array(MAX_FILE_BYTES + 1).fill(65) }),
    ).toEqual({
      ok: false,
      code: 'file.tooLarge',
    });
    expect(await extractText({ name: 'leeg.txt', bytes: new Uint8Array() })).toEqual({
      ok: false,
      code: 'file.missing',
    });
    expect(await extractText({ name: 'spaties.txt', bytes: new TextEncoder().encode(' \n ') })).toEqual({
      ok: false,
      code: 'file.noText',
    });
    expect(
      await extractText({ name: 'kapot.docx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) }),
    ).toEqual({
      ok: false,
      code: 'file.unreadable',
    });
  });

  test('text in Windows-1252 is read as well as UTF-8', () => {
    expect(decodeText(new Uint8Array([0x63, 0x6c, 0x69, 0xeb, 0x6e, 0x74]))).toBe('cliënt');
    expect(decodeText(new TextEncoder().encode('\ufeffcliënt'))).toBe('cliënt');
  });
});
