import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../../src/lib/markdown/render.server';

describe('staff Markdown', () => {
  test('renders plain formatting', () => {
    expect(renderMarkdown('Een **vaste** hulp.\n\n- een\n- twee')).toBe(
      '<p class="utrecht-paragraph">Een <strong>vaste</strong> hulp.</p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n',
    );
  });
  test.each([
    ['a script tag', '<script>alert(1)</script>Tekst', 'script'],
    ['an event handler', '<img src=x onerror=alert(1)>', 'onerror'],
    ['a javascript: link', '[klik](javascript:alert(1))', 'javascript:'],
    ['inline style', '<p style="color:red">x</p>', 'style'],
    ['an iframe', '<iframe src="https://elders.example"></iframe>', 'iframe'],
  ])('removes %s', (_, input, forbidden) => {
    expect(renderMarkdown(input).toLowerCase()).not.toContain(forbidden);
  });
  test('keeps safe links, marked as such', () => {
    expect(renderMarkdown('[Zoetermeer](https://www.zoetermeer.nl)')).toContain(
      '<a href="https://www.zoetermeer.nl" class="utrecht-link" rel="noopener noreferrer">Zoetermeer</a>',
    );
  });
});
