import { createHmac } from 'node:crypto';

// No 0/O, 1/I/L: easy to read out over the phone.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * The reference code for a submission, derived from its id. Deterministic, so a repeated submit
 * shows the same code without reading anything back (visitors may not read submissions).
 */
export function referenceCode(secret: Uint8Array, submissionId: string): string {
  const digest = createHmac('sha256', secret).update(`reference:${submissionId}`).digest();
  let code = '';
  for (let i = 0; i < 8; i++) code += alphabet[(digest[i] ?? 0) % alphabet.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts what people type: lower case, spaces, missing dash. */
export function normaliseReferenceCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (plain.length !== 8 || [...plain].some((c) => !alphabet.includes(c))) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

/** A stable id for the answer to one question in one submission, so retries never duplicate it. */
export function answerId(submissionId: string, questionKey: string): string {
  const hex = createHmac('sha256', 'answer-id').update(`${submissionId}/${questionKey}`).digest('hex');
  // Shape it as a version-4-like UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
