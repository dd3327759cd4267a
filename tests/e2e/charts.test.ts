import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, test } from '@playwright/test';
import { parse } from 'yaml';
import { audienceText } from '../../src/lib/inputs/audiences.nl';
import { expectAccessible, signIn } from './support';

/** The audiences the demo consultation asks, in the order of content/ (the chart uses the enum's). */
const consultationAudiences = Object.keys(
  parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../content/consultations/krachtig-oud-worden.yaml'),
      'utf8',
    ),
  ).audiences,
) as (keyof typeof audienceText)[];

/** Pixels of a canvas (or of its leftmost `strip` CSS px) that carry ink: not white, not transparent. */
function ink(canvas: Locator, strip?: number): Promise<number> {
  return canvas.evaluate((element, strip) => {
    const c = element as HTMLCanvasElement;
    const ratio = c.width / (c.getBoundingClientRect().width || 1);
    const width = strip === undefined ? c.width : Math.max(1, Math.round(strip * ratio));
    if (!c.width || !c.height) return 0;
    const data = c.getContext('2d')?.getImageData(0, 0, width, c.height).data ?? [];
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (
        (data[i + 3] ?? 0) > 0 &&
        ((data[i] ?? 0) < 235 || (data[i + 1] ?? 0) < 235 || (data[i + 2] ?? 0) < 235)
      )
        n++;
    return n;
  }, strip);
}

interface DrawnLabels {
  labels: string[];
  /** Each label as chart.js drew it beside the bars: one string per line. */
  ticks: string[][];
  axisLeft: number;
  axisWidth: number;
  widestLine: number;
}

/**
 * What chart.js drew on the category axis of a horizontal chart: the page's own chart.js module
 * (the chunk the island loaded) finds the chart of the canvas.
 */
function drawnLabels(canvas: Locator): Promise<DrawnLabels> {
  return canvas.evaluate(async (element) => {
    type ChartLike = {
      data: { labels: string[] };
      ctx: CanvasRenderingContext2D;
      scales: { y: { left: number; width: number; ticks: { label: string | string[] }[] } };
    };
    const chunks = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => /\/_astro\/.+\.js$/.test(name));
    for (const url of chunks) {
      const exported: unknown[] = Object.values(await import(url));
      const Chart = exported.find(
        (v) => typeof v === 'function' && typeof (v as { getChart?: unknown }).getChart === 'function',
      ) as
        | {
            getChart(c: unknown): ChartLike | undefined;
            defaults: { font: { size: number; family: string } };
          }
        | undefined;
      const chart = Chart?.getChart?.(element);
      if (!chart) continue;
      const scale = chart.scales.y;
      // The tick font (chart.js leaves the context in whatever font it drew last).
      chart.ctx.font = `${Chart?.defaults.font.size}px ${Chart?.defaults.font.family}`;
      const ticks = scale.ticks.map((t) => (Array.isArray(t.label) ? t.label : [t.label]));
      return {
        labels: [...chart.data.labels],
        ticks,
        axisLeft: scale.left,
        axisWidth: scale.width,
        widestLine: Math.max(...ticks.flat().map((line) => chart.ctx.measureText(line).width)),
      };
    }
    throw new Error('no chart.js chart on this canvas');
  });
}

/** Every label drawn whole: none skipped, none shortened, no line wider than the axis gives it. */
async function expectWholeLabels(canvas: Locator): Promise<void> {
  const drawn = await drawnLabels(canvas);
  expect(drawn.ticks).toHaveLength(drawn.labels.length);
  expect(drawn.ticks.map((lines) => lines.join(' ').replace(/- /g, ''))).toEqual(
    drawn.labels.map((label) => label.replace(/\s+/g, ' ')),
  );
  expect(drawn.axisLeft).toBeGreaterThanOrEqual(0);
  expect(drawn.widestLine).toBeLessThanOrEqual(drawn.axisWidth);
  // And on the canvas: no text runs into its left edge (that is where chart.js cut long labels).
  expect(await ink(canvas, 2)).toBe(0);
}

