import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import { type ChartSpec, chartHeight, chartFont as dashboardFont, type Measure } from '../dashboard/charts';
import { chartConfig } from '../dashboard/draw';

Chart.register(...registerables);

/**
 * Fonts the charts are drawn with. @napi-rs/canvas ships no fonts: it uses the ones registered
 * here (Debian's fonts-dejavu, or Liberation). When none is found, it falls back to whatever
 * system font it finds, and the labels still draw.
 */
const fontFiles = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'DejaVu Sans'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 'DejaVu Sans'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', 'Liberation Sans'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf', 'Liberation Sans'],
] as const;

let family: string | undefined;
function chartFont(): string {
  if (family !== undefined) return family;
  family = 'sans-serif';
  for (const [file, name] of fontFiles)
    if (existsSync(file) && GlobalFonts.registerFromPath(file, name) && family === 'sans-serif')
      family = name;
  return family;
}

export interface ChartImage {
  readonly png: Buffer;
  /** Size in pixels at 96 dpi, as it goes into the document (the PNG has `scale` times more). */
  readonly width: number;
  readonly height: number;
}

/**
 * Draws a dashboard chart spec as a PNG on the server: the same chart.js configuration as the
 * dashboard (charts.ts), on a canvas from @napi-rs/canvas (prebuilt binaries, no browser).
 * Horizontal bar charts grow with their number of bars, as on the dashboard.
 */
export async function renderChart(
  chart: ChartSpec,
  size: { width: number; height?: number; scale?: number } = { width: 600 },
): Promise<ChartImage> {
  const scale = size.scale ?? 2;
  const family = chartFont();
  Chart.defaults.font.family = family;
  Chart.defaults.font.size = dashboardFont.size;
  const measuring = createCanvas(8, 8).getContext('2d');
  measuring.font = `${dashboardFont.size}px "${family}"`;
  const measure: Measure = (text) => measuring.measureText(text).width;
  // The same configuration and the same height rule as the dashboard (wrapped labels, legend rows).
  const height = size.height ?? chartHeight(chart, size.width, measure, true);
  const canvas = createCanvas(size.width * scale, height * scale);
  const config = chartConfig(chart, measure, { title: true, devicePixelRatio: scale });
  const drawn = new Chart(
    canvas.getContext('2d') as unknown as CanvasRenderingContext2D,
    { ...config, options: { ...config.options, responsive: false } } as never,
  );
  try {
    // The canvas was created at scale × size; chart.js draws at devicePixelRatio on a canvas of
    // the CSS size, so tell it the logical size.
    drawn.resize(size.width, height);
    drawn.draw();
    return { png: await canvas.encode('png'), width: size.width, height };
  } finally {
    drawn.destroy();
  }
}
