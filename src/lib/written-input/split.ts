/**
 * Splits the text of a letter or advice into points (issue 19, part 1). Pure: no I/O, no
 * framework, browser-safe (the check screen splits a block again with it).
 *
 * What counts as a point, in this order of preference:
 * 1. labelled points: "Advies 1", "Aanbeveling 3", "Aandachtspunt 2", "Punt 4" (also when the
 *    letters are spaced out, as PDF text often is: "Aanbevel ing 1:");
 * 2. numbered paragraphs "1.", "2)", … counting up from 1 (other numbers stay text);
 * 3. a two-column table "advies | reactie van het college" read row by row (seed 003), where a
 *    cell that runs over a page break continues in a paragraph starting with a small letter;
 * 4. list items ("-", "•", "*");
 * 5. otherwise every paragraph between the salutation and the closing.
 * Text before the first point (letterhead, introduction) and from the closing on ("Met
 * vriendelijke groet", signatures) comes back as `other`, which the check screen leaves out
 * unless the staff member keeps it. A paragraph starting "Reactie college:" is the college's
 * response to the point before it, not a point of its own.
 */

export interface SplitBlock {
  /** A point of the document, or text around the points (letterhead, salutation, signature). */
  readonly kind: 'point' | 'other';
  /** The point's number or label as the document writes it ("Advies 2", "3"), if any. */
  readonly label: string | null;
  readonly text: string;
  /** The response the document already gives to this point ("Reactie college: …"), if any. */
  readonly response: string | null;
}

type Mode = 'labelled' | 'numbered' | 'table' | 'bullets' | 'paragraphs';

const spaced = (word: string) => [...word].map((c) => (c === ' ' ? '\\s+' : c)).join('\\s*');
const LABEL_WORDS = ['aandachtspunt', 'aanbeveling', 'advies', 'punt'];
const LABELLED = new RegExp(
  `^(${LABEL_WORDS.map(spaced).join('|')})\\s*(\\d{1,3})\\s*(?:[:.)–-]\\s*|\\s+|$)`,
  'iu',
);
const NUMBERED = /^(\d{1,3})\s?[.)]\s+(?=\S)/u;
const BULLET = /^[-•*–▪◦]\s+(?=\S)/u;
const RESPONSE = new RegExp(
  `^(?:${spaced('reactie')})\\s*(?:(?:${spaced('van')})\\s*)?(?:(?:${spaced('het')})\\s*)?(?:${spaced('college')})\\s*(?:[:.–-]\\s*|$)`,
  'iu',
);
const CLOSING =
  /^(met vriendelijke groet|met hartelijke groet|hoogachtend|vriendelijke groet|namens (het|de|burgemeester))/iu;
const SALUTATION = /^(geachte|beste|aan het college|aan de|l\.s\.)/iu;
const ENDS_OPEN = /[^.!?:;)"”’'…]$/u;

