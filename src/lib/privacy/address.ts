/**
 * Street + house number ("Europaweg 101a", "Van Leeuwenhoeklaan 3-B").
 *
 * Three routes, because many Zoetermeer streets have no typical suffix:
 * 1. a capitalised word ending in a street suffix (-straat, -laan, -weg…)
 *    followed by a house number, with the preceding name words
 *    ("Willem Dreeslaan", "Van Leeuwenhoeklaan", "J.P. Coenstraat");
 * 2. any capitalised name + number after an address cue
 *    ("ik woon op Hoeksteen 78", "adres: …", "verhuisd naar …");
 * 3. any capitalised name + number right before a postcode ("…78, 2722 PD").
 * A number alone ("op nummer 12", "huisnummer 27") or a street alone is not an address.
 */
import { CALENDAR_WORDS, COMMON_CAPITALISED, PLACES } from './lexicon';
import { FIRST_NAMES } from './names';
import type { Range } from './patterns';
import { isSentenceStart, overlapsAny } from './text';
import type { PiiSpan } from './types';

const SUFFIXES = [
  'straat',
  'weg',
  'laan',
  'plein',
  'dreef',
  'singel',
  'gracht',
  'kade',
  'pad',
  'hof',
  'park',
  'baan',
  'dijk',
  'steeg',
  'erf',
  'plantsoen',
  'boulevard',
  'markt',
  'passage',
  'allee',
  'zijde',
  'akker',
  'gaarde',
  'wal',
  'oord',
  'brink',
  'promenade',
  'horst',
  'zoom',
  'wetering',
  'vaart',
  'veld',
  // plural forms used in Zoetermeer and elsewhere: Leidsewallen, Bloemenhoven
  'wallen',
  'hoven',
  'tuinen',
  'velden',
  'akkers',
  'kampen',
  'hoeven',
  'meer', // Palenstein streets are named after lakes (Gooimeer); the town names are excluded as places
  'ring',
  'weide',
  'vallei',
  'stede',
  'hove',
  // Rokkeveen and Oosterheem name streets after woods and trees (Amandelhout), others after gates,
  // harbours and corners; towns ending in -dam or -burg are left out on purpose.
  'hout',
  'haven',
  'poort',
  'hoek',
  'kamp',
  'tuin',
  'gang',
  'veste',
].join('|');

/**
 * House number with optional letter or addition: 12, 101a, 3-B, 12-2, 45-II, 12bis, 12 bis and a
 * capital letter after a space (101 A) when no word or initial follows it.
 */
const HOUSE_NUMBER =
  '\\d{1,5}(?:[a-zA-Z](?![\\p{L}\\p{N}])|[ \\u00a0]?bis(?![\\p{L}\\p{N}])|[ \\u00a0][A-H](?=[,;:)]|\\.(?![ \\u00a0]?\\p{Lu})|$))?(?:-(?:\\d{1,4}|[A-Za-z]{1,3})(?![\\p{L}\\p{N}]))?';
/** "Dorpsstraat nr. 12", "Dorpsstraat nummer 12": the word belongs to the address. */
const NUMBER_WORD = '(?:(?:nr\\.?|nummer|no\\.?)[ \\u00a0])?';
/** A house number is not followed by a decimal, time, date part or percentage. */
const NUMBER_END = '(?![\\p{L}\\p{N}]|[.,:]\\d|-\\d|\\s?%)';
const NAME_WORD = "\\p{Lu}[\\p{L}\\p{M}'’-]*";

const SUFFIX_STREET_RE = new RegExp(
  `(?<![\\p{L}\\p{N}'’.-])(${NAME_WORD}?(?:${SUFFIXES}))[ \\u00a0]${NUMBER_WORD}(${HOUSE_NUMBER})${NUMBER_END}`,
  'gu',
);

/** After an address cue a street may be typed in lower case: "woont op de dorpsstraat 12". */
const LOWER_STREET = `\\p{Ll}[\\p{Ll}\\p{M}'’-]*(?:${SUFFIXES})`;

