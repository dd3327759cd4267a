/**
 * The text of an uploaded document (.docx, .pdf, .txt). The type is checked from the file's
 * first bytes and its name before any parser sees it, and the size before that; a PDF without
 * text (scanned, empty) or with a password says so, so the page can suggest pasting the text.
 */

import { pdfText } from './pdf-text.server';
import { MAX_FILE_BYTES } from './schema';

export type ExtractError =
  | 'file.missing'
  | 'file.tooLarge'
  | 'file.type'
  | 'file.unreadable'
  | 'file.noText'
  | 'pdf.encrypted'
  | 'pdf.noText';

export type DocumentType = 'docx' | 'pdf' | 'txt';

export const mediaTypes: Readonly<Record<DocumentType, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

export type ExtractResult =
  | { ok: true; type: DocumentType; mediaType: string; text: string }
  | { ok: false; code: ExtractError };

const startsWith = (bytes: Uint8Array, text: string) =>
  bytes.length >= text.length && [...text].every((c, i) => bytes[i] === c.charCodeAt(0));

/** Which of the three kinds this file is, from its first bytes and its name; null for anything else. */
export function documentType(name: string, bytes: Uint8Array): DocumentType | null {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, '%PDF-')) return extension === 'pdf' || extension === '' ? 'pdf' : null;
  if (startsWith(bytes, 'PK\u0003\u0004')) return extension === 'docx' ? 'docx' : null;
  if (extension === 'txt' || extension === 'md' || extension === 'text') {
    // Text has no NUL bytes (a renamed binary file does).
    return bytes.subarray(0, 8192).includes(0) ? null : 'txt';
  }
  return null;
}

/** UTF-8 (with or without BOM), else Windows-1252, as Word's "platte tekst" often is. */
export function decodeText(bytes: Uint8Array): string {
  const body = startsWith(bytes, '\u00ef\u00bb\u00bf') ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

async function docxText(bytes: Uint8Array): Promise<string | null> {
  const mammoth = await import('mammoth');
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return result.value;
  } catch {
    return null;
  }
}

/** The text of a document, or why there is none. */
export async function extractText(file: { name: string; bytes: Uint8Array }): Promise<ExtractResult> {
  if (file.bytes.byteLength === 0) return { ok: false, code: 'file.missing' };
  if (file.bytes.byteLength > MAX_FILE_BYTES) return { ok: false, code: 'file.tooLarge' };
  const type = documentType(file.name, file.bytes);
  if (!type) return { ok: false, code: 'file.type' };
  let text: string | null;
  if (type === 'pdf') {
    const read = await pdfText(file.bytes);
    if (!read.ok)
      return { ok: false, code: read.code === 'pdf.encrypted' ? 'pdf.encrypted' : 'file.unreadable' };
    text = read.text;
  } else if (type === 'docx') {
    text = await docxText(file.bytes);
  } else {
    text = decodeText(file.bytes);
  }
  if (text === null) return { ok: false, code: 'file.unreadable' };
  if (text.replace(/\s+/g, '') === '')
    return { ok: false, code: type === 'pdf' ? 'pdf.noText' : 'file.noText' };
  return { ok: true, type, mediaType: mediaTypes[type], text };
}
