/**
 * Dutch compound splitting against a lexicon ("boodschappendienst" →
 * "boodschappen" + "dienst", "verzorgingshuis" → "verzorging" + "huis").
 *
 * Dutch writes compounds as one word, so without splitting a "klussendienst"
 * and a "boodschappendienst" share nothing. The splitter tries every cut,
 * allows the linking morphemes -s- and -e-, accepts a part when it is a
 * lexicon word (also in plural or diminutive form), recurses so that three-part
 * compounds split fully, and prefers the cut with the longest shortest part,
 * which avoids splitting off prefixes such as "ver-" and "be-".
 */

const MIN_PART = 4;
const MIN_WORD = 8;

/** Diminutive and plural endings tried when a form itself is not in the lexicon. */
const INFLECTIONS = ['eren', 'tjes', 'etjes', 'pjes', 'jes', 'tje', 'etje', 'pje', 'je', 'en', 's', 'n', 'e'];

/** Derivational suffixes that are also words ("lijk", "schap"): never a compound head. */
const SUFFIXES: ReadonlySet<string> = new Set([
  'lijk',
  'lijke',
  'heid',
  'heden',
  'baar',
  'bare',
  'loos',
  'loze',
  'achtig',
  'achtige',
  'schap',
  'schappen',
  'isch',
  'ische',
  'ling',
  'lingen',
  'ster',
  'sters',
  'teit',
  'eren',
  'enen',
  'erij',
]);

export class CompoundSplitter {
  private readonly memo = new Map<string, string[] | null>();

  constructor(private readonly lexicon: ReadonlySet<string>) {}

  /** Lexicon base form of `word`, trying inflectional endings; undefined if none. */
  baseForm(word: string): string | undefined {
    if (this.lexicon.has(word)) return word;
    for (const end of INFLECTIONS) {
      if (word.length - end.length < 3 || !word.endsWith(end)) continue;
      const base = word.slice(0, -end.length);
      if (this.lexicon.has(base)) return base;
      // Doubled consonant before -en ("boodschappen" → "boodschap").
      if (end === 'en' && base.length > 3 && base.at(-1) === base.at(-2)) {
        const undoubled = base.slice(0, -1);
        if (this.lexicon.has(undoubled)) return undoubled;
      }
    }
    return undefined;
  }

  /** Parts of a compound word, or null when it does not split well. */
  split(word: string): string[] | null {
    if (word.length < MIN_WORD) return null;
    const hit = this.memo.get(word);
    if (hit !== undefined) return hit;
    // Split the base form so that inflection endings do not become fake parts.
    const base = this.baseForm(word) ?? word;
    const found = this.search(base, 0);
    // Split long parts once more ("keukentafelgesprek" → keuken + tafel + gesprek).
    const result = found
      ? found.flatMap((p) =>
          p.length >= MIN_WORD && this.baseForm(p) === undefined ? (this.search(p, 2) ?? [p]) : [p],
        )
      : null;
    if (this.memo.size > 200_000) this.memo.clear();
    this.memo.set(word, result);
    return result;
  }

  private isPart(part: string): boolean {
    return part.length >= MIN_PART && !SUFFIXES.has(part) && this.baseForm(part) !== undefined;
  }

  /**
   * Rank a candidate split: fewer parts that are only inflected forms first,
   * then fewer parts, then the longest shortest part.
   */
  private score(parts: string[]): number {
    const inflected = parts.filter((p) => !this.lexicon.has(p)).length;
    const shortest = Math.min(...parts.map((p) => p.length));
    return -inflected * 1000 - parts.length * 100 + shortest;
  }

  private search(word: string, depth: number): string[] | null {
    let best: string[] | null = null;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let cut = MIN_PART; cut <= word.length - MIN_PART; cut++) {
      const head = word.slice(cut);
      const headParts = this.isPart(head)
        ? [head]
        : depth < 2 && head.length >= MIN_WORD
          ? this.search(head, depth + 1)
          : null;
      if (!headParts) continue;
      const left = word.slice(0, cut);
      const candidates = [left];
      // Linking morphemes: verzorging-s-huis, kind-e-ren is covered by plurals.
      if (left.endsWith('s') || left.endsWith('e')) candidates.push(left.slice(0, -1));
      for (const mod of candidates) {
        if (!this.isPart(mod)) continue;
        const parts = [mod, ...headParts];
        const score = this.score(parts);
        if (score > bestScore) {
          bestScore = score;
          best = parts;
        }
      }
    }
    return best;
  }
}
