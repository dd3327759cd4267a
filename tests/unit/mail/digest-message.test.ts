import { describe, expect, test } from 'vitest';
import { moderationDigestMessage } from '../../../src/lib/mail/messages.nl';

const queueUrl = 'https://doemee.zoetermeer.nl/staff/moderatie?status=new';
const settingsUrl = 'https://doemee.zoetermeer.nl/staff/moderatie#dagelijkse-e-mail';

describe('the daily moderation e-mail', () => {
  test.each([
    [12, 5, 'Doe Mee: 12 nieuwe berichten wachten op beoordeling', 'Daarvan kwamen er 5 bij'],
    [1, 1, 'Doe Mee: 1 nieuw bericht wacht op beoordeling', 'Daarvan kwam er 1 bij'],
    [3, 0, 'Doe Mee: 3 nieuwe berichten wachten op beoordeling', 'kwam er niets nieuws bij'],
  ])('%i waiting, %i new: %s', (waiting, arrived, subject, line) => {
    const message = moderationDigestMessage({ name: 'Mo', waiting, arrived, queueUrl, settingsUrl });
    expect(message.subject).toBe(subject);
    expect(message.text).toContain(line);
    expect(message.text.split('\n')).toContain(queueUrl);
    expect(message.html).toContain(`href="${queueUrl}"`);
  });

  test('escapes the name in the HTML and refuses links that are not http(s)', () => {
    const message = moderationDigestMessage({
      name: '<b>Mo</b>',
      waiting: 2,
      arrived: 1,
      queueUrl,
      settingsUrl,
    });
    expect(message.html).toContain('&lt;b&gt;Mo&lt;/b&gt;');
    expect(() =>
      moderationDigestMessage({
        name: 'Mo',
        waiting: 2,
        arrived: 1,
        queueUrl: 'javascript:alert(1)',
        settingsUrl,
      }),
    ).toThrow(/http/);
  });
});
