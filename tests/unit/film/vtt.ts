/**
 * A small WebVTT reader for the tests: enough of https://www.w3.org/TR/webvtt1/ to read cue
 * timings and text, strict about what it does not understand so that a broken file fails.
 */
export interface Cue {
  id: string | undefined;
  /** Seconds. */
  start: number;
  /** Seconds. */
  end: number;
  /** The cue payload as written, lines joined with "\n". */
  raw: string;
  /** The payload without tags and entities, whitespace collapsed: what a viewer reads. */
  text: string;
}

const timestamp = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

export function parseTimestamp(value: string): number {
  const m = timestamp.exec(value);
  if (!m) throw new Error(`not a WebVTT timestamp: "${value}"`);
  const [, h, min, s, ms] = m;
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s) + Number(ms) / 1000;
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': ' ',
  '&lrm;': '',
  '&rlm;': '',
};

/** Strips cue tags (<v Name>, <i>, <00:00:01.000>, …) and decodes the WebVTT entities. */
export function plainText(payload: string): string {
  return payload
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/g, (e) => entities[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseVtt(source: string): Cue[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const first = lines[0] ?? '';
  if (!/^WEBVTT(?:[ \t].*)?$/.test(first)) throw new Error('a WebVTT file starts with "WEBVTT"');

  // Blocks are separated by one or more blank lines; the first block is the header.
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) blocks.push(current);
  // Lines directly under "WEBVTT" (no blank line between) belong to the header.
  if (lines[1] !== undefined && lines[1].trim() !== '') {
    const header = blocks.shift() ?? [];
    if (header.some((l) => l.includes('-->')))
      throw new Error('a blank line must separate the header from the first cue');
  }

  const cues: Cue[] = [];
  for (const block of blocks) {
    const head = block[0] as string;
    if (/^NOTE(?:[ \t]|$)/.test(head)) continue;
    if ((head === 'STYLE' || head === 'REGION') && cues.length === 0) continue;
    const timingIndex = head.includes('-->') ? 0 : 1;
    const timing = block[timingIndex];
    if (timing === undefined || !timing.includes('-->')) throw new Error(`a cue without timings: "${head}"`);
    const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/.exec(timing);
    if (!m) throw new Error(`malformed cue timings: "${timing}"`);
    const payload = block.slice(timingIndex + 1);
    if (payload.some((l) => l.includes('-->'))) throw new Error(`a cue payload may not contain "-->"`);
    const raw = payload.join('\n');
    cues.push({
      id: timingIndex === 1 ? head : undefined,
      start: parseTimestamp(m[1] as string),
      end: parseTimestamp(m[2] as string),
      raw,
      text: plainText(raw),
    });
  }
  return cues;
}
