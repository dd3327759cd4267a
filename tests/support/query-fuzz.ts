import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { hostileString } from './hostile';

/**
 * Query-string fuzzing for every page and GET API route (issue 16, item 12): each route with the
 * parameters it reads, plus names it does not know, holding values that have broken pages before:
 * calendar dates that do not exist (30 February), keyset cursors that carry them, NUL bytes,
 * CR/LF, odd unicode, huge values and repeated parameters. Used by tests/e2e/fuzz-http.test.ts
 * signed in as every role; the answer is never a 5xx.
 */

/** `{stop}`, `{slug}`, `{code}`, `{job}` in a path are filled in from `PathValues`. */
export interface RouteTemplate {
  readonly path: string;
  /** The query parameters the route reads (grep searchParams in src/pages). */
  readonly params: readonly string[];
}

export const routeTemplates: readonly RouteTemplate[] = [
  { path: '/', params: [] },
  { path: '/film', params: [] },
  { path: '/privacy', params: [] },
  { path: '/meedoen', params: [] },
  { path: '/meedoen/inwoner', params: [] },
  { path: '/meedoen/{slug}', params: [] },
  { path: '/bedankt', params: [] },
  { path: '/mijn-inzending', params: [] },
  { path: '/afmelden', params: ['token'] },
  { path: '/resultaten', params: [] },
  { path: '/resultaten/{slug}', params: ['versie'] },
  { path: '/staff/inloggen', params: ['reden', 'terug'] },
  { path: '/staff', params: [] },
  { path: '/staff/dashboard', params: ['consultation', 'audience', 'from', 'to'] },
  {
    path: '/staff/moderatie',
    params: ['status', 'doelgroep', 'kanaal', 'persoonsgegevens', 'zoek', 'na', 'gelukt', 'fout', 'bij'],
  },
  { path: '/staff/logboek', params: ['soort', 'wie', 'id', 'van', 'tot', 'na'] },
  { path: '/staff/logboek.csv', params: ['soort', 'wie', 'id', 'van', 'tot'] },
  { path: '/staff/outbox', params: [] },
  {
    path: '/staff/export',
    params: ['fout', 'consultation', 'source', 'audience', 'channel', 'from', 'to', 'format'],
  },
  {
    path: '/staff/export/bestand',
    params: ['consultation', 'source', 'audience', 'channel', 'from', 'to', 'format', 'bevestigd'],
  },
  { path: '/staff/roadtour/', params: [] },
  { path: '/staff/roadtour/nieuw', params: [] },
  { path: '/staff/roadtour/{stop}', params: [] },
  { path: '/staff/roadtour/{stop}/bewerken', params: [] },
  { path: '/staff/roadtour/{stop}/samenvatting', params: [] },
  { path: '/staff/themas', params: [] },
  { path: '/staff/themas/{slug}', params: [] },
  { path: '/staff/themas/{slug}/publiceren', params: ['gepubliceerd', 'ingetrokken', 'verstuurd', 'versie'] },
  { path: '/staff/verwijderverzoek', params: [] },
  { path: '/staff/beheer/medewerkers', params: ['gedaan', 'wie'] },
  { path: '/api/health', params: [] },
  { path: '/api/roadtour/session', params: [] },
  { path: '/api/roadtour/stops', params: ['consultationId', 'when'] },
  { path: '/api/roadtour/stops/{stop}', params: [] },
  { path: '/api/roadtour/stops/{stop}/notes', params: [] },
  { path: '/api/roadtour/stops/{stop}/summary', params: [] },
  { path: '/api/staff/inzendingen/{code}', params: [] },
  { path: '/api/staff/themas/{slug}', params: ['aantal'] },
  { path: '/api/staff/themas/{slug}/berichten', params: ['thema'] },
  { path: '/api/staff/themas/{slug}/jobs', params: [] },
  { path: '/api/staff/themas/{slug}/jobs/{job}', params: [] },
  { path: '/api/staff/themas/{slug}/lijkt-hierop', params: ['bericht', 'thema'] },
  { path: '/api/staff/themas/{slug}/suggesties', params: [] },
  { path: '/api/staff/themas/{slug}/twijfel', params: ['aantal'] },
  { path: '/api/staff/themas/{slug}/zoeken', params: ['q'] },
];

/** Real values for the path's placeholders, so the fuzzed query reaches the route's code. */
export interface PathValues {
  readonly slug: readonly string[];
  readonly stop: readonly string[];
  readonly code: readonly string[];
  readonly job: readonly string[];
}

/** Dates and times that look right to a pattern but do not exist, or lie far outside any range. */
export const impossibleDates = [
  '2026-02-30',
  '2026-02-29',
  '2025-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '2026-01-00',
  '0000-01-01',
  '0000-00-00',
  '9999-12-31',
  '99999-01-01',
  '-001-01-01',
  '2026-2-3',
  '2026-02-30T00:00:00Z',
  '2026-02-30T25:61:61.1234567Z',
  '275760-09-14T00:00:00.000Z',
  '1970-01-01T00:00:00.000000Z',
];

