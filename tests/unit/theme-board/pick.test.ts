import { describe, expect, test } from 'vitest';
import { resolveTheme } from '../../../src/components/themes/pick';

const themes = [
  { id: 'a', label: 'Betaalbare hulp en de eigen bijdrage' },
  { id: 'b', label: 'Een vaste hulp en genoeg personeel' },
  { id: 'c', label: 'Hulpmiddelen' },
  { id: 'd', label: 'Hulpmiddelen uitproberen' },
];

describe('the theme picker finds a theme by what the analyst typed', () => {
  test.each([
    ['Hulpmiddelen', 'c'],
    ['  hulpmiddelen ', 'c'],
    ['eigen bijdrage', 'a'],
    ['VASTE', 'b'],
    ['uitproberen', 'd'],
  ])('%j is %s', (text, id) => expect(resolveTheme(themes, text)?.id).toBe(id));

  test.each([[''], ['   '], ['hulp'], ['bestaat niet']])(
    '%j is no theme (empty, ambiguous or unknown)',
    (text) => expect(resolveTheme(themes, text)).toBeUndefined(),
  );
});
