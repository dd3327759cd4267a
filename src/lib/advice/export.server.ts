/**
 * The response letter's appendix as Word, in two shapes the municipality already uses:
 * - `bijlage`: "Bijlage 1: reactie college per advies" (seed 000): each point, numbered, then
 *   "Reactie college: …" in italics, then the status;
 * - `tabel`: a two-column table "advies | reactie van het college" (seed 003).
 * Analysts and admins only: the export is recorded in the audit log (private.record_export),
 * which refuses everyone else.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { CallerDb } from '../db/types';
import { markdownToParagraphs } from '../exports/markdown-docx';
import { readWrittenInput, type WrittenInputDetail } from '../written-input/read.server';
import { isResponseStatus, responseStatusLabels } from './statuses';

export const adviceExportShapes = ['bijlage', 'tabel'] as const;
export type AdviceExportShape = (typeof adviceExportShapes)[number];

const font = 'Arial';
const muted = '555555';

const dayFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const day = (isoDay: string) => dayFormat.format(new Date(`${isoDay}T12:00:00Z`));

const LEAD = 'Reactie college: ';

/** A response's Markdown in italics, "Reactie college: " in front, as seed 000's appendix writes it. */
function responseParagraphs(markdown: string): Paragraph[] {
  // A response that opens with text takes the lead inline; one that opens with a list or a
  // heading gets it as a line of its own.
  const inline = !/^\s*([-*+]\s|\d+[.)]\s|#|>)/.test(markdown);
  if (inline) return markdownToParagraphs(`${LEAD}${markdown.trimStart()}`, { italics: true });
  return [
    new Paragraph({ children: [new TextRun({ text: LEAD.trim(), italics: true })] }),
    ...markdownToParagraphs(markdown, { italics: true }),
  ];
}

function statusLine(status: string | null): Paragraph | null {
  if (!isResponseStatus(status)) return null;
  return new Paragraph({
    spacing: { after: 240 },
    children: [new TextRun({ text: `Status: ${responseStatusLabels[status].toLowerCase()}`, color: muted })],
  });
}

const noResponse = () =>
  new Paragraph({
    spacing: { after: 240 },
    children: [new TextRun({ text: 'Nog geen reactie.', italics: true, color: muted })],
  });

function appendix(advice: WrittenInputDetail): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      spacing: { after: 240 },
      children: [new TextRun(`Bijlage 1: reactie college per advies van ${advice.sender}`)],
    }),
    new Paragraph({
      spacing: { after: 240 },
      children: [
        new TextRun({
          text: `${advice.title ? `${advice.title}, ` : ''}ontvangen op ${day(advice.receivedOn)}.`,
          color: muted,
        }),
      ],
    }),
  ];
  for (const point of advice.pointList) {
    out.push(
      new Paragraph({
        spacing: { before: 240, after: 120 },
        indent: { left: 360, hanging: 360 },
        children: [new TextRun(`${point.position}.\t${point.text.replace(/\s*\n\s*/g, ' ')}`)],
        tabStops: [{ type: 'left', position: 360 }],
      }),
    );
    if (point.responseMd.trim() === '') {
      out.push(noResponse());
      continue;
    }
    out.push(...responseParagraphs(point.responseMd));
    const status = statusLine(point.responseStatus);
    if (status) out.push(status);
  }
  return out;
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function cell(children: Paragraph[], header = false): TableCell {
  return new TableCell({
    borders,
    width: { size: 50, type: WidthType.PERCENTAGE },
    margins: { top: 80, bottom: 80, left: 100, right: 100 },
    ...(header ? { shading: { fill: 'E8EEF4' } } : {}),
    children,
  });
}

/** The fields of an advice point the exports write. */
export interface AdvicePointText {
  readonly position: number;
  readonly text: string;
  readonly responseMd: string;
  readonly responseStatus: string | null;
}

