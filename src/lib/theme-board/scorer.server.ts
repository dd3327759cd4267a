import type { GivenTheme, ThemeItem } from '../themes';
import { stem, tokenise } from '../themes';

/**
 * The engine's incremental scorer as the board uses it (contract: /work/plan-s4.md, "Engine
 * contract"). Until `createScorer` from src/lib/themes is merged, `buildScorer` is a small
 * lexical stand-in with the same surface: TF-IDF over stems, theme profiles from their label and
 * description plus the centre of their members (confirmed members weigh three times).
 */
export interface ItemScore {
  itemId: string;
  themeId: string;
  score: number;
  runnerUp?: { themeId: string; score: number };
}

export interface BoardScorer {
  score(
    members: ReadonlyMap<string, readonly string[]>,
    itemIds?: readonly string[],
    confirmed?: ReadonlySet<string>,
  ): ItemScore[];
  similar(
    to: readonly string[],
    limit: number,
    exclude?: ReadonlySet<string>,
  ): { itemId: string; similarity: number }[];
}

export interface ScorerInput {
  items: ThemeItem[];
  themes?: GivenTheme[];
}

const STOP = new Set(
  'de het een en van in op te dat die is ik je u we wij zij ze hij niet met voor als aan er maar om ook of dan bij nog wel naar uit door over zo al wat was zijn heb heeft hebben wordt worden kan kunnen moet moeten mijn mij me ons onze hun dit deze meer veel geen zou zouden want omdat na tot'.split(
    ' ',
  ),
);

type Vec = Map<string, number>;

function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenise(text)) {
    if (token.numeric || token.norm.length < 3 || STOP.has(token.norm)) continue;
    out.push(stem(token.norm));
  }
  return out;
}

function normalise(v: Vec): Vec {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  const n = Math.sqrt(sum);
  if (n > 0) for (const [k, x] of v) v.set(k, x / n);
  return v;
}

function dot(a: Vec, b: Vec): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

function addInto(target: Vec, v: Vec, weight: number) {
  for (const [k, x] of v) target.set(k, (target.get(k) ?? 0) + x * weight);
}

export function buildScorer(input: ScorerInput): BoardScorer {
  const docs = input.items.map((item) => terms(item.text));
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(1, docs.length);
  const vectorOf = (doc: string[]): Vec => {
    const v: Vec = new Map();
    for (const t of doc) v.set(t, (v.get(t) ?? 0) + 1);
    for (const [t, tf] of v) v.set(t, (1 + Math.log(tf)) * Math.log(1 + n / (df.get(t) ?? 1)));
    return normalise(v);
  };
  const vectors = new Map(input.items.map((item, i) => [item.id, vectorOf(docs[i] ?? [])]));
  const given = (input.themes ?? []).filter((t) => !t.locked);
  const described = new Map(given.map((t) => [t.id, vectorOf(terms(`${t.label}. ${t.description ?? ''}`))]));

  const centre = (ids: readonly string[], weightOf: (id: string) => number): Vec => {
    const c: Vec = new Map();
    for (const id of ids) {
      const v = vectors.get(id);
      if (v) addInto(c, v, weightOf(id));
    }
    return normalise(c);
  };

  return {
    score(members, itemIds, confirmed) {
      const themeIds = new Set([...given.map((t) => t.id), ...members.keys()]);
      const weightOf = (item: string) => (confirmed?.has(item) ? 3 : 1);
      // Raw (unnormalised) profiles, so an item's own contribution can be left out when it is
      // scored against its own theme (leave-one-out: a member does not vouch for itself).
      const profiles = [...themeIds].map((id) => {
        const raw: Vec = new Map();
        const list = members.get(id) ?? [];
        for (const item of list) {
          const v = vectors.get(item);
          if (v) addInto(raw, v, weightOf(item));
        }
        const description = described.get(id);
        if (description) addInto(raw, description, 0.5 * Math.max(1, Math.sqrt(dot(raw, raw))));
        return { id, raw, norm2: dot(raw, raw), members: new Set(list) };
      });
      const targets = itemIds ?? input.items.map((i) => i.id);
      return targets.map((itemId) => {
        const v = vectors.get(itemId) ?? new Map<string, number>();
        let best: { themeId: string; score: number } | undefined;
        let second: { themeId: string; score: number } | undefined;
        for (const { id, raw, norm2, members: own } of profiles) {
          let num = dot(v, raw);
          let den2 = norm2;
          if (own.has(itemId) && v.size > 0) {
            const w = weightOf(itemId);
            den2 = norm2 - 2 * w * num + w * w;
            num -= w;
          }
          const s = den2 > 1e-9 ? Math.max(0, Math.min(1, num / Math.sqrt(den2))) : 0;
          if (!best || s > best.score) {
            second = best;
            best = { themeId: id, score: s };
          } else if (!second || s > second.score) second = { themeId: id, score: s };
        }
        if (!best || best.score <= 0) return { itemId, themeId: 'overig', score: 0 };
        return second && second.score > 0 ? { itemId, ...best, runnerUp: second } : { itemId, ...best };
      });
    },
    similar(to, limit, exclude) {
      const c = centre(to, () => 1);
      const skip = new Set([...(exclude ?? []), ...to]);
      const out: { itemId: string; similarity: number }[] = [];
      for (const [itemId, v] of vectors) {
        if (skip.has(itemId)) continue;
        const s = dot(c, v);
        if (s > 0) out.push({ itemId, similarity: Math.min(1, s) });
      }
      return out
        .sort((a, b) => b.similarity - a.similarity || (a.itemId < b.itemId ? -1 : 1))
        .slice(0, limit);
    },
  };
}
