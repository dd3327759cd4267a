import { describe, expect, test } from 'vitest';
import { chartHeight, labelWidth, legendRows, wrapLabel } from '../../../src/lib/dashboard/charts';

/** A font of 7 px per character, so widths are easy to reason about. */
const measure = (text: string) => text.length * 7;

describe('wrapLabel', () => {
  test('splits at spaces into lines that fit, and leaves nothing out', () => {
    const label = 'Zelf blijven doen, met hulp waar nodig';
    const lines = wrapLabel(label, 14 * 7, measure);
    expect(lines).toEqual(['Zelf blijven', 'doen, met hulp', 'waar nodig']);
    expect(lines.every((line) => measure(line) <= 14 * 7)).toBe(true);
    expect(lines.join(' ')).toBe(label);
  });

  test('keeps a label that fits on one line', () => {
    expect(wrapLabel('Inwoner', 100, measure)).toEqual(['Inwoner']);
  });

  test('breaks a word too long for any line with a hyphen', () => {
    const lines = wrapLabel('Ouderenverenigingsbijeenkomst Rokkeveen', 10 * 7, measure);
    expect(lines.every((line) => measure(line) <= 10 * 7)).toBe(true);
    expect(lines.join('').replace(/-/g, '')).toBe('OuderenverenigingsbijeenkomstRokkeveen');
  });

  test('an empty label is one empty line', () => {
    expect(wrapLabel('', 50, measure)).toEqual(['']);
  });
});

describe('chart size', () => {
  const themes = {
    horizontal: true,
    stacked: true,
    labels: ['Zelf blijven doen, met hulp waar nodig', 'Een vaste hulp en genoeg personeel', 'Kort'],
    series: [
      { label: 'Inwoner', values: [1, 2, 3], stack: 'berichten' },
      { label: 'Adviesraad', values: [0, 0, 1], stack: 'berichten' },
      { label: 'Ook genoemd bij', values: [4, 0, 2], stack: 'ook-genoemd' },
    ],
  };

  test('labels get well under half of the chart (chart.js cuts an axis wider than half)', () => {
    expect(labelWidth(343)).toBeLessThan(343 / 2);
    expect(labelWidth(1200)).toBe(300);
  });

  test('a phone needs more height than a wide screen, since labels wrap onto more lines', () => {
    expect(chartHeight(themes, 343, measure)).toBeGreaterThan(chartHeight(themes, 900, measure));
  });

  test('every wrapped line of the longest label has room beside its bars', () => {
    const lines = wrapLabel(themes.labels[0] as string, labelWidth(343), measure).length;
    expect(lines).toBeGreaterThan(1);
    expect(chartHeight(themes, 343, measure)).toBeGreaterThanOrEqual(themes.labels.length * lines * 14.4);
  });

  test('the legend takes more rows on a phone', () => {
    const labels = ['Inwoner', 'Mantelzorger', 'Zorgorganisatie (aanbieder)', 'Adviesraad'];
    expect(legendRows(labels, 343, measure)).toBeGreaterThan(legendRows(labels, 1200, measure));
    expect(legendRows([], 343, measure)).toBe(0);
  });
});
