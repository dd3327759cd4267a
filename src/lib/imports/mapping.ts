import { type Audience, audiences } from '../content/schema';
import { audienceText } from '../inputs/audiences.nl';
import { ageBands, type helpAnswers } from '../inputs/schema';
import type { ImportQuestion, Mapping, RowError, Sheet, Target } from './types';

/** The fixed targets, in the order the mapping screen offers them. */
export const fieldTargets = ['doelgroep', 'datum', 'leeftijd', 'wijk', 'hulp', 'organisatie'] as const;

/** Lower case, no accents, only letters and digits: "Wat is voor ú belangrijk?" → "watisvoorubelangrijk". */
export function plain(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const fieldNames: Readonly<Record<string, Target>> = Object.fromEntries(
  (
    [
      ['doelgroep', ['doelgroep', 'groep', 'audience', 'soortdeelnemer']],
      [
        'datum',
        [
          'datum',
          'date',
          'tijdstempel',
          'timestamp',
          'ingevuldop',
          'datumingevuld',
          'ontvangen',
          'ontvangenop',
        ],
      ],
      ['leeftijd', ['leeftijd', 'leeftijdsgroep', 'leeftijdscategorie', 'age', 'agegroup']],
      ['wijk', ['wijk', 'woonwijk', 'inwelkewijkwoontu']],
      [
        'hulp',
        [
          'hulp',
          'krijgthulp',
          'krijgtuhulp',
          'hulpinhethuishouden',
          'krijgtuhulpinhethuishouden',
          'receiveshelp',
        ],
      ],
      ['organisatie', ['organisatie', 'naamorganisatie', 'organisatienaam', 'naamvandeorganisatie']],
      ['negeren', ['nr', 'nummer', 'volgnummer', 'id', 'rij', 'regel', 'formuliernummer']],
    ] as const
  ).flatMap(([target, names]) => names.map((name) => [name, target as Target])),
);

export const questionTarget = (q: Pick<ImportQuestion, 'audience' | 'key'>): Target =>
  `vraag:${q.audience}:${q.key}`;

/** Parses a stored or posted target; anything else is "not chosen". */
export function parseTarget(value: unknown, questions: readonly ImportQuestion[]): Target | '' {
  if (typeof value !== 'string') return '';
  if (value === 'negeren' || (fieldTargets as readonly string[]).includes(value)) return value as Target;
  const match = /^vraag:([a-z]+):([a-z0-9-]+)$/.exec(value);
  if (match && questions.some((q) => q.audience === match[1] && q.key === match[2])) return value as Target;
  return '';
}

export interface AutoMapping {
  readonly mapping: Mapping;
  /** Columns that fit several questions: [header, the candidates' targets]. */
  readonly ambiguous: readonly (readonly [string, readonly Target[]])[];
}

/**
 * Maps headers by name: a question's key or its prompt, or a field's Dutch name ("doelgroep",
 * "datum", "leeftijd", "wijk", …). With an audience given, only that audience's questions count.
 * A header that fits questions of several audiences stays unmapped and is listed as ambiguous.
 */
export function autoMapping(
  headers: readonly string[],
  questions: readonly ImportQuestion[],
  audience?: Audience,
): AutoMapping {
  const mapping: Record<string, Target | ''> = {};
  const ambiguous: [string, Target[]][] = [];
  const pool = audience ? questions.filter((q) => q.audience === audience) : questions;
  for (const header of headers) {
    const name = plain(header);
    const field = fieldNames[name];
    if (field) {
      mapping[header] = field;
      continue;
    }
    const fits = pool.filter((q) => plain(q.key) === name || plain(q.prompt) === name);
    const targets = [...new Set(fits.map(questionTarget))];
    if (targets.length === 1) mapping[header] = targets[0] as Target;
    else {
      mapping[header] = '';
      if (targets.length > 1) ambiguous.push([header, targets]);
    }
  }
  return { mapping, ambiguous };
}

/**
 * The mapping to use for a sheet: a remembered or posted one for the headers it names, the
 * automatic one for the rest.
 */
export function mappingFor(
  sheet: Pick<Sheet, 'headers'>,
  questions: readonly ImportQuestion[],
  remembered: Readonly<Record<string, unknown>> | null | undefined,
  audience?: Audience,
): AutoMapping {
  const auto = autoMapping(sheet.headers, questions, audience);
  const mapping: Record<string, Target | ''> = { ...auto.mapping };
  const known = new Set<string>();
  for (const header of sheet.headers) {
    if (remembered && Object.hasOwn(remembered, header)) {
      const target = parseTarget(remembered[header], questions);
      if (target !== '') {
        mapping[header] = target;
        known.add(header);
      }
    }
  }
  return { mapping, ambiguous: auto.ambiguous.filter(([header]) => !known.has(header)) };
}

/**
 * What is wrong with the header row under a mapping: repeated headers, columns not mapped,
 * ambiguous columns, two columns for one target, or no header row at all (the first row holds
 * answers). Reported at the header's row number.
 */
export function headerErrors(
  sheet: Pick<Sheet, 'headers' | 'headerPoint'>,
  mapping: Mapping,
  ambiguous: AutoMapping['ambiguous'] = [],
): RowError[] {
  const point = sheet.headerPoint;
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const header of sheet.headers) {
    if (seen.has(header)) errors.push({ point, code: 'header.duplicate', column: header });
    seen.add(header);
  }
  const mapped = sheet.headers.filter((h) => (mapping[h] ?? '') !== '');
  if (mapped.length === 0 && sheet.headers.some(looksLikeData))
    return [...errors, { point, code: 'header.missing', value: sheet.headers.find(looksLikeData) }];
  const ambiguousHeaders = new Map(ambiguous);
  for (const header of sheet.headers) {
    if ((mapping[header] ?? '') !== '') continue;
    const candidates = ambiguousHeaders.get(header);
    if (candidates)
      errors.push({ point, code: 'column.ambiguous', column: header, value: candidates.join(', ') });
    else errors.push({ point, code: 'column.unknown', column: header });
  }
  const byTarget = new Map<string, string[]>();
  for (const header of sheet.headers) {
    const target = mapping[header] ?? '';
    if (target === '' || target === 'negeren') continue;
    byTarget.set(target, [...(byTarget.get(target) ?? []), header]);
  }
  for (const headers of byTarget.values())
    if (headers.length > 1)
      errors.push({ point, code: 'column.twice', column: headers.join(', '), value: headers.join(', ') });
  return errors;
}

