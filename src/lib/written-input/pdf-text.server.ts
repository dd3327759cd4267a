/**
 * Text of a PDF, with words rebuilt from where each letter stands (issue 19: "PDFs with
 * letter-spaced text like seed 004 must come out as words").
 *
 * pdf.js's own getTextContent() inserts a space wherever two letters stand more than a tenth of
 * the font size apart, so letter-spaced text (character spacing, or letters placed one by one)
 * comes out as "c o l l e g e", with the real word breaks lost among the fake ones. Here we walk
 * pdf.js's operator list instead: every glyph with its position (text matrix, CTM, character and
 * word spacing, TJ adjustments), then per line the usual gap between letters is measured and only
 * a clearly wider gap (or a real space glyph) breaks a word. Lines go together into paragraphs;
 * a blank line's worth of space, a jump back up (the next table cell or column) or a new page
 * starts a new paragraph.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

type Matrix = [number, number, number, number, number, number];
const identity = (): Matrix => [1, 0, 0, 1, 0, 0];
/** m1 × m2 in PDF's row-vector convention (apply m1, then m2). */
const multiply = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0] * m2[0] + m1[1] * m2[2],
  m1[0] * m2[1] + m1[1] * m2[3],
  m1[2] * m2[0] + m1[3] * m2[2],
  m1[2] * m2[1] + m1[3] * m2[3],
  m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
  m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
];
const translate = (tx: number, ty: number): Matrix => [1, 0, 0, 1, tx, ty];

interface Glyph {
  readonly ch: string;
  readonly space: boolean;
  readonly x: number;
  readonly y: number;
  readonly end: number;
  readonly size: number;
}

interface PdfGlyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

/** Glyphs of one page in drawing order, in page coordinates. */
function glyphsOf(fnArray: number[], argsArray: unknown[][], OPS: Record<string, number>): Glyph[] {
  const out: Glyph[] = [];
  let ctm = identity();
  const stack: Matrix[] = [];
  let tm = identity();
  let tlm = identity();
  let size = 0;
  let charSpacing = 0;
  let wordSpacing = 0;
  let hScale = 1;
  let leading = 0;
  let rise = 0;
  const moveText = (tx: number, ty: number) => {
    tlm = multiply(translate(tx, ty), tlm);
    tm = [...tlm];
  };
  const show = (items: unknown[]) => {
    for (const item of items) {
      if (typeof item === 'number') {
        tm = multiply(translate((-item / 1000) * size * hScale, 0), tm);
        continue;
      }
      const glyph = item as PdfGlyph | null;
      if (!glyph) continue;
      const width = ((glyph.width ?? 0) / 1000) * size;
      // Word spacing follows the character code 32 (isSpace); whether it *is* a space follows
      // the text it stands for: subset fonts (LibreOffice's) give code 32 to any letter.
      const unicode = glyph.unicode ?? '';
      const space = unicode === '' ? glyph.isSpace === true : unicode.trim() === '';
      const m = multiply(multiply(translate(0, rise), tm), ctm);
      const advance = (width + charSpacing + (glyph.isSpace ? wordSpacing : 0)) * hScale;
      const scaleX = Math.hypot(m[0], m[1]);
      out.push({
        ch: unicode,
        space,
        x: m[4],
        y: m[5],
        end: m[4] + width * hScale * scaleX,
        size: Math.abs(size) * Math.hypot(m[2], m[3]),
      });
      tm = multiply(translate(advance, 0), tm);
    }
  };
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] ?? [];
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? identity();
        break;
      case OPS.transform:
        ctm = multiply(args as Matrix, ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args[0]) && args[0].length === 6) ctm = multiply(args[0] as Matrix, ctm);
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? identity();
        break;
      case OPS.beginText:
        tm = identity();
        tlm = identity();
        break;
      case OPS.setFont:
        size = Number(args[1]) || 0;
        break;
      case OPS.setCharSpacing:
        charSpacing = Number(args[0]) || 0;
        break;
      case OPS.setWordSpacing:
        wordSpacing = Number(args[0]) || 0;
        break;
      case OPS.setHScale:
        hScale = (Number(args[0]) || 100) / 100;
        break;
      case OPS.setLeading:
        leading = Number(args[0]) || 0;
        break;
      case OPS.setTextRise:
        rise = Number(args[0]) || 0;
        break;
      case OPS.moveText:
        moveText(Number(args[0]) || 0, Number(args[1]) || 0);
        break;
      case OPS.setLeadingMoveText:
        leading = -(Number(args[1]) || 0);
        moveText(Number(args[0]) || 0, Number(args[1]) || 0);
        break;
      case OPS.setTextMatrix: {
        const m = (Array.isArray(args[0]) ? args[0] : args) as Matrix;
        tlm = [...m] as Matrix;
        tm = [...m] as Matrix;
        break;
      }
      case OPS.nextLine:
        moveText(0, -leading);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        show(Array.isArray(args[0]) ? (args[0] as unknown[]) : []);
        break;
      case OPS.nextLineShowText:
        moveText(0, -leading);
        show(Array.isArray(args[0]) ? (args[0] as unknown[]) : []);
        break;
      case OPS.nextLineSetSpacingShowText:
        wordSpacing = Number(args[0]) || 0;
        charSpacing = Number(args[1]) || 0;
        moveText(0, -leading);
        show(Array.isArray(args[2]) ? (args[2] as unknown[]) : []);
        break;
      default:
        break;
    }
  });
  return out;
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** One line's glyphs as words: a space glyph, or a gap clearly wider than the line's usual one. */
function lineText(line: readonly Glyph[]): string {
  const letters = line.filter((g) => !g.space && g.ch.trim() !== '');
  const size = median(letters.map((g) => g.size)) || 10;
  const gaps: number[] = [];
  for (let i = 1; i < line.length; i += 1) {
    const a = line[i - 1] as Glyph;
    const b = line[i] as Glyph;
    if (!a.space && !b.space) gaps.push(b.x - a.end);
  }
  const usual = Math.max(0, median(gaps));
  // Letter-spaced lines: letters stand `usual` apart, words clearly more.
  const threshold = usual + (usual > 0.08 * size ? 0.25 : 0.18) * size;
  let text = '';
  let pendingSpace = false;
  let prev: Glyph | null = null;
  for (const g of line) {
    if (g.space || g.ch.trim() === '') {
      pendingSpace = true;
      continue;
    }
    if (prev && (pendingSpace || g.x - prev.end > threshold)) text += ' ';
    text += g.ch;
    pendingSpace = false;
    prev = g;
  }
  return text.trim();
}