/** The text as plain paragraphs: line ends, hyphenation and Markdown markup undone. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\u00ad|\u200b|\u200c|\u200d|\ufeff/g, '')
    .replace(/\t/g, ' ')
    .replace(/\f/g, '\n\n');
}

/** Markdown that .txt exports of documents carry: headings, emphasis, links, escapes, quotes. */
export function stripMarkup(line: string): string {
  return line
    .replace(/^#{1,6}\s+/u, '')
    .replace(/^>\s?/u, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\*\*([^*]+)\*\*/gu, '$1')
    .replace(/__([^_]+)__/gu, '$1')
    .replace(/(^|[\s(“"'-])\*(?=\S)([^*]*\S)\*(?=$|[\s).,;:!?”"'])/gu, '$1$2')
    .replace(/(^|[\s(“"'-])_(?=\S)([^_]*\S)_(?=$|[\s).,;:!?”"'])/gu, '$1$2')
    .replace(/\\([\\()[\]*_#.!>+-])/gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Lines of one paragraph as one line: a hyphen at a line end before a small letter is undone. */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (out === '') out = line;
    else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else out = `${out} ${line}`;
  }
  return out;
}

const startsMarker = (line: string) =>
  LABELLED.test(line) || NUMBERED.test(line) || BULLET.test(line) || RESPONSE.test(line);

/** Paragraphs (blank-line separated; a line starting with a marker starts one too), as plain text. */
export function paragraphsOf(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const joined = stripMarkup(joinLines(current));
    if (joined !== '') out.push(joined);
    current = [];
  };
  for (const raw of normaliseText(text).split('\n')) {
    const line = stripMarkup(raw);
    if (line === '') {
      flush();
      continue;
    }
    if (current.length > 0 && startsMarker(line)) flush();
    current.push(raw.replace(/^\s*>\s?/u, ''));
  }
  flush();
  return out;
}

interface Marker {
  readonly type: 'labelled' | 'numbered' | 'bullet';
  readonly number: number | null;
  readonly label: string;
  readonly rest: string;
}

function markerOf(paragraph: string): Marker | null {
  const labelled = LABELLED.exec(paragraph);
  if (labelled) {
    const word = (labelled[1] ?? '').replace(/\s+/gu, '').toLowerCase();
    const number = Number(labelled[2]);
    return {
      type: 'labelled',
      number,
      label: `${word.charAt(0).toUpperCase()}${word.slice(1)} ${number}`,
      rest: paragraph.slice(labelled[0].length).trim(),
    };
  }
  const numbered = NUMBERED.exec(paragraph);
  if (numbered)
    return {
      type: 'numbered',
      number: Number(numbered[1]),
      label: String(Number(numbered[1])),
      rest: paragraph.slice(numbered[0].length).trim(),
    };
  const bullet = BULLET.exec(paragraph);
  if (bullet)
    return { type: 'bullet', number: null, label: '', rest: paragraph.slice(bullet[0].length).trim() };
  return null;
}

/** The numbered paragraphs that count up from 1 (a stray "3." in a sentence is no point). */
function countingUp(paragraphs: readonly string[], type: 'labelled' | 'numbered'): Set<number> {
  const accepted = new Set<number>();
  let expected = 1;
  paragraphs.forEach((p, i) => {
    const marker = markerOf(p);
    if (marker?.type !== type) return;
    if (marker.number === expected) {
      accepted.add(i);
      expected += 1;
    } else if (type === 'labelled' && marker.number !== null && marker.number > expected) {
      // "Advies 3" after "Advies 1": a missing one is still a labelled point.
      accepted.add(i);
      expected = marker.number + 1;
    }
  });
  return accepted;
}

const isTableHeader = (p: string) =>
  p.length <= 200 && /reactie\s*(van\s*)?(het\s*)?college\s*:?$/iu.test(p.replace(/\s+/gu, ' '));

function chooseMode(paragraphs: readonly string[]): { mode: Mode; starts: Set<number> } {
  const labelled = countingUp(paragraphs, 'labelled');
  if (labelled.size >= 1) return { mode: 'labelled', starts: labelled };
  const numbered = countingUp(paragraphs, 'numbered');
  if (numbered.size >= 2) return { mode: 'numbered', starts: numbered };
  const header = paragraphs.findIndex(isTableHeader);
  if (header >= 0 && paragraphs.length - header > 2) return { mode: 'table', starts: new Set([header]) };
  const bullets = new Set(paragraphs.flatMap((p, i) => (markerOf(p)?.type === 'bullet' ? [i] : [])));
  if (bullets.size >= 2) return { mode: 'bullets', starts: bullets };
  return { mode: 'paragraphs', starts: new Set() };
}

interface Draft {
  kind: 'point' | 'other';
  label: string | null;
  text: string;
  response: string | null;
}

const finish = (d: Draft): SplitBlock => ({
  kind: d.kind,
  label: d.label,
  text: d.text.trim(),
  response: d.response === null ? null : d.response.trim(),
});

/** A paragraph after another: a sentence cut by a line or page end goes on with a space. */
const append = (to: string, more: string, bullet: boolean) => {
  if (to === '') return more;
  if (!bullet && ENDS_OPEN.test(to) && /^\p{Ll}/u.test(more)) return `${to} ${more}`;
  return `${to}${bullet ? '\n' : '\n\n'}${more}`;
};

/** Points with markers (labelled, numbered or list items), responses attached to their point. */
function splitMarked(paragraphs: readonly string[], starts: Set<number>, mode: Mode): SplitBlock[] {
  const blocks: Draft[] = [];
  let point: Draft | null = null;
  let inResponse = false;
  let closed = false;
  paragraphs.forEach((p, i) => {
    if (closed || (point && CLOSING.test(p))) {
      closed = true;
      blocks.push({ kind: 'other', label: null, text: p, response: null });
      return;
    }
    if (starts.has(i)) {
      const marker = markerOf(p);
      point = {
        kind: 'point',
        label: mode === 'bullets' ? null : (marker?.label ?? null),
        text: marker?.rest ?? p,
        response: null,
      };
      inResponse = false;
      blocks.push(point);
      return;
    }
    if (!point) {
      blocks.push({ kind: 'other', label: null, text: p, response: null });
      return;
    }
    const response = RESPONSE.exec(p);
    if (response) {
      inResponse = true;
      const rest = p.slice(response[0].length).trim();
      point.response = point.response === null ? rest : append(point.response, rest, false);
      return;
    }
    const bullet = markerOf(p)?.type === 'bullet';
    if (inResponse) point.response = append(point.response ?? '', p, bullet);
    else point.text = append(point.text, p, bullet);
  });
  return blocks.map(finish);
}

/** A two-column table read row by row: advice, then the college's response, alternating. */
function splitTable(paragraphs: readonly string[], header: number): SplitBlock[] {
  const blocks: Draft[] = paragraphs
    .slice(0, header + 1)
    .map((text) => ({ kind: 'other', label: null, text, response: null }));
  const points: Draft[] = [];
  let closed = false;
  for (const p of paragraphs.slice(header + 1)) {
    if (closed || CLOSING.test(p)) {
      closed = true;
      blocks.push({ kind: 'other', label: null, text: p, response: null });
      continue;
    }
    const last = points.at(-1);
    if (last && /^\p{Ll}/u.test(p)) {
      // A cell that ran over a page break: the open cell of the last row, advice first.
      if (ENDS_OPEN.test(last.text)) {
        last.text = `${last.text} ${p}`;
        continue;
      }
      if (last.response !== null && ENDS_OPEN.test(last.response)) {
        last.response = `${last.response} ${p}`;
        continue;
      }
    }
    if (last && last.response === null) {
      last.response = p;
      continue;
    }
    const point: Draft = { kind: 'point', label: null, text: p, response: null };
    points.push(point);
    blocks.push(point);
  }
  return blocks.map(finish);
}

/** A letter without markers: each paragraph between salutation and closing is a point. */
function splitParagraphs(paragraphs: readonly string[]): SplitBlock[] {
  const salutation = paragraphs.findIndex((p) => SALUTATION.test(p) && p.length < 200);
  let closed = false;
  return paragraphs.map((text, i) => {
    if (!closed && CLOSING.test(text)) closed = true;
    const kind = closed || i <= salutation ? 'other' : 'point';
    return { kind, label: null, text, response: null };
  });
}

/** The document's text as points and the text around them, in document order. */
export function splitDocument(text: string): SplitBlock[] {
  const paragraphs = paragraphsOf(text);
  const { mode, starts } = chooseMode(paragraphs);
  if (mode === 'table') return splitTable(paragraphs, [...starts][0] ?? 0);
  if (mode === 'paragraphs') return splitParagraphs(paragraphs);
  return splitMarked(paragraphs, starts, mode);
}

/** Only the points. */
export function splitPoints(text: string): SplitBlock[] {
  return splitDocument(text).filter((b) => b.kind === 'point');
}
