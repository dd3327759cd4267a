// A quote's text is stored without quotation marks; the pages put “…” around it. Facilitators
// often type the marks themselves, which printed as “"…"” (issue 20 item 9). Browser-safe.

/** Opening and closing quotation marks people type: straight, curly, low-9, guillemets. */
const marks = `"'“”„‟‘’‚‛«»‹›`;
const around = new RegExp(`^\\s*[${marks}]+\\s*([\\s\\S]*?)\\s*[${marks}]+\\s*$`);

/**
 * The text without the quotation marks around the whole of it ("„Zo is het.”" → "Zo is het.").
 * Marks inside the text stay, and so does a text that only starts or ends with one.
 */
export function withoutQuotationMarks(text: string): string {
  const inner = around.exec(text)?.[1];
  return inner === undefined || inner === '' ? text.trim() : inner;
}

/** A quote as the pages show it: one pair of Dutch quotation marks. */
export const asQuote = (text: string): string => `“${withoutQuotationMarks(text)}”`;
