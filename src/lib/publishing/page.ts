/**
 * The public "wat we hoorden" page of one published version: what `private.version_page` froze,
 * plus the quotes it cites. Shared by the public page, the analysts' preview and the comparison
 * with the version online now. Counts follow one definition: `primary` ("berichten") counts the
 * answers whose main theme it is, `secondary` ("ook genoemd") those that mention it besides.
 */

export interface Quote {
  readonly body: string;
  readonly audience: string;
  readonly channel: string;
}

export interface PageTheme {
  readonly id: string;
  readonly label: string;
  readonly descriptionMd: string;
  readonly reactionMd: string;
  readonly primary: number;
  readonly secondary: number;
  readonly primaryByAudience: Readonly<Record<string, number>>;
  readonly secondaryByAudience: Readonly<Record<string, number>>;
  readonly quotes: readonly Quote[];
}

export interface ResultsPage {
  readonly themes: readonly PageTheme[];
  /** Audiences with at least one counted answer, in a fixed order. */
  readonly audiences: readonly string[];
  /** Answers counted (each once, by its main theme). */
  readonly items: number;
}

interface FrozenTheme extends Omit<PageTheme, 'quotes'> {
  readonly quoteItemIds: readonly string[];
}
interface FrozenPage {
  readonly themes?: readonly FrozenTheme[];
  readonly audiences?: readonly string[];
  readonly items?: number;
}

/** Turns the stored page and the quotes still shown (by item id) into the page to render. */
export function pageFrom(frozen: unknown, quotes: Readonly<Record<string, Quote>>): ResultsPage {
  const page = (frozen ?? {}) as FrozenPage;
  return {
    items: Number(page.items ?? 0),
    audiences: [...(page.audiences ?? [])],
    themes: (page.themes ?? []).map(({ quoteItemIds, ...theme }) => ({
      ...theme,
      quotes: (quoteItemIds ?? []).flatMap((id) => (quotes[id] ? [quotes[id]] : [])),
    })),
  };
}

export interface PageChange {
  readonly kind: 'added' | 'removed' | 'renamed' | 'counts' | 'text';
  readonly label: string;
  readonly detail?: string;
}

/** What a new version changes against the one online now, per theme, in the order of `next`. */
export function comparePages(current: ResultsPage | null, next: ResultsPage): PageChange[] {
  const before = new Map((current?.themes ?? []).map((t) => [t.id, t]));
  const changes: PageChange[] = [];
  for (const theme of next.themes) {
    const old = before.get(theme.id);
    before.delete(theme.id);
    if (!old) {
      changes.push({ kind: 'added', label: theme.label });
      continue;
    }
    if (old.label !== theme.label) changes.push({ kind: 'renamed', label: theme.label, detail: old.label });
    if (old.primary !== theme.primary || old.secondary !== theme.secondary)
      changes.push({
        kind: 'counts',
        label: theme.label,
        detail: `${old.primary} → ${theme.primary} berichten, ${old.secondary} → ${theme.secondary} ook genoemd`,
      });
    if (old.descriptionMd !== theme.descriptionMd || old.reactionMd !== theme.reactionMd)
      changes.push({ kind: 'text', label: theme.label });
  }
  for (const old of before.values()) changes.push({ kind: 'removed', label: old.label });
  return changes;
}
