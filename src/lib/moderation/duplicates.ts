/**
 * Near-duplicate detection, in plain TypeScript so it works the same on PGlite (which has no
 * pg_trgm) and PostgreSQL. Two texts are duplicates when their normalised forms are identical,
 * or when their sets of character trigrams overlap almost completely (Jaccard ≥ 0.9, the way
 * pg_trgm's similarity() measures it). Easy to explain: "same words, maybe a typo apart".
 */

export const SIMILARITY_THRESHOLD = 0.9;

/** Lower case, accents kept, every run of punctuation and whitespace made one space. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Character trigrams of each word, padded like pg_trgm ("  w", " wo", "wor", "ord", "rd "). */
export function trigrams(normalised: string): Set<string> {
  const grams = new Set<string>();
  for (const word of normalised.split(' ')) {
    if (!word) continue;
    const padded = `  ${word} `;
    const chars = Array.from(padded);
    for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  }
  return grams;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface DuplicateCandidate {
  readonly id: string;
  readonly body: string;
}

export interface DuplicateGroup {
  /** Item ids, in the order they were given (oldest first when the caller passes them so). */
  itemIds: string[];
  /** true when every text in the group is the same after normalising. */
  identical: boolean;
  /** The lowest similarity of an item to the group it joined (1 for identical groups). */
  similarity: number;
}

/**
 * Groups candidates whose texts are (nearly) the same. Identical normalised texts are grouped
 * first; groups are then joined when any two members are similar enough. Comparisons are only
 * made between texts of comparable size (Jaccard ≥ t needs |A| ≥ t·|B|), so the work stays
 * well below n² for real answers.
 */
export function groupDuplicates(
  candidates: readonly DuplicateCandidate[],
  threshold = SIMILARITY_THRESHOLD,
): DuplicateGroup[] {
  // Identical after normalising: one representative per distinct text.
  const byText = new Map<string, number[]>();
  candidates.forEach((c, index) => {
    const key = normaliseText(c.body);
    if (!key) return;
    const list = byText.get(key);
    if (list) list.push(index);
    else byText.set(key, [index]);
  });
  const distinct = [...byText.entries()].map(([text, members]) => ({ members, grams: trigrams(text) }));

  // Union-find over distinct texts.
  const parent = distinct.map((_, i) => i);
  const lowest = distinct.map(() => 1);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    let node = i;
    while (parent[node] !== root) {
      const next = parent[node] ?? root;
      parent[node] = root;
      node = next;
    }
    return root;
  };

  const bySize = distinct
    .map((_, i) => i)
    .sort((a, b) => (distinct[a]?.grams.size ?? 0) - (distinct[b]?.grams.size ?? 0));
  for (let x = 0; x < bySize.length; x++) {
    const i = bySize[x] ?? 0;
    const a = distinct[i];
    if (!a || a.grams.size === 0) continue;
    for (let y = x + 1; y < bySize.length; y++) {
      const j = bySize[y] ?? 0;
      const b = distinct[j];
      if (!b) continue;
      if (a.grams.size < threshold * b.grams.size) break; // every later text is larger still
      const similarity = jaccard(a.grams, b.grams);
      if (similarity >= threshold) {
        const ri = find(i);
        const rj = find(j);
        if (ri !== rj) {
          parent[rj] = ri;
          lowest[ri] = Math.min(lowest[ri] ?? 1, lowest[rj] ?? 1, similarity);
        }
      }
    }
  }

  const groups = new Map<number, { members: number[]; texts: number }>();
  distinct.forEach((d, i) => {
    const root = find(i);
    const group = groups.get(root) ?? { members: [], texts: 0 };
    group.members.push(...d.members);
    group.texts++;
    groups.set(root, group);
  });
  const result: DuplicateGroup[] = [];
  for (const [root, group] of groups) {
    if (group.members.length < 2) continue;
    group.members.sort((p, q) => p - q);
    result.push({
      itemIds: group.members.map((m) => candidates[m]?.id ?? ''),
      identical: group.texts === 1,
      similarity: group.texts === 1 ? 1 : Math.round((lowest[root] ?? 1) * 100) / 100,
    });
  }
  return result.sort(
    (p, q) => q.itemIds.length - p.itemIds.length || (p.itemIds[0] ?? '').localeCompare(q.itemIds[0] ?? ''),
  );
}
