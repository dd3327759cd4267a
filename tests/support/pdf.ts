/**
 * A small PDF writer for tests: text in Helvetica (WinAnsi), placed line by line, optionally
 * letter-spaced the way some word processors write it (character spacing `Tc`, or every letter
 * shown on its own with a gap, as in seed 004), and optionally encrypted or without text.
 * Enough to feed pdf.js real documents without a converter.
 */

export interface PdfLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size?: number;
  /** Extra space between letters in points (`Tc`). */
  readonly charSpacing?: number;
  /** Every letter in its own text chunk, this many points apart from the previous. */
  readonly letterGap?: number;
}

const winAnsi: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
};

function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = winAnsi[ch] ?? ch.charCodeAt(0);
    const byte = code <= 0xff ? code : 0x3f;
    const c = String.fromCharCode(byte);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return out;
}

// Helvetica's widths (per 1000) of the printable ASCII characters, from its AFM; others 556.
const helvetica =
  '278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 ' +
  '278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 ' +
  '667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 ' +
  '222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584';
const widths = helvetica.split(' ').map(Number);
const widthOf = (ch: string, size: number) => ((widths[ch.charCodeAt(0) - 32] ?? 556) * size) / 1000;

function showLine(line: PdfLine): string {
  const size = line.size ?? 10;
  if (line.letterGap !== undefined) {
    let x = line.x;
    const parts: string[] = [];
    for (const ch of line.text) {
      if (ch !== ' ') parts.push(`BT /F1 ${size} Tf 0 Tc ${x.toFixed(2)} ${line.y} Td (${encode(ch)}) Tj ET`);
      x += widthOf(ch, size) + line.letterGap;
    }
    return parts.join('\n');
  }
  // Tc belongs to the graphics state: it outlives ET, so every line sets its own.
  const tc = `${line.charSpacing ?? 0} Tc `;
  return `BT /F1 ${size} Tf ${tc}${line.x} ${line.y} Td (${encode(line.text)}) Tj ET`;
}

/** A PDF with one page per entry. `encrypted` adds an /Encrypt entry (pdf.js then asks for a password). */
export function buildPdf(pages: readonly PdfLine[][], options: { encrypted?: boolean } = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const lines of pages) {
    const stream = lines.map(showLine).join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const encrypt = options.encrypted
    ? add(
        `<< /Filter /Standard /V 1 /R 2 /O <${'28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a'}> /U <${'00'.repeat(32)}> /P -4 >>`,
      )
    : 0;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const id = '<0123456789abcdef0123456789abcdef>';
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt ? ` /Encrypt ${encrypt} 0 R /ID [${id} ${id}]` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Wraps text to lines of at most `width` characters. */
export function wrap(text: string, width = 90): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Paragraphs laid out down A4 pages (a blank line between paragraphs), in one column, or as a
 * two-column table (`columns: 2`: pairs of paragraphs side by side, left cell written first).
 */
export function layoutPdf(
  paragraphs: readonly string[],
  options: { columns?: 1 | 2; charSpacing?: number; letterGap?: number } = {},
): Buffer {
  const pages: PdfLine[][] = [[]];
  const lineHeight = 13;
  let y = 800;
  const page = () => pages[pages.length - 1] as PdfLine[];
  const style = { charSpacing: options.charSpacing, letterGap: options.letterGap };
  const room = (needed: number) => {
    if (y - needed < 50) {
      pages.push([]);
      y = 800;
    }
  };
  if (options.columns === 2) {
    for (let i = 0; i < paragraphs.length; i += 2) {
      const left = wrap(paragraphs[i] ?? '', 45);
      const right = wrap(paragraphs[i + 1] ?? '', 45);
      const rows = Math.max(left.length, right.length);
      room(rows * lineHeight);
      for (const [n, text] of left.entries()) page().push({ text, x: 50, y: y - n * lineHeight, ...style });
      for (const [n, text] of right.entries()) page().push({ text, x: 310, y: y - n * lineHeight, ...style });
      y -= (rows + 1) * lineHeight;
    }
  } else {
    for (const paragraph of paragraphs) {
      const lines = wrap(paragraph, options.letterGap || options.charSpacing ? 60 : 90);
      for (const text of lines) {
        room(lineHeight);
        page().push({ text, x: 50, y, ...style });
        y -= lineHeight;
      }
      y -= lineHeight;
    }
  }
  return buildPdf(pages);
}
