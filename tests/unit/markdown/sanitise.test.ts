import fc from 'fast-check';
import { Marked } from 'marked';
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../../src/lib/markdown/render.server';
import { sanitiseMarkdown } from '../../../src/lib/markdown/sanitise';
import { attackStrings, hasExecutableHtml, hostileString } from '../../support/hostile';

// Issue 16, item 13: the .md export must carry no raw HTML, no script and no javascript: links,
// read the way any Markdown program would (marked without a sanitizer), and ordinary Markdown
// must come out as it went in.
const plain = new Marked({ gfm: true, breaks: false, async: false });
const asHtml = (markdown: string) => plain.parse(markdown) as string;
/** Tags Markdown itself makes; anything else in the HTML came from raw HTML in the source. */
const markdownTags = new Set(
  'p br strong em del ul ol li blockquote a h1 h2 h3 h4 h5 h6 code pre hr table thead tbody tr th td'.split(
    ' ',
  ),
);
const tagsIn = (html: string) =>
  [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => (m[1] ?? '').toLowerCase());

const hostileMarkdown = [
  '<script>alert(1)</script>',
  'Tekst <img src=x onerror=alert(1)> meer',
  '<div onclick="alert(1)">\nblok <b>vet</b>\n</div>',
  '[klik](javascript:alert(1)) en [ook](JaVaScRiPt:alert(1)) en [spatie]( javascript:alert(1))',
  '[klik][ref]\n\n[ref]: javascript:alert(1)',
  '![plaatje](javascript:alert(1)) ![ander](https://voorbeeld.nl/a.png)',
  '<a href="javascript:alert(1)">link</a>',
  '<<b>script>alert(1)<</b>/script>',
  '<iframe src="https://evil.example"></iframe>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '> citaat <svg onload=alert(1)>\n> nog een regel',
  '- punt <style>*{display:none}</style>\n- [x] taak',
  '| a | b |\n|---|---|\n| <i>1</i> | [x](vbscript:msgbox) |',
  '<!-- commentaar --> tekst <?php echo 1 ?>',
  '`<script>code blijft code</script>`',
];

describe('Markdown sanitised for the export', () => {
  test.each(hostileMarkdown)('%j has no HTML, script or unsafe link left', (source) => {
    const html = asHtml(sanitiseMarkdown(source));
    expect(hasExecutableHtml(html), html).toBe(false);
    expect(
      tagsIn(html).filter((t) => !markdownTags.has(t)),
      html,
    ).toEqual([]);
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
  });

  test('the text of removed HTML stays readable, code stays code', () => {
    expect(sanitiseMarkdown('Tekst <b>vet</b> hier')).toBe('Tekst vet hier');
    expect(sanitiseMarkdown('[klik](javascript:alert(1))')).toBe('klik');
    expect(sanitiseMarkdown('`<b>` in code')).toBe('`<b>` in code');
    expect(asHtml(sanitiseMarkdown('<script>alert(1)</script>'))).not.toContain('alert');
  });

  test('ordinary Markdown comes out as it went in', () => {
    const ordinary = [
      'Een alinea met **vet**, _schuin_, *ook schuin* en `code`.',
      '### Kopje\n\nTekst onder het kopje.',
      '- een\n- twee\n  - drie',
      '1. eerst\n2. dan\n3. daarna',
      '> Een citaat\n> over twee regels.',
      'Zie [de website](https://www.zoetermeer.nl "Gemeente") of mail [ons](mailto:info@zoetermeer.nl).',
      'Kijk op <https://www.zoetermeer.nl> of https://doemee.zoetermeer.nl.',
      '| Wat | Hoeveel |\n| --- | ---: |\n| hulp | 3 |',
      '```\nblok code\n```',
      'Regel een  \nregel twee\n\n---\n\nNa de lijn.',
      'Prijs: 5 < 6 & 7 > 3, a_b_c en 2 * 3.',
    ];
    for (const source of ordinary) {
      expect(asHtml(sanitiseMarkdown(source)), source).toBe(asHtml(source));
      expect(renderMarkdown(sanitiseMarkdown(source)), source).toBe(renderMarkdown(source));
    }
    expect(sanitiseMarkdown(ordinary[0] as string)).toBe(ordinary[0]);
  });

  test('generated hostile Markdown never renders HTML of its own', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ...attackStrings,
        ...hostileMarkdown,
        '**',
        '_',
        '[',
        '](',
        ')',
        '<',
        '>',
        '\n',
        '\n\n',
        '- ',
        '> ',
        '`',
      ),
      hostileString(40),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const html = asHtml(sanitiseMarkdown(parts.join('')));
        expect(hasExecutableHtml(html), html).toBe(false);
        expect(
          tagsIn(html).filter((t) => !markdownTags.has(t)),
          html,
        ).toEqual([]);
      }),
      { numRuns: 500 },
    );
    // 500 generated texts, each parsed and rendered several times: seconds on a busy machine.
  }, 60_000);
});
