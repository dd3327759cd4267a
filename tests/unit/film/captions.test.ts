import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { contentDir, repoRoot } from '../../support/paths';
import { mp4DurationSeconds, topLevelBoxes } from './mp4';
import { type Cue, parseTimestamp, parseVtt, plainText } from './vtt';

interface FilmFrontmatter {
  src: string;
  poster: string;
  captions: string;
  duration: number;
}

const filmDir = path.join(contentDir, 'film');
const cardsDir = path.join(filmDir, 'kaarten');

function readFilm(): { data: FilmFrontmatter; transcript: string } {
  const source = readFileSync(path.join(filmDir, 'krachtig-oud-worden.md'), 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!m) throw new Error('krachtig-oud-worden.md has no frontmatter');
  return { data: parseYaml(m[1] as string) as FilmFrontmatter, transcript: m[2] as string };
}

/** A path in public/ ("/film/x.vtt") as a file on disk; undefined for an https URL. */
function publicFile(url: string): string | undefined {
  return url.startsWith('/') ? path.join(repoRoot, 'public', url) : undefined;
}

/** Markdown body as read text: no emphasis marks, whitespace collapsed. */
function readable(markdown: string): string {
  return markdown.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

const film = readFilm();
const captionsFile = publicFile(film.data.captions);
const videoFile = publicFile(film.data.src);

describe('the WebVTT reader', () => {
  test('reads identifiers, hours, settings, notes, tags and entities', () => {
    const cues = parseVtt(
      'WEBVTT - a title\r\nKind: captions\r\n\r\nNOTE a comment\r\nover two lines\r\n\r\neen\r\n00:01.500 --> 01:00:02.250 line:80%\r\n<v Anna>Ik &amp; <i>jij</i></v>\r\nsamen\r\n\r\n\r\n00:03.000 --> 00:04.000\r\nzonder id\r\n',
    );
    expect(cues).toEqual<Cue[]>([
      {
        id: 'een',
        start: 1.5,
        end: 3602.25,
        raw: '<v Anna>Ik &amp; <i>jij</i></v>\nsamen',
        text: 'Ik & jij samen',
      },
      { id: undefined, start: 3, end: 4, raw: 'zonder id', text: 'zonder id' },
    ]);
  });
  test.each([
    ['no header', '00:00.000 --> 00:01.000\nHallo\n'],
    ['a wrong header', 'WEBVTX\n\n00:00.000 --> 00:01.000\nHallo\n'],
    ['a comma in a timestamp (SRT style)', 'WEBVTT\n\n00:00:00,000 --> 00:00:01,000\nHallo\n'],
    ['minutes over 59', 'WEBVTT\n\n00:60.000 --> 01:00.000\nHallo\n'],
    ['a cue right under the header', 'WEBVTT\n00:00.000 --> 00:01.000\nHallo\n'],
    ['a block without timings', 'WEBVTT\n\nHallo\nwereld\n'],
  ])('refuses %s', (_name, source) => {
    expect(() => parseVtt(source)).toThrow();
  });
  test('timestamps and plain text', () => {
    expect(parseTimestamp('00:00:20.000')).toBe(20);
    expect(parseTimestamp('10:00.001')).toBeCloseTo(600.001, 6);
    expect(() => parseTimestamp('0:00.000')).toThrow();
    expect(plainText('  a&nbsp;b \n <b>c</b> ')).toBe('a b c');
  });
});

describe('the film captions', () => {
  test('the captions are a file in public/ that parses as WebVTT with cues', () => {
    expect(captionsFile, 'captions should be shipped in public/ to be checked').toBeDefined();
    const cues = parseVtt(readFileSync(captionsFile as string, 'utf8'));
    expect(cues.length).toBeGreaterThan(0);
  });

  const cues = captionsFile && existsSync(captionsFile) ? parseVtt(readFileSync(captionsFile, 'utf8')) : [];

  test('cues are ordered, do not overlap and each lasts long enough to read', () => {
    for (const [i, cue] of cues.entries()) {
      expect(cue.end, `cue ${i + 1} ends after it starts`).toBeGreaterThan(cue.start);
      // Many viewers are 65+ or read slowly: at least a second, and at most 15 characters a second
      // (subtitling guidelines give 17 for adults, 13 for young readers).
      expect(cue.end - cue.start, `cue ${i + 1} is shown long enough to read`).toBeGreaterThanOrEqual(
        Math.max(1, cue.text.length / 15),
      );
      const previous = cues[i - 1];
      if (previous)
        expect(cue.start, `cue ${i + 1} starts after cue ${i} ends`).toBeGreaterThanOrEqual(previous.end);
    }
  });

  test('cues lie within the duration given in the content', () => {
    expect(film.data.duration).toBeGreaterThan(0);
    for (const cue of cues) {
      expect(cue.start).toBeGreaterThanOrEqual(0);
      expect(cue.end).toBeLessThanOrEqual(film.data.duration);
    }
  });

  test('every cue is in the transcript', () => {
    const transcript = readable(film.transcript);
    for (const cue of cues) expect(transcript).toContain(cue.text);
  });

  test.skipIf(!existsSync(cardsDir))(
    'the captions say what the title cards of the placeholder film say',
    () => {
      const cards = readdirSync(cardsDir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => readFileSync(path.join(cardsDir, f), 'utf8'));
      expect(cues.map((c) => c.raw)).toEqual(cards);
    },
  );
});

describe.skipIf(!videoFile)('the shipped video', () => {
  const bytes = videoFile ? new Uint8Array(readFileSync(videoFile)) : new Uint8Array();

  test('is as long as the content says', () => {
    expect(mp4DurationSeconds(bytes)).toBeCloseTo(film.data.duration, 1);
  });

  test('can start playing before it has fully loaded (faststart: moov before mdat)', () => {
    const boxes = topLevelBoxes(bytes);
    expect(boxes).toContain('mdat');
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  });

  test('is small enough for a phone on a slow connection', () => {
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024);
  });

  test.skipIf(!publicFile(film.data.poster))('has a small poster image', () => {
    const poster = readFileSync(publicFile(film.data.poster) as string);
    expect(poster.byteLength).toBeLessThan(100 * 1024);
  });
});