const timestamps = [
  '2026-02-30T10:00:00.000000Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:59:60Z',
  '9999-12-31T23:59:59.999999Z',
  '0000-01-01T00:00:00Z',
  '2026-11-24T10:00:00.123456Z',
];

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Keyset cursors as the pages encode them ([at, id] in base64url JSON), with broken insides. */
export const hostileCursor: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...timestamps), fc.constantFrom(...impossibleDates), hostileString(40)),
    fc.oneof(
      fc.constant(null).map(() => randomUUID()),
      fc.constantFrom(1, 0, -1, 2 ** 53, 1e19, 1.5, '1', 'x', null),
      fc.constant('ffffffff-ffff-ffff-ffff-ffffffffffff'),
    ),
    fc.constantFrom('pair', 'single', 'triple', 'object'),
  )
  .map(([at, id, shape]) =>
    base64url(
      shape === 'pair'
        ? [at, id]
        : shape === 'single'
          ? [at]
          : shape === 'triple'
            ? [at, id, at]
            : { at, id },
    ),
  );

/** One hostile value for a query parameter. */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...impossibleDates) },
  { weight: 3, arbitrary: hostileCursor },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '%00',
      '\r\n',
      'x\r\nSet-Cookie: a=b',
      '\u2028\u2029',
      '\ud800',
      '\udfff\ud800',
      '\u202e',
      '\ufeff',
      '😀',
      'ﷺ',
      '\\',
      "'",
      '"',
      '<>',
      '&',
      '=',
      '#',
      '?',
      '%',
      ' ',
      '',
      '0',
      '-1',
      '1e309',
      'NaN',
      'Infinity',
      '9223372036854775808',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'current',
      'docx',
      'csv',
      'xlsx',
      'md',
      'json',
      'inwoner',
      'online',
      'roadtour',
      'new',
      'alle',
      'ja',
      'krachtig-oud-worden',
      '/staff',
      '//evil.example',
      'javascript:alert(1)',
    ),
  },
  { weight: 3, arbitrary: hostileString(120) },
  { weight: 1, arbitrary: fc.constant(null).map(() => randomUUID()) },
  // Long enough to reach the database, short enough to stay under Node's header limit.
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => '9'.repeat(n * 1000)) },
);

/** Percent-encodes every UTF-8 byte (lone surrogates become U+FFFD first, as browsers do). */
export const encodeAll = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** A path segment: mostly a real value, sometimes a hostile one (CR/LF, NUL, unicode, dots). */
const segment = (real: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(real.length > 0 ? real : ['x'])) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom('a\r\nb', '\r\n', 'x\u0000y', '\u0000', '..', '😀', '\ud800', 'a b', '%zz'),
          hostileString(60),
          fc.constantFrom(...impossibleDates),
        )
        .map(encodeAll)
        // Long paths are Node's 431 before the application sees them (the query fuzz is about the app).
        .filter((s) => s.length > 0 && s.length < 900),
    },
  );

const maxUrlLength = 8_000;

/** A complete path + query for one route, as the browser would send it (already encoded). */
export function hostileRequestPath(route: RouteTemplate, values: PathValues): fc.Arbitrary<string> {
  const names = fc.oneof(
    { weight: 6, arbitrary: route.params.length > 0 ? fc.constantFrom(...route.params) : fc.constant('x') },
    { weight: 1, arbitrary: hostileString(20).filter((s) => s.length > 0) },
    { weight: 1, arbitrary: fc.constantFrom('na[]', 'van[0]', '__proto__', 'constructor') },
  );
  const pairs = fc.array(fc.tuple(names, hostileQueryValue, fc.integer({ min: 1, max: 3 }), fc.boolean()), {
    minLength: 1,
    maxLength: 4,
  });
  const placeholders = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as keyof PathValues);
  return fc
    .tuple(fc.tuple(...placeholders.map((p) => segment(values[p] ?? []))), pairs)
    .map(([filled, list]) => {
      let path = route.path;
      placeholders.forEach((p, i) => {
        path = path.replace(`{${p}}`, filled[i] ?? 'x');
      });
      const parts = list.flatMap(([name, value, times, raw]) =>
        // Repeated parameters are arrays to most parsers; raw values keep a literal % or &.
        Array.from(
          { length: times },
          () => `${encodeAll(name)}=${raw ? value.replace(/[^\x21-\x7e]/g, encodeAll) : encodeAll(value)}`,
        ),
      );
      // Node answers a request line past its 16 KB header limit with 431 and closes the
      // connection: keep under it, so every request reaches the application.
      let query = '';
      for (const part of parts)
        if (path.length + query.length + part.length < maxUrlLength) query += `&${part}`;
      return `${path}?${query.slice(1)}`;
    });
}

/** Every route, each with its own hostile paths: one arbitrary to draw from. */
export function anyHostileRequestPath(values: PathValues): fc.Arbitrary<string> {
  return fc.oneof(...routeTemplates.map((route) => hostileRequestPath(route, values)));
}
