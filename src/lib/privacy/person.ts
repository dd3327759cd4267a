/**
 * Names of private persons.
 *
 * A name is a run of capitalised words, initials and tussenvoegsels
 * ("Jan de Vries", "G.J. Hoogendoorn", "Ria Kok-Jansen", "El Idrissi"). Such a
 * run is only reported with evidence:
 * - a title before it (mevrouw, meneer, dhr., mw., familie), which may be
 *   followed by a bare surname with tussenvoegsel ("mevrouw de Groot");
 * - a kinship, household or care role ("mijn buurvrouw Ans", "onze hulp Fatima");
 * - an introduction or signature ("ik heet", "mijn naam is", "t.n.v.", "Groet,");
 * - "ik ben" followed by a known first name or a first name + surname;
 * - without any cue: a known first name (list in names.ts), or initials + surname.
 * Public figures (after "minister", "koning"… or from a short list), idioms
 * ("Jan Modaal"), organisations, shops, places, streets and calendar words are
 * excluded; so is anything inside an already detected span.
 */
import {
  CALENDAR_WORDS,
  COMMON_CAPITALISED,
  isNonNameWord,
  ORGANISATION_WORD_RE,
  ORGANISATIONS,
  PLACES,
} from './lexicon';
import {
  AMBIGUOUS_FIRST_NAMES,
  FIRST_NAMES,
  NAME_IDIOMS,
  POSSESSIVE_ROLE_WORDS,
  PUBLIC_FIGURES,
  PUBLIC_ROLES,
  ROLE_WORDS,
  SURNAMES,
  TITLE_PATTERN,
  WORDLIKE_FIRST_NAMES,
} from './names';
import type { Range } from './patterns';
import { isSentenceStart, overlapsAny, phraseRegExp, previousWord, rangesOf } from './text';
import type { PiiSpan } from './types';