/** A page's glyphs as paragraphs of lines. */
function pageText(glyphs: readonly Glyph[]): string {
  const lines: { glyphs: Glyph[]; y: number; size: number }[] = [];
  let current: Glyph[] = [];
  let last: Glyph | null = null;
  const flush = () => {
    const letters = current.filter((g) => !g.space);
    if (letters.length > 0)
      lines.push({
        glyphs: current,
        y: median(letters.map((g) => g.y)),
        size: median(letters.map((g) => g.size)) || 10,
      });
    current = [];
  };
  for (const g of glyphs) {
    if (last && !g.space) {
      const size = g.size || 10;
      const newLine = Math.abs(g.y - last.y) > 0.5 * size || g.x < last.end - 2 * size;
      if (newLine) flush();
    }
    current.push(g);
    if (!g.space) last = g;
  }
  flush();
  const paragraphs: string[][] = [];
  let paragraph: string[] = [];
  lines.forEach((line, i) => {
    const text = lineText(line.glyphs);
    if (text === '') return;
    const before = lines[i - 1];
    if (before && paragraph.length > 0) {
      const drop = before.y - line.y;
      // A blank line's worth of space, or back up the page (a table's next cell, a column).
      if (drop > 1.8 * line.size || drop < -0.5 * line.size) {
        paragraphs.push(paragraph);
        paragraph = [];
      }
    }
    paragraph.push(text);
  });
  if (paragraph.length > 0) paragraphs.push(paragraph);
  return paragraphs.map((p) => p.join('\n')).join('\n\n');
}

export type PdfTextResult =
  | { ok: true; text: string }
  | { ok: false; code: 'pdf.encrypted' | 'pdf.unreadable' };

const require = createRequire(import.meta.url);
/** pdf.js's standard fonts (the widths of Helvetica, Times, …), from its package. */
const standardFontDataUrl = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** The text of every page, pages apart as paragraphs. */
export async function pdfText(bytes: Uint8Array): Promise<PdfTextResult> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    standardFontDataUrl,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      pages.push(pageText(glyphsOf(ops.fnArray, ops.argsArray, pdfjs.OPS as Record<string, number>)));
      page.cleanup();
    }
    return { ok: true, text: pages.filter(Boolean).join('\n\n') };
  } catch (error) {
    if ((error as { name?: string } | null)?.name === 'PasswordException')
      return { ok: false, code: 'pdf.encrypted' };
    return { ok: false, code: 'pdf.unreadable' };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
