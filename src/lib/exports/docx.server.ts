import type { Writable } from 'node:stream';
import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  ageBandNames,
  audienceName,
  channelNames,
  describeFilters,
  formatDate,
  formatDateTime,
  groupNames,
  methodText,
  receivesHelpNames,
  stopStatusNames,
} from './labels.nl';
import { markdownToParagraphs } from './markdown-docx';
import { finish, put } from './sink';
import type { Breakdown, Report } from './types';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });

const border = { style: BorderStyle.SINGLE, size: 4, color: 'B0B0B0' };
const borders = { top: border, bottom: border, left: border, right: border };

/** A Word table; the header row repeats on every page. */
function table(head: string[], rows: (string | number)[][], bar?: { column: number; max: number }): Table {
  const cell = (value: string | number, header = false) =>
    new TableCell({
      borders,
      children: [new Paragraph({ children: [new TextRun({ text: String(value), bold: header })] })],
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E6EEF5' } } : {}),
    });
  const barCell = (n: number) => {
    // A bar chart inside the table: a shaded run of spaces as long as the number, drawn by Word
    // itself (no image). Its value is in the column before it, so nothing depends on the shape.
    const width = bar && bar.max > 0 ? Math.max(n > 0 ? 1 : 0, Math.round((n / bar.max) * 30)) : 0;
    return new TableCell({
      borders,
      children: [
        new Paragraph({
          children: [
            new TextRun({
              text: '\u00A0'.repeat(width) || '\u00A0',
              shading: width ? { type: ShadingType.CLEAR, color: 'auto', fill: '1F5F8B' } : undefined,
            }),
          ],
        }),
      ],
    });
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [...head.map((h) => cell(h, true)), ...(bar ? [cell('', true)] : [])],
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: [...r.map((v) => cell(v)), ...(bar ? [barCell(Number(r[bar.column]) || 0)] : [])],
          }),
      ),
    ],
  });
}

function breakdown(title: string, data: Breakdown, names: Record<string, string>): Table {
  const rows = Object.entries(data)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => [names[k] ?? k, n]);
  return table([title, 'Aantal'], rows, { column: 1, max: Math.max(0, ...rows.map((r) => Number(r[1]))) });
}