/** "Laan van Nieuw Oosteinde 12": a street word first, then particles and names. */
const HEAD_STREET_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:Laan|Plein|Kade|Hof|Weg|Pad|Singel|Dreef|Park)(?:[ ](?:van|der|de|den|het|'t|ter|ten|op|aan|in|tot|bij))+(?:[ ]${NAME_WORD}){1,3}[ ](${HOUSE_NUMBER})${NUMBER_END}`,
  'gu',
);

/** A run of 1-4 capitalised words (particles allowed between) followed by a house number. */
const CHAIN = `${NAME_WORD}(?:[ ](?:(?:van|der|de|den|het|'t|ter|ten)[ ])*${NAME_WORD}){0,3}`;
const CHAIN_NUMBER = `(?<![\\p{L}\\p{N}'’.-])(${CHAIN})[ \\u00a0]${NUMBER_WORD}(${HOUSE_NUMBER})${NUMBER_END}`;

// No 'i' flag: with it \p{Lu} would also match lower case. Cue words allow a capital first letter.
// Up to three lower-case words may stand between the cue and op/aan ("woont alleen op …",
// "woont nog steeds zelfstandig aan …"); the preposition is then required. Not "in": that
// usually names a district or a building ("wonen met plezier in Park 4 flats verder").
const CUE_PREFIX = `(?<![\\p{L}])(?:[Ww]oon|[Ww]oont|[Ww]onen|[Ww]oonde|[Ww]oonden|[Ww]onend|[Ww]oonachtig|[Vv]erhuisd|[Vv]erhuist|[Vv]erhuizen|(?:[Pp]ost|[Ww]oon|[Bb]ezorg|[Nn]ieuw|[Oo]ud)?[Aa]dres(?:\\s+is)?)(?:(?:\\s+(?:nu|sinds\\s+kort|tegenwoordig|al\\s+jaren|zelf))?\\s*:?\\s*(?:(?:op|aan|in|naar|bij)\\s+)?|(?:\\s+\\p{Ll}+){1,3}\\s+(?:op|aan)\\s+)(?:(?:de|het|’t|'t)\\s+)?`;
const CUE_RE = new RegExp(`${CUE_PREFIX}${CHAIN_NUMBER}`, 'dgu');
const LOWER_CUE_RE = new RegExp(
  `${CUE_PREFIX}(?<![\\p{L}\\p{N}])(${LOWER_STREET})[ \\u00a0]${NUMBER_WORD}(${HOUSE_NUMBER})${NUMBER_END}`,
  'dgu',
);
/** A cue after the address: "die op Zilverschoon 55 woont". */
const CUE_AFTER_RE = new RegExp(
  `(?<![\\p{L}])(?:op|aan)\\s+(?:(?:de|het|’t|'t)\\s+)?${CHAIN_NUMBER}(?=[ \\u00a0]+(?:woon|woont|wonen|woonde|woonden|gewoond)(?![\\p{L}]))`,
  'dgu',
);

const BEFORE_POSTCODE_RE = new RegExp(`${CHAIN_NUMBER}\\s*,?\\s*$`, 'du');

/** Words after a number that show it is a quantity, not a house number. */
const UNIT_AFTER_RE =
  /^\s*(?:uur|jaar|jaren|euro|eur|minuten|min|keer|procent|kilometer|km|meter|m2|personen|mensen|woningen|huizen|flats|verdiepingen|etages|trappen|haltes|bushaltes|weken|dagen|maanden|x)(?![\p{L}])/iu;

const PREFIX_TITLES = new Set([
  'burgemeester',
  'burg.',
  'prins',
  'prinses',
  'koning',
  'koningin',
  'graaf',
  'gravin',
  'dokter',
  'dr.',
  'prof.',
  'professor',
  'pastoor',
  'generaal',
  'admiraal',
  'kapitein',
  'president',
  'minister',
  'sint',
  'st.',
  'mr.',
  'pater',
  'dominee',
  'jonkheer',
]);

/** Adjectives that start street names ("Eerste Stationsstraat", "Korte Groenewegje"), though common words. */
const STREET_PREFIXES = new Set(
  'Eerste Tweede Derde Vierde Vijfde Nieuwe Oude Korte Lange Kleine Grote Hoge Lage Noord Zuid Oost West'.split(
    ' ',
  ),
);

/** Words that never belong to a street name: function words, places, dates, form labels ("Afleveradres"). */
function isBlockedStreetWord(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    COMMON_CAPITALISED.has(lower) ||
    PLACES.has(lower) ||
    CALENDAR_WORDS.has(lower) ||
    /(?:adres|nummer|code|gegevens)$/.test(lower)
  );
}