const dashboardCharts = [
  'Inbreng per dag',
  'Inbreng per doelgroep',
  'Roadtour per bijeenkomst',
  "Thema's per doelgroep",
  'Voortgang moderatie',
];

test('the dashboard draws every chart before it is scrolled into view, and for print', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  // The CSP allows no inline style: the chart sizes itself through the CSSOM (a blocked style
  // attribute once drew every chart 0 px high).
  const problems: string[] = [];
  await page.exposeFunction('__reportViolation', (text: string) => problems.push(text));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __reportViolation(t: string): void }).__reportViolation(
        `${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}`,
      ),
    ),
  );
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await signIn(page, 'analist@doemee.test');
  await page.goto('/staff/dashboard');
  const canvases = page.locator('section canvas');
  await expect(canvases).toHaveCount(dashboardCharts.length);
  // The last charts are well below the fold, and nothing scrolls.
  expect((await canvases.last().boundingBox())?.y ?? 0).toBeGreaterThan(800);
  for (const title of dashboardCharts) {
    const canvas = page.getByRole('region', { name: title, exact: true }).locator('canvas');
    await expect.poll(() => ink(canvas), { message: `${title} is drawn` }).toBeGreaterThan(2000);
  }
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // Printing redraws each chart at the width of a sheet, still drawn; on paper nothing scrolls, so
  // every table fits the sheet (A4 landscape less 12 mm margins: 273 mm, 1032 CSS px).
  await page.setViewportSize({ width: 1032, height: 800 });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  for (const title of dashboardCharts) {
    const region = page.getByRole('region', { name: title, exact: true });
    const canvas = region.locator('canvas');
    expect(await ink(canvas)).toBeGreaterThan(2000);
    expect((await canvas.boundingBox())?.height ?? 0).toBeGreaterThan(150);
    const table = await region.getByRole('table').boundingBox();
    expect((table?.x ?? 0) + (table?.width ?? Number.POSITIVE_INFINITY), title).toBeLessThanOrEqual(1032);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1032);
  const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  expect(problems).toEqual([]);
});

test("'Thema's per doelgroep' has a column for every audience of the consultation, and counts apart", async ({
  page,
}) => {
  await signIn(page, 'analist@doemee.test');
  await page.goto('/staff/dashboard');
  const region = page.getByRole('region', { name: "Thema's per doelgroep", exact: true });
  const headers = await region.getByRole('columnheader').allTextContents();
  const names = consultationAudiences.map((a) => audienceText[a].label);
  expect(names).toContain('Adviesraad');
  expect(headers[0]).toBe('Thema');
  expect([...headers.slice(1, -1)].sort()).toEqual([...names].sort());
  // Secondary counts stand apart, explained in one line (plan-s4: never added to the primary ones).
  expect(headers.at(-1)).toBe('Ook genoemd bij (alle doelgroepen)');
  await expect(
    region.getByText(
      'Berichten: reacties waarin dit het belangrijkste thema is. Ook genoemd: reacties die dit thema daarnaast noemen.',
    ),
  ).toBeVisible();
  // The chart draws the same series: one per column.
  const canvas = region.locator('canvas');
  await expect.poll(() => ink(canvas)).toBeGreaterThan(2000);
});

test('on a phone (375 px) every chart label is whole, and the dashboard stays accessible', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, 'analist@doemee.test');
  await page.goto('/staff/dashboard');
  for (const title of dashboardCharts.filter((t) => t !== 'Inbreng per dag')) {
    const canvas = page.getByRole('region', { name: title, exact: true }).locator('canvas');
    await expect.poll(() => ink(canvas), { message: `${title} is drawn` }).toBeGreaterThan(1000);
    await test.step(title, () => expectWholeLabels(canvas));
  }
  await expectAccessible(page);

  // The public results chart, with its long theme names.
  await page.goto('/resultaten/krachtig-oud-worden');
  const chart = page.getByRole('img', { name: /Staafdiagram/ });
  await chart.scrollIntoViewIfNeeded();
  const canvas = chart.locator('canvas');
  await expect.poll(() => ink(canvas)).toBeGreaterThan(1000);
  await expectWholeLabels(canvas);
});