/** The participatieverslag as a Word document (docx): a draft that staff finish in Word. */
export function reportDocument(report: Report): Document {
  const r = report;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `Participatieverslag: ${r.consultation.title}`, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [
        new TextRun({
          text: `Concept, gemaakt op ${formatDateTime(r.generatedAt)}. Gegevens: ${describeFilters(r)}.`,
          italics: true,
        }),
      ],
    }),
    heading('Doel van de raadpleging', HeadingLevel.HEADING_1),
    para(methodText.aim(r.consultation.title)),
    ...(r.consultation.summary ? [para(r.consultation.summary)] : []),
    para(
      `De raadpleging liep van ${formatDate(r.consultation.opensAt)} tot ${formatDate(r.consultation.closesAt)}.`,
    ),
    heading('Hoe mensen konden meedoen', HeadingLevel.HEADING_1),
    para(methodText.online),
    para(methodText.roadtour),
    table(
      ['Bijeenkomst', 'Datum', 'Groep', 'Status'],
      r.stops.map((s) => [
        s.name,
        formatDate(s.startsAt),
        groupNames[s.groupType] ?? s.groupType,
        stopStatusNames[s.status] ?? s.status,
      ]),
    ),
    heading('Wie deden mee', HeadingLevel.HEADING_1),
    para(
      `In totaal ${r.totals.items} goedgekeurde reacties: ${r.totals.submissions} online inzendingen en ${r.totals.stopParticipants} deelnemers aan de roadtour.`,
    ),
    heading('Reacties per doelgroep', HeadingLevel.HEADING_2),
    table(
      ['Doelgroep', 'Reacties', 'Online inzendingen'],
      r.byAudience.map((a) => [audienceName(a.audience), a.items, a.submissions]),
      { column: 1, max: Math.max(0, ...r.byAudience.map((a) => a.items)) },
    ),
    heading('Reacties per kanaal', HeadingLevel.HEADING_2),
    breakdown('Kanaal', r.byChannel, channelNames),
    heading('Roadtour: deelnemers en reacties per bijeenkomst', HeadingLevel.HEADING_2),
    table(
      ['Bijeenkomst', 'Deelnemers', 'Reacties'],
      r.stops
        .filter((s) => s.status === 'completed')
        .map((s) => [s.name, s.actualParticipants ?? 0, s.items]),
    ),
    heading('Achtergrond van online deelnemers (waar ingevuld)', HeadingLevel.HEADING_2),
    breakdown('Leeftijd', r.profile.ageBand, ageBandNames),
    para(''),
    breakdown('Krijgt hulp in het huishouden', r.profile.receivesHelp, receivesHelpNames),
    para(''),
    breakdown('Wijk', r.profile.wijk, {}),
    heading("Thema's", HeadingLevel.HEADING_1),
    table(
      ['Thema', 'Reacties'],
      r.themes.map((t) => [t.label, t.mentions]),
      { column: 1, max: Math.max(0, ...r.themes.map((t) => t.mentions)) },
    ),
  ];
  for (const t of r.themes) {
    children.push(heading(t.label, HeadingLevel.HEADING_2), ...markdownToParagraphs(t.descriptionMd));
    const by = Object.entries(t.byAudience)
      .sort((a, b) => b[1] - a[1])
      .map(([a, n]) => `${audienceName(a).toLowerCase()} ${n}`)
      .join(', ');
    children.push(
      para(
        `Genoemd in ${t.mentions} reacties als hoofdthema${t.alsoMentioned ? ` en in ${t.alsoMentioned} als tweede thema` : ''}${by ? ` (${by})` : ''}.`,
      ),
    );
    if (t.quotes.length > 0) {
      children.push(heading('Wat mensen zeiden', HeadingLevel.HEADING_3));
      for (const q of t.quotes)
        children.push(
          new Paragraph({
            indent: { left: 567 },
            children: [
              new TextRun({ text: `“${q.body}”`, italics: true }),
              new TextRun({
                text: ` — ${audienceName(q.audience)}, ${channelNames[q.channel]?.toLowerCase() ?? q.channel}`,
              }),
            ],
          }),
        );
    }
    children.push(heading('Wat doen we ermee', HeadingLevel.HEADING_3));
    children.push(...(t.reactionMd ? markdownToParagraphs(t.reactionMd) : [para('Nog in te vullen.')]));
  }
  children.push(heading('Werkwijze', HeadingLevel.HEADING_1));
  for (const m of methodText.method) children.push(new Paragraph({ text: m, bullet: { level: 0 } }));
  children.push(
    heading('Bijlage: alle bijeenkomsten van de roadtour', HeadingLevel.HEADING_1),
    table(
      ['Bijeenkomst', 'Plaats', 'Datum', 'Groep', 'Status', 'Verwacht', 'Aanwezig', 'Reacties'],
      r.stops.map((s) => [
        s.name,
        s.location,
        formatDateTime(s.startsAt),
        groupNames[s.groupType] ?? s.groupType,
        stopStatusNames[s.status] ?? s.status,
        s.expectedParticipants ?? '',
        s.actualParticipants ?? '',
        s.items,
      ]),
    ),
  );
  return new Document({
    creator: 'Doe Mee Zoetermeer',
    title: `Participatieverslag ${r.consultation.title}`,
    description: 'Concept participatieverslag',
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{ children }],
  });
}

/** The report holds aggregates and at most five quotes a theme, so the document is small. */
export async function writeDocx(report: Report, out: Writable): Promise<number> {
  await put(out, await Packer.toBuffer(reportDocument(report)));
  await finish(out);
  return report.totals.items;
}
