import { describe, expect, test } from 'vitest';
import { defaultMailFrom, readMailConfig } from '../../../src/lib/mail/config.server';
import { resultsUrl, siteBase, UnsubscribeTokenSchema, unsubscribeUrl } from '../../../src/lib/mail/links';

describe('mail configuration', () => {
  test('without SMTP_HOST there is no SMTP: outbox only', () => {
    expect(readMailConfig({})).toEqual({ from: defaultMailFrom, smtp: null });
    expect(readMailConfig({ SMTP_HOST: '  ', SMTP_PORT: '' })).toEqual({ from: defaultMailFrom, smtp: null });
  });

  test('port 587 with STARTTLS by default', () => {
    expect(readMailConfig({ SMTP_HOST: 'smtp.example.nl' }).smtp).toEqual({
      host: 'smtp.example.nl',
      port: 587,
      secure: false,
    });
  });

  test('SMTP_SECURE=true means port 465; port 465 means secure', () => {
    expect(readMailConfig({ SMTP_HOST: 'h.example.nl', SMTP_SECURE: 'true' }).smtp).toMatchObject({
      port: 465,
      secure: true,
    });
    expect(readMailConfig({ SMTP_HOST: 'h.example.nl', SMTP_PORT: '465' }).smtp).toMatchObject({
      port: 465,
      secure: true,
    });
  });

  test('reads every variable', () => {
    expect(
      readMailConfig({
        SMTP_HOST: 'mail.zoetermeer.nl',
        SMTP_PORT: '2525',
        SMTP_SECURE: 'false',
        SMTP_USER: 'doemee',
        SMTP_PASSWORD: ' geheim ',
        MAIL_FROM: 'Gemeente <noreply@zoetermeer.nl>',
      }),
    ).toEqual({
      from: 'Gemeente <noreply@zoetermeer.nl>',
      smtp: {
        host: 'mail.zoetermeer.nl',
        port: 2525,
        secure: false,
        auth: { user: 'doemee', pass: ' geheim ' },
      },
    });
  });

  test.each([
    ['a port out of range', { SMTP_HOST: 'h.nl', SMTP_PORT: '70000' }, /SMTP_PORT/],
    ['a port that is no number', { SMTP_HOST: 'h.nl', SMTP_PORT: 'vijf' }, /SMTP_PORT/],
    ['SMTP_SECURE other than true/false', { SMTP_HOST: 'h.nl', SMTP_SECURE: 'ja' }, /SMTP_SECURE/],
    ['a user without a password', { SMTP_HOST: 'h.nl', SMTP_USER: 'u' }, /SMTP_PASSWORD/],
    ['a password without a user', { SMTP_HOST: 'h.nl', SMTP_PASSWORD: 'p' }, /SMTP_USER/],
    ['a From without an address', { MAIL_FROM: 'Doe Mee' }, /MAIL_FROM/],
    ['a From with a line break', { MAIL_FROM: 'a@b.nl\r\nBcc: c@d.nl' }, /MAIL_FROM/],
  ])('refuses %s', (_, env, message) => {
    expect(() => readMailConfig(env)).toThrow(message);
  });
});

describe('links in the message', () => {
  test('keep a path prefix and drop a trailing slash', () => {
    expect(resultsUrl('https://www.zoetermeer.nl/doemee/', 'wmo-2027')).toBe(
      'https://www.zoetermeer.nl/doemee/resultaten/wmo-2027',
    );
    expect(unsubscribeUrl('http://localhost:4321', 'abc_DEF-123.ghi~jklmnop')).toBe(
      'http://localhost:4321/afmelden?token=abc_DEF-123.ghi~jklmnop',
    );
  });
  test('refuse a site URL that is not http(s)', () => {
    expect(() => siteBase('ftp://example.nl')).toThrow();
    expect(() => siteBase('niet een adres')).toThrow();
  });
  test.each([
    ['abcdefghijklmnopqrst', true],
    ['token-aaaaaaaaaaaaaaaaaaaaaaaa', true],
    ['x'.repeat(100), true],
    ['x'.repeat(19), false],
    ['x'.repeat(101), false],
    ["abcdefghijklmnopqrst' or '1'='1", false],
    ['abcdefghijklmnopqrst%00', false],
    ['abcdefghijklmnopqrstü', false],
  ])('token %s is well-formed: %s', (token, ok) => {
    expect(UnsubscribeTokenSchema.safeParse(token).success).toBe(ok);
  });
});
