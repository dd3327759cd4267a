// Draws a ChartSpec with chart.js in the browser: used by the dashboard and the public results
// page, so both wrap long labels, size themselves to their labels and print the same way.
import type { ChartConfiguration, Scale } from 'chart.js';
import { type ChartSpec, chartFont, chartHeight, labelWidth, type Measure, wrapLabel } from './charts';

/** Colour-blind-safe palette (Okabe–Ito), dark enough on white. */
export const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
/** A series drawn as a bar of its own beside the stack (counted apart, never added): grey. */
const apartColour = '#6E6E6E';

/** Width a print of A4 portrait leaves a chart, in CSS px (210 mm less margins, at 96 px/inch). */
const printWidth = 680;

export interface DrawOptions {
  /** Draw the title into the chart (the dashboard's PNG download needs it; a page has a heading). */
  readonly title?: boolean;
}

/** The chart.js configuration of a spec (pure: no chart.js code, only its types). */
export function chartConfig(
  spec: ChartSpec,
  measure: Measure,
  options: DrawOptions & { devicePixelRatio?: number } = {},
): ChartConfiguration<'bar' | 'line'> {
  const horizontal = spec.horizontal ?? false;
  const stacked = spec.stacked ?? false;
  const mainStack = spec.series[0]?.stack ?? 'main';
  const categoryTicks = horizontal
    ? {
        // Every label, wrapped onto lines that fit beside the bars (chart.js would skip labels that
        // do not fit and cut long ones at the chart's edge).
        autoSkip: false,
        callback(this: Scale, value: number | string) {
          return wrapLabel(this.getLabelForValue(Number(value)), labelWidth(this.chart.width), measure);
        },
      }
    : spec.axisLabels
      ? {
          // Short labels under a vertical chart (the tooltip and the table give them in full).
          callback(this: Scale, value: number | string) {
            return spec.axisLabels?.[Number(value)] ?? this.getLabelForValue(Number(value));
          },
        }
      : {};
  return {
    type: spec.kind,
    data: {
      // Plain copies: chart.js defines properties on its data arrays, which Svelte's reactive
      // props do not allow (runtime error state_descriptors_fixed).
      labels: [...spec.labels],
      datasets: spec.series.map((s, i) => {
        const apart = stacked && (s.stack ?? 'main') !== mainStack;
        const colour = apart ? apartColour : (palette[i % palette.length] as string);
        return {
          label: s.label,
          data: [...s.values],
          backgroundColor: colour,
          borderColor: colour,
          ...(stacked ? { stack: s.stack ?? 'main' } : {}),
        };
      }),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      // A little room at the edges, also in the PNG (the widest label no longer touches the edge).
      layout: { padding: { left: 6, right: 6 } },
      ...(options.devicePixelRatio ? { devicePixelRatio: options.devicePixelRatio } : {}),
      scales: {
        x: { stacked, beginAtZero: true, ticks: horizontal ? { precision: 0 } : categoryTicks },
        y: { stacked, beginAtZero: true, ticks: horizontal ? categoryTicks : { precision: 0 } },
      },
      plugins: {
        legend: { position: 'bottom' },
        title: { display: options.title ?? false, text: spec.title },
      },
    },
    // A white background, so the PNG looks the same on a dark slide.
    plugins: [
      {
        id: 'dm-white-background',
        beforeDraw: (c) => {
          c.ctx.save();
          c.ctx.globalCompositeOperation = 'destination-over';
          c.ctx.fillStyle = '#ffffff';
          c.ctx.fillRect(0, 0, c.width, c.height);
          c.ctx.restore();
        },
      },
    ],
  };
}

/** Measures text in the chart font on a canvas of its own. */
function canvasMeasure(): Measure {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * chartFont.size * 0.6;
  context.font = `${chartFont.size}px ${chartFont.family}`;
  return (text) => context.measureText(text).width;
}

/**
 * Gives the chart's frame the height its labels need at its current width, and again whenever
 * the width changes (chart.js follows the frame). Set through the CSSOM, not a style attribute:
 * the CSP (style-src without 'unsafe-inline') blocks style attributes, which once left every chart
 * 0 px high. Returns the function that stops following.
 */
export function fitFrame(frame: HTMLElement, spec: ChartSpec, options: DrawOptions = {}): () => void {
  const measure = canvasMeasure();
  let width = -1;
  const follow = () => {
    if (frame.clientWidth === width || frame.clientWidth === 0) return;
    width = frame.clientWidth;
    frame.style.blockSize = `${chartHeight(spec, width, measure, options.title)}px`;
  };
  follow();
  const observer = new ResizeObserver(follow);
  observer.observe(frame);
  return () => observer.disconnect();
}

export interface DrawnChart {
  toBase64Image(type?: string, quality?: number): string;
  destroy(): void;
}

/**
 * Draws the spec on the canvas (chart.js loaded on demand). Printing redraws it at the width of
 * an A4 page, since the browser lays out the print after chart.js could notice.
 */
export async function drawChart(
  canvas: HTMLCanvasElement,
  spec: ChartSpec,
  options: DrawOptions = {},
): Promise<DrawnChart> {
  const { default: Chart } = await import('chart.js/auto');
  Chart.defaults.font.family = chartFont.family;
  Chart.defaults.font.size = chartFont.size;
  Chart.defaults.color = '#333333';
  const measure = canvasMeasure();
  const chart = new Chart(
    canvas,
    chartConfig(spec, measure, {
      ...options,
      // Sharp on paper and in the PNG, also on a screen of 1 device pixel per CSS pixel.
      devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
    }),
  );
  const beforePrint = () => {
    // Also from a phone: the sheet is wider than the screen was (CSS shrinks it to a narrower one).
    chart.resize(printWidth, chartHeight(spec, printWidth, measure, options.title));
  };
  const afterPrint = () => chart.resize();
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);
  return {
    toBase64Image: (type, quality) => chart.toBase64Image(type, quality),
    destroy: () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      chart.destroy();
    },
  };
}
