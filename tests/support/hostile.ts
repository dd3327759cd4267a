import fc from 'fast-check';
import { Parser } from 'htmlparser2';

/**
 * Hostile input for property-based tests (fast-check): the kinds of strings and values that break
 * validators, databases and HTML — used by the unit, integration and HTTP fuzz tests alike.
 */
export const attackStrings = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '[x](javascript:alert(1))',
  '<style>*{display:none}</style>',
  '{{constructor.constructor("alert(1)")()}}',
  "'; drop table public.submissions; --",
  "' or '1'='1",
  '1; select pg_sleep(10)',
  '$1 $2 \\x00',
  '%00%27%22%3Cscript%3E',
  '\u0000',
  '\u0000abc\u0000',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  '\ud800',
  '\udfff',
  'a\ud83dz',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301',
  '\r\n\r\nX-Injected: 1',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  ' ',
  '',
];

/** A string that may be any of the above, random text of several kinds, or very long. */
export const hostileString = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...attackStrings) },
    { weight: 3, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom(...attackStrings), fc.string({ maxLength: 20 })), { maxLength: 8 })
        .map((parts) => parts.join(' ')),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => 'x'.repeat(n * 1000)) },
  );

/** Any JSON-ish value, with hostile strings inside. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString(20), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** An object with the given keys (each maybe missing) holding hostile values or plausible strings. */
export function hostileObject(
  keys: readonly string[],
  plausible: Record<string, fc.Arbitrary<unknown>> = {},
) {
  return fc.record(
    Object.fromEntries(
      keys.map((k) => [k, plausible[k] ? fc.oneof(plausible[k], hostileValue) : hostileValue]),
    ) as Record<string, fc.Arbitrary<unknown>>,
    { requiredKeys: [] },
  );
}

const activeTags = new Set(
  'script iframe frame frameset object embed applet style link meta base form input button textarea select svg math img image video audio source track template noscript xmp plaintext'.split(
    ' ',
  ),
);
const urlAttributes = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'poster',
  'data',
]);

/**
 * True when HTML could run script or load something active, parsed the way a browser tokenises it
 * (htmlparser2, the parser sanitize-html itself uses): script-ish tags, event handler or style
 * attributes, script/data URLs (after entity decoding and with control characters removed).
 */
export function hasExecutableHtml(html: string): boolean {
  let found = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (activeTags.has(name.toLowerCase())) found = true;
        for (const [attribute, value] of Object.entries(attributes)) {
          const a = attribute.toLowerCase();
          if (a.startsWith('on') || a === 'style' || a === 'srcdoc') found = true;
          // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these in URLs
          const url = value.replace(/[\u0000-\u0020\u007f]/g, '');
          if (urlAttributes.has(a) && /^(javascript|vbscript|data):/i.test(url)) found = true;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}
