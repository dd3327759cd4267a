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

/** One point of a formal advice and the college's response to it, as the version froze it. */
export interface PageAdvicePoint {
  readonly position: number;
  /** The point's text as moderation left it (looked up when shown, like a quote). */
  readonly text: string;
  /** What the college does with it (see advice/statuses), or null while it has no response. */
  readonly status: string | null;
  readonly responseMd: string;
  /** Themes of this page the point is about. */
  readonly themeIds: readonly string[];
}

/** An advice whose response the college adopted before the version was published. */
export interface PageAdvice {
  readonly id: string;
  readonly sender: string;
  readonly title: string;
  /** yyyy-mm-dd */
  readonly receivedOn: string;
  /** yyyy-mm-dd: when the college adopted its response. */
  readonly adoptedOn: string;
  readonly points: readonly PageAdvicePoint[];
}

export interface ResultsPage {
  readonly themes: readonly PageTheme[];
  /** Audiences with at least one counted answer, in a fixed order. */
  readonly audiences: readonly string[];
  /** Answers counted (each once, by its main theme). */
  readonly items: number;
  /** Formal advices with the college's response, oldest received first. */
  readonly advices: readonly PageAdvice[];
}

interface FrozenTheme extends Omit<PageTheme, 'quotes'> {
  readonly quoteItemIds: readonly string[];
}
interface FrozenAdvicePoint extends Omit<PageAdvicePoint, 'text'> {
  readonly itemId: string;
}
interface FrozenAdvice extends Omit<PageAdvice, 'points'> {
  readonly points: readonly FrozenAdvicePoint[];
}
interface FrozenPage {
  readonly themes?: readonly FrozenTheme[];
  readonly audiences?: readonly string[];
  readonly items?: number;
  /** Absent in versions published before advices were shown. */
  readonly advices?: readonly FrozenAdvice[];
}

/** The input items a frozen page shows the text of: its quotes and its advice points. */
export function shownItemIds(frozen: unknown): string[] {
  const page = (frozen ?? {}) as FrozenPage;
  return [
    ...(page.themes ?? []).flatMap((t) => t.quoteItemIds ?? []),
    ...(page.advices ?? []).flatMap((a) => a.points.map((p) => p.itemId)),
  ];
}

/**
 * Turns the stored page and the texts still shown (approved items by id) into the page to render.
 * A quote or advice point whose item is no longer approved is left out.
 */
export function pageFrom(frozen: unknown, quotes: Readonly<Record<string, Quote>>): ResultsPage {
  const page = (frozen ?? {}) as FrozenPage;
  return {
    items: Number(page.items ?? 0),
    audiences: [...(page.audiences ?? [])],
    themes: (page.themes ?? []).map(({ quoteItemIds, ...theme }) => ({
      ...theme,
      quotes: (quoteItemIds ?? []).flatMap((id) => (quotes[id] ? [quotes[id]] : [])),
    })),
    advices: (page.advices ?? [])
      .map(({ points, ...advice }) => ({
        ...advice,
        points: points.flatMap(({ itemId, ...point }) => {
          const shown = quotes[itemId];
          return shown ? [{ ...point, text: shown.body }] : [];
        }),
      }))
      .filter((advice) => advice.points.length > 0),
  };
}

export interface PageChange {
  readonly kind:
    | 'added'
    | 'removed'
    | 'renamed'
    | 'counts'
    | 'text'
    | 'adviceAdded'
    | 'adviceRemoved'
    | 'adviceResponses';
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
  return [...changes, ...compareAdvices(current?.advices ?? [], next.advices)];
}

/** Advices that appear, go, or whose responses (text or status) differ, by point number. */
function compareAdvices(current: readonly PageAdvice[], next: readonly PageAdvice[]): PageChange[] {
  const before = new Map(current.map((a) => [a.id, a]));
  const label = (a: PageAdvice) => `Advies van ${a.sender}`;
  const changes: PageChange[] = [];
  for (const advice of next) {
    const old = before.get(advice.id);
    before.delete(advice.id);
    if (!old) {
      changes.push({ kind: 'adviceAdded', label: label(advice) });
      continue;
    }
    const oldPoints = new Map(old.points.map((p) => [p.position, p]));
    const changed = advice.points
      .filter((p) => {
        const o = oldPoints.get(p.position);
        return !o || o.responseMd !== p.responseMd || o.status !== p.status || o.text !== p.text;
      })
      .map((p) => p.position);
    const gone = old.points.filter((o) => !advice.points.some((p) => p.position === o.position));
    const positions = [...changed, ...gone.map((p) => p.position)].sort((a, b) => a - b);
    if (positions.length > 0)
      changes.push({
        kind: 'adviceResponses',
        label: label(advice),
        detail: `${positions.length === 1 ? 'punt' : 'punten'} ${positions.join(', ')}`,
      });
  }
  for (const old of before.values()) changes.push({ kind: 'adviceRemoved', label: label(old) });
  return changes;
}
