/**
 * Turns a text into weighted terms: stems of content words, stems of compound
 * parts and two-word phrases. Every term remembers the surface forms it came
 * from so that labels can be written in readable Dutch.
 */
import { CompoundSplitter } from './compound';
import { dutchLexicon } from './lexicon';
import { isFunctionWord, isStopword, stem, type Token, tokenise } from './text';

export interface Term {
  /** Feature key: a stem, or "stemA stemB" for a phrase. */
  key: string;
  /** Weight of this occurrence (compound parts and phrases count less than words). */
  weight: number;
  /** Surface form for labels (lower case, with diacritics). */
  display: string;
  /** For a compound part: the whole word it was split from. */
  from?: string;
}

export interface AnalyzerOptions {
  /** Weight of a compound part relative to a whole word. */
  partWeight?: number;
  /** Weight of a two-word phrase relative to a single word. */
  phraseWeight?: number;
}

const DIMINUTIVES = ['etjes', 'tjes', 'pjes', 'jes', 'etje', 'tje', 'pje', 'je'];
const ELISION_JOINERS: ReadonlySet<string> = new Set(['en', 'of', 'noch', 'tot']);

interface TokenInfo {
  /** Number or pure function word: ends a phrase, adds nothing. */
  skip: boolean;
  key: string;
  display: string;
  /** The word's own term, or null for a broad stopword (which may still start a phrase). */
  word: Term | null;
  parts: Term[];
  /** Phrase terms with the next token. */
  phrases: Map<TokenInfo, Term>;
}

export class Analyzer {
  readonly splitter: CompoundSplitter;
  private readonly lexicon: ReadonlySet<string>;
  private readonly partWeight: number;
  private readonly phraseWeight: number;
  private readonly wordCache = new Map<string, { base: string; parts: string[] }>();
  /** Weak: the token cache of `tokenise` may drop tokens; elision tokens are one-off. */
  private readonly tokenInfo = new WeakMap<Token, TokenInfo>();

  constructor(options: AnalyzerOptions = {}, lexicon: ReadonlySet<string> = dutchLexicon()) {
    this.lexicon = lexicon;
    this.splitter = new CompoundSplitter(lexicon);
    this.partWeight = options.partWeight ?? 0.5;
    this.phraseWeight = options.phraseWeight ?? 0.5;
  }

  /** "pensioentje" → "pensioen", "klusjes" → "klus"; the Snowball stemmer keeps diminutives. */
  private undiminish(word: string): string {
    for (const end of DIMINUTIVES) {
      if (word.length - end.length >= 3 && word.endsWith(end)) {
        const base = word.slice(0, -end.length);
        if (this.lexicon.has(base)) return base;
      }
    }
    return word;
  }

  /** Base form and content-bearing compound parts of a normalised word, memoised. */
  private word(norm: string): { base: string; parts: string[] } {
    let hit = this.wordCache.get(norm);
    if (!hit) {
      // Lexicon base form first ("knieën" → "knie"), then diminutives; Snowball does the rest.
      const base = this.splitter.baseForm(norm) ?? this.undiminish(norm);
      const parts = (this.splitter.split(base) ?? [])
        .map((p) => this.undiminish(p))
        .filter((p) => !isStopword(p));
      hit = { base, parts };
      if (this.wordCache.size > 300_000) this.wordCache.clear();
      this.wordCache.set(norm, hit);
    }
    return hit;
  }

  /** Resolve "was-" in "was- en strijkservice" to "wasservice" using the head of the next compound. */
  private expandElisions(tokens: Token[]): Token[] {
    return tokens.map((t, i) => {
      if (!t.elided) return t;
      const joiner = tokens[i + 1];
      const next = tokens[i + 2];
      if (!joiner || !next || !ELISION_JOINERS.has(joiner.norm)) return t;
      const head = this.splitter.split(next.norm)?.at(-1);
      if (!head) return t;
      // The written-out prefix is a content word even when it looks like a stopword ("was-").
      return { display: t.display + head, norm: t.norm + head, parts: [t.norm, head], elided: true };
    });
  }

  /** What one token contributes, memoised per token object (tokenise shares them). */
  private info(t: Token): TokenInfo {
    let hit = this.tokenInfo.get(t);
    if (hit) return hit;
    if (t.numeric || isFunctionWord(t.norm)) {
      hit = { skip: true, key: '', display: t.display, word: null, parts: [], phrases: new Map() };
    } else {
      const { base, parts } = this.word(t.norm);
      const key = stem(base);
      const content = !isStopword(t.norm) && !isStopword(base);
      const partTerms: Term[] = [];
      const hyphenParts = t.parts?.filter((p) => t.elided || !isStopword(p)) ?? [];
      // A stopword has no parts worth a feature: "misschien" is not about "chi", nor "sindsdien" about "dien".
      for (const p of !content && !t.elided ? [] : hyphenParts.length > 0 ? hyphenParts : parts) {
        const pk = stem(this.word(p).base);
        if (pk !== key) partTerms.push({ key: pk, weight: this.partWeight, display: p, from: key });
      }
      hit = {
        skip: false,
        key,
        display: t.display,
        word: content ? { key, weight: 1, display: t.display } : null,
        parts: partTerms,
        phrases: new Map(),
      };
    }
    this.tokenInfo.set(t, hit);
    return hit;
  }

  /** Weighted terms of one text, in text order. Terms are shared between texts: treat them as read-only. */
  terms(text: string): Term[] {
    const tokens = this.expandElisions(tokenise(text));
    const out: Term[] = [];
    let prev: TokenInfo | null = null;
    for (const t of tokens) {
      const info = this.info(t);
      if (info.skip) {
        prev = null;
        continue;
      }
      if (info.word) out.push(info.word);
      for (const p of info.parts) out.push(p);
      // A phrase needs a content word at its end; its first word may be a broad stopword ("eigen bijdrage").
      if (prev && info.word) {
        let phrase = prev.phrases.get(info);
        if (!phrase) {
          phrase = {
            key: `${prev.key} ${info.key}`,
            weight: this.phraseWeight,
            display: `${prev.display} ${info.display}`,
          };
          prev.phrases.set(info, phrase);
        }
        out.push(phrase);
      }
      prev = info;
    }
    return out;
  }
}