/** A header cell that reads like an answer, a date or a number rather than a column name. */
function looksLikeData(header: string): boolean {
  if (/^Kolom [A-Z]+$/.test(header)) return false;
  return (
    header.length > 60 ||
    /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(header) ||
    /^\d+([.,]\d+)?$/.test(header) ||
    /[.!?]\s+\S/.test(header)
  );
}

// ───────────────────────── values ─────────────────────────

const audienceWords: ReadonlyMap<string, Audience> = new Map(
  audiences.flatMap((code) => {
    const label = audienceText[code].label;
    const words: [string, Audience][] = [
      [plain(code), code],
      [`${plain(code)}s`, code],
      [plain(label), code],
    ];
    const inBrackets = /\(([^)]+)\)/.exec(label)?.[1];
    if (inBrackets) words.push([plain(inBrackets), code], [`${plain(inBrackets)}s`, code]);
    const before = label.split(/[ (]/)[0];
    if (before) words.push([plain(before), code]);
    return words;
  }),
);
const extraAudienceWords: Readonly<Record<string, Audience>> = {
  zorgorganisatie: 'aanbieder',
  zorgaanbieder: 'aanbieder',
  clientorganisatie: 'ouderenbond',
  maatschappelijkepartner: 'partner',
  adviesraadsociaaldomein: 'adviesraad',
};

export function audienceOf(value: string): Audience | null {
  const key = plain(value);
  return audienceWords.get(key) ?? extraAudienceWords[key] ?? null;
}

const ageWords: Readonly<Record<string, (typeof ageBands)[number]>> = {
  tot55: 'tot-55',
  jongerdan55: 'tot-55',
  jongerdan55jaar: 'tot-55',
  '5564': '55-64',
  '55tot65': '55-64',
  '55tot65jaar': '55-64',
  '6574': '65-74',
  '65tot75': '65-74',
  '65tot75jaar': '65-74',
  '7584': '75-84',
  '75tot85': '75-84',
  '75tot85jaar': '75-84',
  '85plus': '85-plus',
  '85ofouder': '85-plus',
  '85jaarofouder': '85-plus',
  '85enouder': '85-plus',
};

/** An age band from its code, its Dutch wording ("55 tot 65 jaar", "85+") or an age in years. */
export function ageBandOf(value: string): (typeof ageBands)[number] | null {
  const text = value.trim().toLowerCase();
  if ((ageBands as readonly string[]).includes(text)) return text as (typeof ageBands)[number];
  if (/^<\s*55/.test(text)) return 'tot-55';
  if (/^85\s*\+$/.test(text)) return '85-plus';
  if (/^\d{1,3}$/.test(text)) {
    const age = Number(text);
    if (age < 12 || age > 120) return null;
    if (age < 55) return 'tot-55';
    if (age < 65) return '55-64';
    if (age < 75) return '65-74';
    if (age < 85) return '75-84';
    return '85-plus';
  }
  const key = plain(text);
  return ageWords[key] ?? null;
}

/** ja / nee / weet niet, as people write them. */
export function receivesHelpOf(value: string): (typeof helpAnswers)[number] | null {
  const key = plain(value);
  if (['ja', 'j', 'yes', 'y', 'true', '1'].includes(key)) return 'ja';
  if (['nee', 'n', 'no', 'false', '0'].includes(key)) return 'nee';
  if (['weetniet', 'weetikniet', 'weethetniet', 'weetnietzeker'].includes(key)) return 'weet-niet';
  return null;
}

/** Values that mean "no answer" in a profile column. */
export function saysNothing(value: string): boolean {
  return ['', 'zegiklieverniet', 'geenantwoord', 'nvt', 'onbekend'].includes(plain(value));
}

/** A wijk from the consultation's list, ignoring case, accents and spaces. */
export function wijkOf(value: string, wijken: readonly string[]): string | null {
  const key = plain(value);
  return wijken.find((w) => plain(w) === key) ?? null;
}

/**
 * A day from a cell: a date from .xlsx, or text as 31-12-2026, 31/12/2026, 31.12.2026 or
 * 2026-12-31 (a time after it is ignored). Kept as noon UTC of that day.
 */
export function dayOf(value: string | Date): Date | null {
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? null
      : new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate(), 12));
  const text = value.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/.exec(text);
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s.*)?$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dutch) [d, m, y] = [Number(dutch[1]), Number(dutch[2]), Number(dutch[3])];
  else return null;
  const day = new Date(Date.UTC(y, m - 1, d, 12));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
  return day;
}
