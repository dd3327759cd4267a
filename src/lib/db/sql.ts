/** Turns a tagged template into text with $n placeholders and its bound values. */
export function toQuery(
  strings: TemplateStringsArray,
  values: readonly unknown[],
): { text: string; params: unknown[] } {
  let text = strings[0] ?? '';
  for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
  return { text, params: [...values] };
}