/** A capitalised name word: "Jansen", "Kok-Jansen", "O'Neill", "Jansen-de Vries". */
const NAME_WORD_RE =
  /\p{Lu}[\p{Ll}\p{M}]+(?:['’]\p{Lu}[\p{Ll}\p{M}]+)?(?:-(?:A-)?\p{Lu}[\p{Ll}\p{M}]+)*(?:-(?:van der|van den|van de|van|de|der|den|ter|ten|te) \p{Lu}[\p{Ll}\p{M}]+)?(?![\p{L}\p{N}])/uy;
const INITIALS_RE = /(?:\p{Lu}|Th|Chr|Ph|Joh|Jac|Wm)\.(?:[ \u00a0]?\p{Lu}\.){0,3}(?![\p{L}\p{N}])/uy;
/** One or more tussenvoegsels, each followed by a space. "ben" is left out: it is also a first name. */
const PARTICLES_RE =
  /(?:(?:van|de|der|den|het|'t|’t|ter|ten|te|von|da|du|le|la|el|al|di|del|dos|das|bin|ibn|abu|ait|v\.[ \u00a0]?d\.?|v\.)[ \u00a0])+/iuy;
const SPACE_RE = /[ \u00a0]/y;
/** The capital "A" joining Surinamese-Chinese surnames: "Tjon A Fong", "Lie A Kwie". Only inside a name. */
const A_JOINER_RE = /A[ \u00a0]/y;

/** Initials that are abbreviations, not names: N.B., P.S., a.u.b. … */
const NON_NAME_INITIALS = new Set([
  'NB',
  'PS',
  'AUB',
  'TAV',
  'BV',
  'NV',
  'VOF',
  'EO',
  'MBT',
  'IPV',
  'ZSM',
  'SVP',
  'OA',
]);

/** Street and place-name endings: a word like this is never part of a person's name. */
// At least two letters before the ending, so surnames such as "Van der Laan" or "Van Dijk" pass.
const PLACE_WORD_RE =
  /\p{L}{2}(?:straat|weg|laan|plein|dreef|singel|gracht|kade|plantsoen|boulevard|polder|park|steeg)$/iu;

type Strength = 'strong' | 'weak';

interface Cue {
  re: RegExp;
  strength: Strength;
  /** A bare surname with tussenvoegsel may follow ("mevrouw de Groot"). */
  particleStart: boolean;
  /** A weak cue is enough when the name is closed off as an apposition: "Mijn hulp, Dewi, komt …". */
  apposition?: boolean;
}

const roleAlternation = ROLE_WORDS.join('|');
/** Adjectives that may stand between a possessive and a role: "mijn vaste hulp", "mijn overleden man". */
const roleAdjectives =
  '(?:(?:huishoudelijke|vaste|nieuwe|oude|vorige|lieve|oudste|jongste|eigen|enige|overleden|zieke|dementerende|oudere|jongere|huidige|toenmalige)\\s+)?';
// "mn"/"zn": possessives typed without apostrophe in sloppy answers ("mn buurman kees").
const possessive = "(?:mijn|m'n|mn|onze|ons|zijn|z'n|zn|haar|hun|uw|jouw)";

const allRolesEarly = [...ROLE_WORDS, ...POSSESSIVE_ROLE_WORDS].join('|');

const CUES: readonly Cue[] = [
  {
    re: new RegExp(`(?<![\\p{L}])${TITLE_PATTERN}[ \\u00a0]+`, 'giu'),
    strength: 'strong',
    particleStart: true,
  },
  {
    re: new RegExp(`(?<![\\p{L}])${roleAdjectives}(?:${roleAlternation}):?[ \\u00a0]+`, 'giu'),
    strength: 'strong',
    particleStart: false,
  },
  // A role with the name in brackets: "Zoon (Erwin) is mantelzorger", "de buurvrouw (Ans)".
  {
    re: new RegExp(
      `(?<![\\p{L}])${roleAdjectives}(?:${allRolesEarly})[ \\u00a0]*\\([ \\u00a0]*(?=[^)]{2,40}\\))`,
      'giu',
    ),
    strength: 'strong',
    particleStart: false,
  },
  {
    re: new RegExp(
      `(?<![\\p{L}])${possessive}\\s+${roleAdjectives}(?:${POSSESSIVE_ROLE_WORDS.join('|')})[ \\u00a0]+`,
      'giu',
    ),
    strength: 'strong',
    particleStart: false,
  },
  // "mijn vader, Henk Visser, …": the comma makes it weaker evidence.
  {
    re: new RegExp(
      `(?<![\\p{L}])(?:${possessive}|de|het)\\s+${roleAdjectives}(?:${[...ROLE_WORDS, ...POSSESSIVE_ROLE_WORDS].join('|')}),[ \\u00a0]*`,
      'giu',
    ),
    strength: 'weak',
    particleStart: false,
    apposition: true,
  },
  {
    re: /(?<![\p{L}])(?:ik\s+heet|mijn\s+naam\s+is|naam(?:[ \u00a0]+\p{Ll}+)?\s*:|heet|heette|genaamd|genoemd|t\.\s?n\.\s?v\.?|tnv|ten\s+name\s+van|namens|ondergetekende,?|ingevuld\s+door|opgesteld\s+door|contact(?:persoon)?\s*:|aanwezig\s*:|deelnemers?\s*:|gegevens\s*:|t\.\s?a\.\s?v\.?|c\/o)[ \u00a0]*/giu,
    strength: 'strong',
    particleStart: true,
  },
  {
    re: /(?<![\p{L}])(?:(?:met\s+)?(?:vriendelijke|hartelijke|lieve|beste|warme)\s+)?(?:groet(?:en|jes)?|gr\.|mvg|m\.v\.g\.)[ \u00a0]*[,:]?\s*/giu,
    strength: 'strong',
    particleStart: false,
  },
  { re: /(?<![\p{L}])ik\s+ben[ \u00a0]+/giu, strength: 'weak', particleStart: false },
  // Talking or arranging something with someone: "contact opnemen met Mark", "gesproken met Roos".
  // Not "spreken/praten met": "spreken met Frans accent".
  {
    re: /(?<![\p{L}])(?:contact(?:\s+opnemen)?|gesprek|gesproken|gebeld|bellen|overleg|overlegd|afspraak|afgesproken)\s+met[ \u00a0]+/giu,
    strength: 'weak',
    particleStart: false,
  },
  // "Ik, Jantina de Ridder, verklaar …"
  { re: /(?<![\p{L}])ik,[ \u00a0]*/giu, strength: 'weak', particleStart: false, apposition: true },
];

const PUBLIC_FIGURE_RE = phraseRegExp(PUBLIC_FIGURES, 'g');
const IDIOM_RE = phraseRegExp(NAME_IDIOMS, 'gi');
const ORGANISATION_RE = phraseRegExp(ORGANISATIONS, 'g');

interface NamePart {
  kind: 'initials' | 'word';
  start: number;
  end: number;
  text: string;
}

interface ParsedName {
  start: number;
  end: number;
  parts: NamePart[];
}

function stickyMatch(re: RegExp, text: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? m[0] : null;
}

/**
 * A word (or any part of a hyphenated word) that names a place, organisation,
 * date or common word. After a tussenvoegsel, common words are surnames
 * ("Van der Meer", "de Koning", "van Wijk"), so only places, organisations and
 * dates count there.
 */
function isPlaceOrOrganisation(word: string, afterParticle: boolean): boolean {
  const lower = word.toLowerCase();
  if (PLACE_WORD_RE.test(lower) || ORGANISATION_WORD_RE.test(lower)) return true;
  const parts = [lower, ...lower.split('-')];
  if (afterParticle) return parts.some((part) => PLACES.has(part) || CALENDAR_WORDS.has(part));
  // In a double surname only the first part must not be a common word: "Kramer-Oud", "Smit-Groen".
  const [whole, first, ...rest] = parts;
  return (
    [whole, first].some((part) => part !== undefined && isNonNameWord(part)) ||
    rest.some((part) => PLACES.has(part) || CALENDAR_WORDS.has(part))
  );
}

/**
 * A known first name typed in lower case ("mijn vrouw ria", "ik ben henk de jong").
 * Without capitals only listed first names that are not also ordinary words count.
 */
function isLowercaseFirstName(word: string): boolean {
  return (
    FIRST_NAMES.has(word) &&
    !AMBIGUOUS_FIRST_NAMES.has(word) &&
    !WORDLIKE_FIRST_NAMES.has(word) &&
    !isNonNameWord(word)
  );
}

const LOWER_WORD_RE = /[\p{Ll}\p{M}]+(?![\p{L}\p{N}@.]\p{L})/uy;
/** A lower-case surname after a lower-case first name: optional particles, then a common surname. */
const LOWER_SURNAME_RE =
  /[ \u00a0]((?:(?:van|de|der|den|ter|ten|te|el|al)[ \u00a0])*)([\p{Ll}\p{M}]+)(?![\p{L}\p{N}])/uy;

/** Lead words before a single initial that show a person follows: "bij F. Boukhari". */
// Kept short: after "en", "voor" or "naar" a letter often ends a list item ("optie A en B. Verder …").
const BEFORE_SINGLE_INITIAL = new Set(['bij', 'met', 'door', 'namens']);

class NameParser {
  constructor(
    private readonly text: string,
    private readonly blocked: readonly Range[],
  ) {}

  /** Whether a capitalised word may be part of a private person's name. */
  private usableWord(word: string, start: number, afterParticle = false): boolean {
    const range = { start, end: start + word.length };
    if (overlapsAny(range, this.blocked) || isPlaceOrOrganisation(word, afterParticle)) return false;
    // A word followed by a number is a street or a label ("Tafel 3"), not a name; unless the number
    // is a phone number or other detected data ("mw Ouali 06-1299 4410").
    const number = /^[ \u00a0]?\d/.exec(this.text.slice(range.end, range.end + 2));
    if (!number) return true;
    const digitAt = range.end + number[0].length - 1;
    return overlapsAny({ start: digitAt, end: digitAt + 1 }, this.blocked);
  }

  /**
   * A month or day between two name words is part of the name: "Zhang Mei Ling", "Maria Mei Li".
   * Only when another usable name word follows, so "Jansen Mei 2024" still stops at "Jansen".
   */
  private calendarInsideName(word: string, start: number): boolean {
    const end = start + word.length;
    if (!CALENDAR_WORDS.has(word.toLowerCase()) || overlapsAny({ start, end }, this.blocked)) return false;
    const next = stickyMatch(NAME_WORD_RE, this.text, end + 1);
    return this.text[end] === ' ' && next !== null && this.usableWord(next, end + 1);
  }

  /**
   * True when the name runs straight into a street or organisation word:
   * "Willem" in "Willem Dreeslaan", "Anne" in "Anne Frankschool".
   */
  runsIntoPlace(name: ParsedName): boolean {
    const next = /^[ \u00a0](\p{Lu}[\p{L}\p{M}'’-]*)/u.exec(this.text.slice(name.end, name.end + 60))?.[1];
    if (!next) return false;
    const lower = next.toLowerCase();
    return PLACE_WORD_RE.test(lower) || ORGANISATION_WORD_RE.test(lower);
  }

  /** Reads a lower-case first name (+ common surname) at `pos`: "kees", "henk de jong". */
  parseLowercase(pos: number): ParsedName | null {
    const { text } = this;
    const first = stickyMatch(LOWER_WORD_RE, text, pos);
    if (!first || !isLowercaseFirstName(first)) return null;
    let end = pos + first.length;
    LOWER_SURNAME_RE.lastIndex = end;
    const surname = LOWER_SURNAME_RE.exec(text);
    if (surname && SURNAMES.has(surname[2] ?? '')) end += surname[0].length;
    if (overlapsAny({ start: pos, end }, this.blocked)) return null;
    return { start: pos, end, parts: [{ kind: 'word', start: pos, end, text: text.slice(pos, end) }] };
  }

  /** Reads a name starting at `pos`. */
  parse(pos: number, particleStart: boolean): ParsedName | null {
    const { text } = this;
    const parts: NamePart[] = [];
    let cursor = pos;
    while (parts.length < 6) {
      let at = cursor;
      if (parts.length > 0) {
        if (stickyMatch(SPACE_RE, text, cursor) === null) break;
        at = cursor + 1;
      }
      const lastIsWord = parts.at(-1)?.kind === 'word';
      const initials = lastIsWord ? null : stickyMatch(INITIALS_RE, text, at);
      if (initials) {
        if (NON_NAME_INITIALS.has(initials.replace(/[.\s]/g, '').toUpperCase())) break;
        parts.push({ kind: 'initials', start: at, end: at + initials.length, text: initials });
        cursor = at + initials.length;
        continue;
      }
      if (parts.length > 0 && stickyMatch(A_JOINER_RE, text, at)) {
        const wordAt = at + 2;
        const word = stickyMatch(NAME_WORD_RE, text, wordAt);
        if (word && this.usableWord(word, wordAt, true)) {
          parts.push({ kind: 'word', start: at, end: wordAt + word.length, text: `A ${word}` });
          cursor = wordAt + word.length;
          continue;
        }
      }
      const particles = parts.length > 0 || particleStart ? stickyMatch(PARTICLES_RE, text, at) : null;
      if (particles) {
        const wordAt = at + particles.length;
        const word = stickyMatch(NAME_WORD_RE, text, wordAt);
        if (word && this.usableWord(word, wordAt, true)) {
          parts.push({ kind: 'word', start: at, end: wordAt + word.length, text: particles + word });
          cursor = wordAt + word.length;
          continue;
        }
      }
      const word = stickyMatch(NAME_WORD_RE, text, at);
      if (!word) break;
      if (!this.usableWord(word, at) && !(parts.length > 0 && this.calendarInsideName(word, at))) break;
      parts.push({ kind: 'word', start: at, end: at + word.length, text: word });
      cursor = at + word.length;
    }
    // Initials must be followed by a surname.
    while (parts.length > 0 && parts.at(-1)?.kind !== 'word') parts.pop();
    const first = parts[0];
    const last = parts.at(-1);
    if (!first || !last) return null;
    return { start: first.start, end: last.end, parts };
  }
}

const firstWordOf = (name: ParsedName): string => {
  const first = name.parts.find((p) => p.kind === 'word');
  return (first?.text.split(/[\s-]/)[0] ?? '').toLowerCase();
};

const wordCount = (name: ParsedName): number => name.parts.filter((p) => p.kind === 'word').length;

/** The last word is a common surname (tussenvoegsel and double-name parts stripped): "… de Vries", "… Kok-Jansen". */
const endsInKnownSurname = (name: ParsedName): boolean => {
  const last = name.parts.at(-1)?.text.split(/[\s-]/) ?? [];
  return last.some((part) => SURNAMES.has(part.toLowerCase()));
};
const hasInitials = (name: ParsedName): boolean => name.parts[0]?.kind === 'initials';

/**
 * A name preceded by a public office is a public figure: "minister Helder",
 * "Koning Willem-Alexander", "de wethouder, Mirjam …", "burgemeester van Zoetermeer, …".
 */
const PUBLIC_ROLE_BEFORE_RE = new RegExp(
  `(?<![\\p{L}])(?:[\\p{L}]+-)?(?:${[...PUBLIC_ROLES].join('|')})(?:[ \\u00a0]+van[ \\u00a0]+\\p{Lu}[\\p{L}-]+)?[,:]?[ \\u00a0]+$`,
  'iu',
);

function afterPublicRole(text: string, start: number): boolean {
  return PUBLIC_ROLE_BEFORE_RE.test(text.slice(Math.max(0, start - 60), start));
}

const allRoles = [...ROLE_WORDS, ...POSSESSIVE_ROLE_WORDS].join('|');

/**
 * Evidence after a name that makes it a person even without a first-name
 * match: an apposition ", mijn buurvrouw," or "(mijn buurvrouw)", an age
 * " (84)" or ", 78 jaar", a role in brackets " (deelnemer)".
 */
const AFTER_NAME_RE = new RegExp(
  `^(?:,[ \\u00a0]*${possessive}[ \\u00a0]+(?:${allRoles})[ \\u00a0]*[,.;)]|[ \\u00a0]*\\((?:${possessive}[ \\u00a0]+)?(?:${allRoles})\\)|[ \\u00a0]*\\(\\d{2,3}(?:[ \\u00a0]*jaar)?\\)|,[ \\u00a0]*\\d{2,3}[ \\u00a0]+jaar(?![\\p{L}]))`,
  'iu',
);

/** Weaker evidence, only used after a weak cue: "Ik ben Priscilla, mantelzorger van …". */
const AFTER_NAME_WEAK_RE = new RegExp(
  `^,[ \\u00a0]*(?:${possessive}[ \\u00a0]+)?(?:${allRoles})(?![\\p{L}])`,
  'iu',
);

/** Speech verbs before a name ("In Meerzicht vertelde Gerda dat…"); the name must be followed by "dat" or a comma. */
const SPEECH_VERB_RE =
  /(?<![\p{L}])(?:vertelde|vertelt|zei|zegt|vroeg|vraagt|belde|meldde|meldt|schreef|aldus|merkte|gaf)[ \u00a0]+/giu;

/** Services people work for: a name right before "van de thuiszorg" is someone who works there. */
const AFFILIATIONS =
  'thuiszorg|thuishulp|wijkteam|wijkverpleging|wijkzuster|gemeente|zorg|zorgaanbieder|huisartsenpraktijk|praktijk|apotheek|dagbesteding|ouderenbond|kerk|moskee|bibliotheek|buurthuis|woningcorporatie|woningbouw|woningbouwvereniging|schoonmaakbedrijf|zorgverzekeraar|verzekering|wmo|wmo-loket|loket|welzijn|welzijnsorganisatie|vrijwilligerscentrale|mantelzorgpunt';
const AFFILIATION_RE = new RegExp(
  `(?<![\\p{L}\\p{N}'’.-])(\\p{Lu}[\\p{Ll}\\p{M}]+(?:[ \\u00a0]\\p{Lu}[\\p{Ll}\\p{M}]+)?)[ \\u00a0]+van[ \\u00a0]+(?:de|het)[ \\u00a0]+(?:${AFFILIATIONS})(?![\\p{L}])`,
  'gu',
);

/** The same in lower case, for listed first names only: "mirjam van de wijkverpleging". */
const LOWER_AFFILIATION_RE = new RegExp(
  `(?<![\\p{L}\\p{N}'’.@-])(\\p{Ll}+)[ \\u00a0]+van[ \\u00a0]+(?:de|het)[ \\u00a0]+(?:${AFFILIATIONS})(?![\\p{L}])`,
  'gu',
);

/** "Noor en Daan": a capitalised word joined by "en" to a name that was found is a name too. */
function coordinated(text: string, found: readonly PiiSpan[], parser: NameParser): ParsedName[] {
  const out: ParsedName[] = [];
  for (const span of found) {
    const before = /(?<![\p{L}\p{N}'’.-])(\p{Lu}[\p{Ll}\p{M}]+)[ \u00a0]+en[ \u00a0]+$/u.exec(
      text.slice(Math.max(0, span.start - 40), span.start),
    );
    if (before?.[1]) {
      const at = span.start - before[0].length;
      const name = parser.parse(at, false);
      if (name && name.end === at + before[1].length && !isSentenceStart(text, at)) out.push(name);
    }
    const after = /^[ \u00a0]+en[ \u00a0]+(?=\p{Lu}[\p{Ll}\p{M}]+|\p{Lu}\.)/u.exec(
      text.slice(span.end, span.end + 8),
    );
    if (after) {
      const name = parser.parse(span.end + after[0].length, false);
      if (name) out.push(name);
    }
  }
  return out;
}

/**
 * "Wilhelmina Sardjoe", "Juliana de Wit": a royal first name with a surname after it is a private
 * person (common among older women), not the queen.
 */
function privateNamesake(text: string, range: Range): boolean {
  if (/[ \u00a0-]/.test(text.slice(range.start, range.end))) return false;
  const next = /^[ \u00a0]+(?:(?:van|de|der|den|ter|ten|te|el)[ \u00a0]+)*(\p{Lu}[\p{Ll}\p{M}]+)/u.exec(
    text.slice(range.end, range.end + 40),
  )?.[1];
  return next !== undefined && !isPlaceOrOrganisation(next, false);
}

export function findPersons(text: string, blocked: readonly Range[]): PiiSpan[] {
  const publicRanges = [
    ...rangesOf(text, PUBLIC_FIGURE_RE).filter((r) => !privateNamesake(text, r)),
    ...rangesOf(text, IDIOM_RE),
    ...rangesOf(text, ORGANISATION_RE),
  ];
  const parser = new NameParser(text, [...blocked, ...publicRanges]);
  const found: PiiSpan[] = [];
  const accept = (name: ParsedName) => {
    const span: PiiSpan = { type: 'PERSON', start: name.start, end: name.end };
    if (overlapsAny(span, found) || afterPublicRole(text, name.start) || parser.runsIntoPlace(name)) return;
    found.push(span);
  };
  const after = (name: ParsedName) => text.slice(name.end, name.end + 60);
  const hasEvidenceAfter = (name: ParsedName) => AFTER_NAME_RE.test(after(name));
  const knownFirst = (name: ParsedName) => FIRST_NAMES.has(firstWordOf(name));

  for (const cue of CUES) {
    for (const m of text.matchAll(cue.re)) {
      const at = m.index + m[0].length;
      const name = parser.parse(at, cue.particleStart) ?? parser.parseLowercase(at);
      if (!name) continue;
      const evidence =
        hasEvidenceAfter(name) ||
        AFTER_NAME_WEAK_RE.test(after(name)) ||
        (cue.apposition === true && /^[ \u00a0]*[,)]/.test(after(name)));
      if (cue.strength === 'weak' && !knownFirst(name) && wordCount(name) < 2 && !evidence) continue;
      accept(name);
    }
  }

  for (const m of text.matchAll(SPEECH_VERB_RE)) {
    const name = parser.parse(m.index + m[0].length, false);
    if (name && /^(?:[ \u00a0]+dat(?![\p{L}])|,)/u.test(text.slice(name.end, name.end + 5))) accept(name);
  }

  // Someone from an organisation: "tegen Priscilla van de thuiszorg", "Ahmed van het wijkteam".
  for (const m of text.matchAll(LOWER_AFFILIATION_RE)) {
    const name = parser.parseLowercase(m.index);
    if (name && name.end === m.index + (m[1]?.length ?? 0)) accept(name);
  }
  for (const m of text.matchAll(AFFILIATION_RE)) {
    const at = m.index;
    const name = parser.parse(at, false);
    if (!name || name.end !== at + (m[1]?.length ?? 0)) continue;
    if (isSentenceStart(text, at) && COMMON_CAPITALISED.has(firstWordOf(name))) continue;
    accept(name);
  }

  for (const m of text.matchAll(/(?<![\p{L}\p{N}'’.-])(?:\p{Lu}[\p{Ll}\p{M}]+|\p{Lu}\.)/gu)) {
    if (overlapsAny({ start: m.index, end: m.index + m[0].length }, found)) continue;
    const name = parser.parse(m.index, false);
    if (!name) continue;
    const first = firstWordOf(name);
    const sentenceStart = isSentenceStart(text, name.start);
    if (hasInitials(name)) {
      // "G.J. Hoogendoorn", "P. de Haan": initials with a surname. A single letter after a
      // word may end a sentence instead ("vitamine D. Verder …"), so it needs punctuation before it.
      const single = /^\p{Lu}\.$/u.test(name.parts[0]?.text ?? '');
      const before = text.slice(0, name.start).trimEnd().at(-1);
      // "aan K. van de Kamp": a single initial with a tussenvoegsel and surname is a name anywhere.
      const withParticle = /^\p{Ll}/u.test(name.parts[1]?.text ?? '');
      if (
        !single ||
        withParticle ||
        before === undefined ||
        /[.,:;!?(\-–—]/.test(before) ||
        BEFORE_SINGLE_INITIAL.has(previousWord(text, name.start))
      ) {
        accept(name);
      }
    } else if (hasEvidenceAfter(name)) {
      // "Ria, mijn buurvrouw, …", "Sjaan (84) …"
      accept(name);
    } else if (isSignature(text, name) && (knownFirst(name) || wordCount(name) >= 2)) {
      // A name alone at the very end: a signature.
      accept(name);
    } else if (!FIRST_NAMES.has(first) && wordCount(name) >= 2 && endsInKnownSurname(name)) {
      // An unlisted first name with a common surname: "Sjoukje de Vries".
      accept(name);
    } else if (FIRST_NAMES.has(first)) {
      // No cue: a known first name, unless it reads as an ordinary word here.
      // Names that are also words ("Roos", "Wil", "Mark") need a surname or a cue.
      if (AMBIGUOUS_FIRST_NAMES.has(first) && wordCount(name) < 2) continue;
      if (sentenceStart && COMMON_CAPITALISED.has(first)) continue;
      // "bij de Dirk", "een Jan": an article before a bare first name means a shop or a type.
      if (['de', 'het', 'een', "'n"].includes(previousWord(text, name.start).toLowerCase())) continue;
      accept(name);
    }
  }

  // Names joined to a found name by "en", one round (not chains of organisations or places).
  for (const name of coordinated(text, [...found], parser)) accept(name);

  // Lower-case first names with evidence after them: "joop (87)", "ria, mijn buurvrouw,".
  for (const m of text.matchAll(/(?<![\p{L}\p{N}'’.@-])\p{Ll}+/gu)) {
    const name = parser.parseLowercase(m.index);
    if (name && !overlapsAny(name, found) && hasEvidenceAfter(name)) accept(name);
  }

  return found.sort((a, b) => a.start - b.start);
}

/** The name stands alone after the last sentence (or a dash) and ends the text. */
function isSignature(text: string, name: ParsedName): boolean {
  if (!/^[ \u00a0]*\.?\s*$/.test(text.slice(name.end))) return false;
  const before = text.slice(0, name.start);
  return /(?:[.!?]\s+|\n\s*|\s[-–—]\s*)$/.test(before) && before.trim().length > 0;
}