function plausibleNumber(text: string, numberEnd: number, number: string): boolean {
  if (UNIT_AFTER_RE.test(text.slice(numberEnd, numberEnd + 12))) return false;
  // A year after a street name ("sinds de Europaweg 2015 …") is not a house number.
  return !/^(?:19|20)\d\d$/.test(number);
}

interface Word {
  word: string;
  start: number;
}

/** The word ending one space before `pos` (no punctuation in between), if any. */
function wordBefore(text: string, pos: number): Word | null {
  const before = text.slice(Math.max(0, pos - 40), pos);
  const m = /(?:^|[\s(«"“])([\p{L}\p{M}.'’-]+)[ \u00a0]$/u.exec(before);
  const word = m?.[1];
  if (!word) return null;
  return { word, start: pos - word.length - 1 };
}

const PARTICLE_RE = /^(?:van|de|der|den|het|ter|ten|['’]t)$/i;

const isCapitalised = (word: string): boolean => /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(word);

/**
 * Extends a street name to the left over name words: "Willem Dreeslaan",
 * "J.P. Coenstraat", "Van Leeuwenhoeklaan", "Jan van Galenstraat".
 */
function extendLeft(text: string, start: number): number {
  let begin = start;
  for (let words = 0; words < 4; words++) {
    const prev = wordBefore(text, begin);
    if (!prev) break;
    const { word } = prev;
    const lower = word.toLowerCase();
    if (
      /^(?:\p{Lu}\.)+$/u.test(word) ||
      PREFIX_TITLES.has(lower) ||
      /^(?:Van|Ter|Ten|Den|['’]t)$/.test(word)
    ) {
      begin = prev.start;
      continue;
    }
    // Capital "De" mid-sentence belongs to the name (De Ruyterstraat); at a sentence start it is the article.
    if (word === 'De' && !isSentenceStart(text, prev.start)) {
      begin = prev.start;
      continue;
    }
    if (/^(?:van|de|der|den|ter|ten|['’]t)$/.test(word)) {
      // A run of particles before the street word: "Van der Hagenstraat" (capital first:
      // part of the name), "Jan van Galenstraat" or "Pieter de Hooghlaan" (lower case: only
      // after a first name or title). A lower-case "van de" is left out on purpose: "meneer
      // Bouzid van de Dorpsstraat" is a person living on the Dorpsstraat.
      const group: Word[] = [prev];
      for (
        let w = wordBefore(text, prev.start);
        w && PARTICLE_RE.test(w.word);
        w = wordBefore(text, w.start)
      ) {
        group.unshift(w);
        if (/^\p{Lu}/u.test(w.word)) break; // a capitalised particle starts the name
      }
      const head = group[0] ?? prev;
      if (/^\p{Lu}/u.test(head.word)) {
        begin = head.start;
        continue;
      }
      if (group.map((g) => g.word).join(' ') === 'van de') break;
      const owner = wordBefore(text, head.start);
      const ownerLower = owner?.word.toLowerCase() ?? '';
      if (
        owner &&
        isCapitalised(owner.word) &&
        (FIRST_NAMES.has(ownerLower) || PREFIX_TITLES.has(ownerLower))
      ) {
        begin = owner.start;
        continue;
      }
      break;
    }
    if (isCapitalised(word) && (!isBlockedStreetWord(word) || STREET_PREFIXES.has(word))) {
      begin = prev.start;
      continue;
    }
    break;
  }
  return begin;
}

/**
 * Offset of the first usable word of a chain, or -1 when a later word is unusable.
 * With `articleStartsName` (the chain does not start a sentence) a capital article
 * before a name word belongs to the street: "verhuisd naar De Bleek 6", like "De Ruyterstraat".
 */
function trimChain(chain: string, articleStartsName = false): number {
  const parts = [...chain.matchAll(/\S+/g)];
  const keepArticle =
    articleStartsName &&
    /^(?:De|Het|Den|['’]t)$/.test(parts[0]?.[0] ?? '') &&
    /^\p{Lu}/u.test(parts[1]?.[0] ?? '');
  let first = 0;
  while (!keepArticle && first < parts.length && isBlockedStreetWord(parts[first]?.[0] ?? '')) first++;
  const rest = parts.slice(keepArticle ? 1 : first);
  if (keepArticle) {
    const capitalised = rest.filter((p) => /^\p{Lu}/u.test(p[0]));
    return capitalised.some((p) => isBlockedStreetWord(p[0])) ? -1 : 0;
  }
  const capitalised = rest.filter((p) => /^\p{Lu}/u.test(p[0]));
  if (capitalised.length === 0 || capitalised.some((p) => isBlockedStreetWord(p[0]))) return -1;
  return rest[0]?.index ?? -1;
}

export function findAddresses(
  text: string,
  postcodes: readonly PiiSpan[],
  blocked: readonly Range[],
): PiiSpan[] {
  const found: PiiSpan[] = [];
  const add = (start: number, end: number) => {
    const span: PiiSpan = { type: 'ADDRESS', start, end };
    if (!overlapsAny(span, blocked) && !overlapsAny(span, found)) found.push(span);
  };

  for (const m of text.matchAll(HEAD_STREET_RE)) {
    const number = m[1] ?? '';
    const end = m.index + m[0].length;
    if (plausibleNumber(text, end, number)) add(m.index, end);
  }

  for (const m of text.matchAll(SUFFIX_STREET_RE)) {
    const street = m[1] ?? '';
    const number = m[2] ?? '';
    const end = m.index + m[0].length;
    if (isBlockedStreetWord(street) || !plausibleNumber(text, end, number)) continue;
    add(extendLeft(text, m.index), end);
  }

  for (const m of [...text.matchAll(CUE_RE), ...text.matchAll(CUE_AFTER_RE)]) {
    const chain = m[1] ?? '';
    const number = m[2] ?? '';
    const chainStart = m.indices?.[1]?.[0] ?? -1;
    const end = m.indices?.[2]?.[1] ?? -1;
    if (chainStart < 0 || end < 0) continue;
    const offset = trimChain(chain, !isSentenceStart(text, chainStart));
    if (offset < 0 || !plausibleNumber(text, end, number)) continue;
    add(chainStart + offset, end);
  }

  for (const m of text.matchAll(LOWER_CUE_RE)) {
    const street = m[1] ?? '';
    const start = m.indices?.[1]?.[0] ?? -1;
    const end = m.indices?.[2]?.[1] ?? -1;
    if (start < 0 || end < 0 || isBlockedStreetWord(street) || !plausibleNumber(text, end, m[2] ?? ''))
      continue;
    add(start, end);
  }

  for (const postcode of postcodes) {
    const before = text.slice(Math.max(0, postcode.start - 80), postcode.start);
    const m = BEFORE_POSTCODE_RE.exec(before);
    if (!m) continue;
    const chain = m[1] ?? '';
    const number = m[2] ?? '';
    const start = postcode.start - before.length + m.index;
    const end = postcode.start - before.length + (m.indices?.[2]?.[1] ?? -1);
    const offset = trimChain(chain, !isSentenceStart(text, start));
    if (offset < 0 || end < start || /^(?:19|20)\d\d$/.test(number)) continue;
    add(start + offset, end);
  }

  return found.sort((a, b) => a.start - b.start);
}
