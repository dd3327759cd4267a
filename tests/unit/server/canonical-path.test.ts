import { describe, expect, test } from 'vitest';
import { canonicalPath } from '../../../src/lib/http/canonical-path.js';

describe('canonicalPath', () => {
  test.each([
    ['/', '/'],
    ['/staff/logboek', '/staff/logboek'],
    ['//staff/logboek', '/staff/logboek'],
    ['/staff//logboek/', '/staff/logboek/'],
    ['///', '/'],
    ['/\\staff\\logboek', '/staff/logboek'],
    ['/%73taff/logboek', '/staff/logboek'],
    ['/%7Estaff', '/~staff'],
    // Reserved and other characters stay encoded: decoding them would change the meaning.
    ['/a%20b', '/a%20b'],
    ['/a%2Fb', '/a%2Fb'],
    ['/resultaten/w%C3%A9l', '/resultaten/w%C3%A9l'],
  ])('%s is spelled %s', (raw, canonical) => expect(canonicalPath(raw)).toBe(canonical));

  test('is idempotent', () => {
    for (const raw of ['//a//%62', '/\\\\x', '/%2e%2e/'])
      expect(canonicalPath(canonicalPath(raw))).toBe(canonicalPath(raw));
  });
});
