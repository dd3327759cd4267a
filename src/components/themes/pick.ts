/** A theme by its name as the analyst typed it: the exact name (any case), or the only name that contains the text. */
export function resolveTheme<T extends { label: string }>(themes: readonly T[], text: string): T | undefined {
  const wanted = text.trim().toLocaleLowerCase('nl');
  if (wanted === '') return undefined;
  const exact = themes.find((t) => t.label.toLocaleLowerCase('nl') === wanted);
  if (exact) return exact;
  const partial = themes.filter((t) => t.label.toLocaleLowerCase('nl').includes(wanted));
  return partial.length === 1 ? partial[0] : undefined;
}
