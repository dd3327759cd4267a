import { describe, expect, test } from 'vitest';
import { escapeHtml, resultsMessage } from '../../../src/lib/mail/messages.nl';

const resultsUrl = 'https://doemee.zoetermeer.nl/resultaten/huishoudelijke-ondersteuning';
const unsubscribeUrl = 'https://doemee.zoetermeer.nl/afmelden?token=abcdefghijklmnopqrstuvwxyz_-0123';

describe('the results message', () => {
  const message = resultsMessage({
    consultationTitle: 'Krachtig oud worden',
    resultsUrl,
    unsubscribeUrl,
  });

  test('has a Dutch subject with the title', () => {
    expect(message.subject).toBe('De resultaten van "Krachtig oud worden" staan online');
  });

  test('the text version has both links, each on a line of its own', () => {
    const lines = message.text.split('\n');
    expect(lines).toContain(resultsUrl);
    expect(lines).toContain(unsubscribeUrl);
    expect(message.text).toMatch(/Bedankt dat u heeft meegedaan/);
    expect(message.text).toMatch(/Wat gebeurt er nu\?/);
    expect(message.text).not.toMatch(/<[a-z]/i);
  });

  test('the HTML version links both addresses', () => {
    expect(message.html).toContain(`href="${resultsUrl}"`);
    expect(message.html).toContain(`href="${unsubscribeUrl}"`);
    expect(message.html).toContain('<html lang="nl">');
  });

  test('the HTML escapes a title with a script', () => {
    const evil = resultsMessage({
      consultationTitle: '<script>alert("x")</script> & \'meer\'',
      resultsUrl,
      unsubscribeUrl,
    });
    expect(evil.html).not.toContain('<script>');
    expect(evil.html).not.toContain('alert("x")');
    expect(evil.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;meer&#39;');
    // The text version is plain text: shown as it is, never interpreted.
    expect(evil.text).toContain('<script>alert("x")</script>');
  });

  test('the HTML escapes ampersands and quotes inside links', () => {
    const url = 'https://doemee.zoetermeer.nl/afmelden?token=abc&x="y"';
    const m = resultsMessage({ consultationTitle: 'Titel', resultsUrl, unsubscribeUrl: url });
    expect(m.html).toContain('href="https://doemee.zoetermeer.nl/afmelden?token=abc&amp;x=%22y%22"');
    expect(m.html).not.toContain('x="y"');
  });

  test('a title with line breaks stays on one line in the subject', () => {
    const m = resultsMessage({
      consultationTitle: 'Eerste\r\nBcc: iemand@example.test',
      resultsUrl,
      unsubscribeUrl,
    });
    expect(m.subject).toBe('De resultaten van "Eerste Bcc: iemand@example.test" staan online');
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  test.each([
    ['javascript: link', 'javascript:alert(1)'],
    ['relative link', '/resultaten/x'],
    ['data: link', 'data:text/html,<b>x</b>'],
  ])('refuses a %s', (_, bad) => {
    expect(() => resultsMessage({ consultationTitle: 'Titel', resultsUrl: bad, unsubscribeUrl })).toThrow(
      TypeError,
    );
    expect(() => resultsMessage({ consultationTitle: 'Titel', resultsUrl, unsubscribeUrl: bad })).toThrow(
      TypeError,
    );
  });
});

describe('escapeHtml', () => {
  test('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  test('leaves other text alone', () => expect(escapeHtml('één café')).toBe('één café'));
});
