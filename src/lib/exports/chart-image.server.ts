import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import { type ChartSpec, chartConfig, whiteBackground } from '../dashboard/charts';

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

/** A label as lines of at most `width` characters, broken between words. */
export function wrapLabel(label: string, width = 30): string | string[] {
  if (label.length <= width) return label;
  const lines: string[] = [];
  let line = '';
  // Only ordinary spaces: a date written with non-breaking spaces stays on one line.
  for (const word of label.split(/ +/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
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
  const labels = chart.labels.map((l) => wrapLabel(l));
  // Horizontal bars: room for each bar and for each line of its label.
  const rows = labels.reduce<number>(
    (n, l) => n + Math.max(34, 18 * (Array.isArray(l) ? l.length : 1) + 14),
    0,
  );
  const height = size.height ?? (chart.horizontal ? Math.max(220, 100 + rows) : Math.round(size.width / 2));
  const canvas = createCanvas(size.width * scale, height * scale);
  const config = chartConfig(chart, { font: chartFont() });
  const drawn = new Chart(
    canvas.getContext('2d') as unknown as CanvasRenderingContext2D,
    {
      ...config,
      // Long labels (a theme, a meeting with its date) on several lines instead of cut off.
      data: { ...config.data, labels },
      options: { ...config.options, responsive: false, devicePixelRatio: scale },
      plugins: [whiteBackground],
    } as never,
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