/**
 * A two-column table "Advies van … | Reactie van het college" (seed 003's shape), one row per
 * point. Also used by the participatieverslag.
 */
export function responseTable(sender: string, points: readonly AdvicePointText[]): Table {
  const rows = [
    new TableRow({
      tableHeader: true,
      children: [
        cell(
          [new Paragraph({ children: [new TextRun({ text: `Advies van ${sender}`, bold: true })] })],
          true,
        ),
        cell(
          [new Paragraph({ children: [new TextRun({ text: 'Reactie van het college', bold: true })] })],
          true,
        ),
      ],
    }),
    ...points.map(
      (point) =>
        new TableRow({
          cantSplit: false,
          children: [
            cell([
              new Paragraph({
                children: [new TextRun(`${point.position}. ${point.text.replace(/\s*\n\s*/g, ' ')}`)],
              }),
            ]),
            cell(
              point.responseMd.trim() === ''
                ? [noResponse()]
                : [
                    ...(isResponseStatus(point.responseStatus)
                      ? [
                          new Paragraph({
                            children: [
                              new TextRun({ text: responseStatusLabels[point.responseStatus], bold: true }),
                            ],
                          }),
                        ]
                      : []),
                    ...markdownToParagraphs(point.responseMd),
                  ],
            ),
          ],
        }),
    ),
  ];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

function table(advice: WrittenInputDetail): (Paragraph | Table)[] {
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      spacing: { after: 240 },
      children: [new TextRun(`Reactie van het college op het advies van ${advice.sender}`)],
    }),
    new Paragraph({
      spacing: { after: 240 },
      children: [
        new TextRun(
          `Hieronder staat per advies de reactie van het college${advice.title ? ` (${advice.title})` : ''}. Het advies is ontvangen op ${day(advice.receivedOn)}.`,
        ),
      ],
    }),
    responseTable(advice.sender, advice.pointList),
  ];
}

/** The Word document of one advice in one shape. Pure: the advice as read. */
export function adviceDocument(advice: WrittenInputDetail, shape: AdviceExportShape): Document {
  return new Document({
    creator: 'Doe Mee Zoetermeer',
    title: shape === 'bijlage' ? 'Bijlage 1: reactie college per advies' : 'Reactie college per advies',
    styles: {
      default: { document: { run: { font, size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } } },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: [
          ...(shape === 'bijlage' ? appendix(advice) : table(advice)),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            spacing: { before: 480 },
            children: [
              new TextRun({
                text: `Gemaakt met Doe Mee op ${dayFormat.format(new Date())}.`,
                size: 16,
                color: muted,
              }),
            ],
          }),
        ],
      },
    ],
  });
}

export type AdviceExportResult =
  | { ok: true; fileName: string; bytes: Buffer }
  | { ok: false; code: 'advice.notFound' | 'advice.forbidden' };

const fileSafe = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60) || 'advies';

/** The appendix of one advice as .docx, recorded in the audit log as an export. */
export async function exportAdvice(
  db: CallerDb,
  id: string,
  shape: AdviceExportShape,
  via: 'web' | 'cli' = 'web',
): Promise<AdviceExportResult> {
  const advice = await readWrittenInput(db, id);
  if (!advice?.saved || advice.kind !== 'advies') return { ok: false, code: 'advice.notFound' };
  try {
    await db.run(
      (tx) =>
        tx.sql`select private.record_export('docx', ${`advies:${advice.id}`},
               ${JSON.stringify({ shape })}::jsonb,
               ${JSON.stringify({ items: advice.pointList.length })}::jsonb, ${via})`,
    );
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return { ok: false, code: 'advice.forbidden' };
    throw error;
  }
  const bytes = await Packer.toBuffer(adviceDocument(advice, shape));
  return {
    ok: true,
    fileName: `${shape === 'bijlage' ? 'bijlage-reactie-college' : 'reactie-college-tabel'}-${fileSafe(advice.sender)}.docx`,
    bytes,
  };
}
