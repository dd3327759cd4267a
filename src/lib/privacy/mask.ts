import { detectPersonalData } from './detect';
import { redact } from './redact';
import type { PiiType } from './types';

export interface Masked {
  /** The text with every detected span replaced by its Dutch placeholder ("[naam]"). */
  readonly text: string;
  /** The kinds that were found, in text order, without repeats. */
  readonly types: readonly PiiType[];
}

/** Detects and replaces personal data in one go, for text shown where it may not appear. */
export function maskPersonalData(text: string): Masked {
  const spans = detectPersonalData(text);
  return { text: redact(text, spans), types: [...new Set(spans.map((s) => s.type))] };
}
