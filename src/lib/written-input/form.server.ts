/**
 * The "brief of advies toevoegen" form: what it says about the document, and the document itself
 * (a file, or pasted text). The file's type and size are checked before its text is read.
 */
import type { ExtractError } from './extract.server';
import { extractText } from './extract.server';
import { type DraftDocument, parseMeta } from './save.server';
import { MAX_FILE_BYTES, MAX_TEXT_CHARS, type WrittenError, type WrittenInputMeta } from './schema';

export interface NewFormValues {
  consultationId: string;
  kind: string;
  sender: string;
  audience: string;
  receivedOn: string;
  title: string;
  text: string;
}

export type NewFormResult =
  | { ok: true; meta: WrittenInputMeta; doc: DraftDocument }
  | {
      ok: false;
      code: WrittenError | ExtractError;
      field: 'bestand' | 'tekst' | keyof NewFormValues;
      values: NewFormValues;
    };

const fieldOf: Partial<Record<WrittenError, keyof NewFormValues>> = {
  'written.sender': 'sender',
  'written.audience': 'audience',
  'written.receivedOn': 'receivedOn',
  'written.consultation': 'consultationId',
};

/** Reads the form; a file wins over pasted text when both are given. */
export async function readNewForm(form: FormData): Promise<NewFormResult> {
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const values: NewFormValues = {
    consultationId: value('consultationId'),
    kind: value('kind'),
    sender: value('sender'),
    audience: value('audience'),
    receivedOn: value('receivedOn'),
    title: value('title'),
    text: value('tekst').slice(0, MAX_TEXT_CHARS + 1),
  };
  const meta = parseMeta(values);
  if (!meta.ok) return { ok: false, code: meta.code, field: fieldOf[meta.code] ?? 'kind', values };
  const file = form.get('bestand');
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) return { ok: false, code: 'file.tooLarge', field: 'bestand', values };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const read = await extractText({ name: file.name, bytes });
    if (!read.ok) return { ok: false, code: read.code, field: 'bestand', values };
    return {
      ok: true,
      meta: meta.meta,
      doc: { fileName: file.name.slice(0, 255), mediaType: read.mediaType, content: bytes, text: read.text },
    };
  }
  if (values.text.trim() === '') return { ok: false, code: 'written.noInput', field: 'bestand', values };
  if (values.text.length > MAX_TEXT_CHARS)
    return { ok: false, code: 'written.textTooLong', field: 'tekst', values };
  return {
    ok: true,
    meta: meta.meta,
    doc: { fileName: null, mediaType: 'text/plain', content: null, text: values.text },
  };
}

/** The checked points as the check screen posts them: `punt-N`, `bewaar-N`, `reactie-N`, in order. */
export function readCheckedPoints(form: FormData): { text: string; response: string | null }[] {
  const count = Math.min(Number(form.get('aantal')) || 0, 1000);
  const points: { text: string; response: string | null }[] = [];
  for (let i = 0; i < count; i += 1) {
    if (form.get(`bewaar-${i}`) !== 'ja') continue;
    const text = form.get(`punt-${i}`);
    const response = form.get(`reactie-${i}`);
    if (typeof text !== 'string') continue;
    points.push({ text, response: typeof response === 'string' && response.trim() ? response : null });
  }
  return points;
}
