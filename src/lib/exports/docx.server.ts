import type { Writable } from 'node:stream';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { responseTable } from '../advice/export.server';
import { audiences } from '../content/schema';
import type { ChartSpec } from '../dashboard/charts';
import { themesByAudienceChart } from '../dashboard/charts';
import {
  ageBandNames,
  audienceName,
  channelNames,
  countsExplained,
  describeSelection,
  formatDate,
  formatDay,
  formatShortDate,
  formatTime,
  groupNames,
  methodText,
  municipality,
  orderedBreakdown,
  reactionMissing,
  receivesHelpNames,
  stopStatusNames,
} from './labels.nl';
import { markdownToParagraphs } from './markdown-docx';
import { participationLines, pickQuotes, reportThemes, versionLines } from './report-text';
import { finish, put } from './sink';
import { firstSentence, markdownToText, stripQuotes } from './text';
import type { Report, ReportTheme } from './types';

/** A4 in twips, margins of 2 cm: the width a table or image may take in each orientation. */
const page = { width: 11906, height: 16838, margin: 1134 };
const portraitWidth = page.width - 2 * page.margin;
const landscapeWidth = page.height - 2 * page.margin;
/** Images at 96 dpi: the portrait text width is 6.69 in ≈ 642 px. */
const imageWidth = 620;
const quotesShown = 3;

const colour = { heading: '1F4E79', muted: '595959', rule: 'B0B0B0', headerFill: 'E6EEF5', warn: 'B00020' };

const para = (text: string, options: { bold?: boolean; italics?: boolean; color?: string } = {}) =>
  new Paragraph({ children: [new TextRun({ text, ...options })] });
const heading = (
  text: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel],
  pageBreakBefore = false,
) => new Paragraph({ text, heading: level, pageBreakBefore, keepNext: true });
const bullet = (children: ParagraphChild[]) => new Paragraph({ children, bullet: { level: 0 } });

const border = { style: BorderStyle.SINGLE, size: 4, color: colour.rule };
const borders = { top: border, bottom: border, left: border, right: border };

interface Column {
  readonly header: string;
  /** Share of the table's width (the shares of a table add up to 1). */
  readonly share: number;
  readonly numeric?: boolean;
}

/**
 * A Word table with fixed column widths (so Word never breaks a word like "Bijeenkomst" or a
 * date over two lines), a header row that repeats on every page, and right-aligned numbers.
 * `bold` rows are totals.
 */
function table(
  columns: readonly Column[],
  rows: readonly (readonly (string | number)[])[],
  options: { width?: number; boldLast?: boolean; size?: number } = {},
): Table {
  const width = options.width ?? portraitWidth;
  const widths = columns.map((c) => Math.round(c.share * width));
  const cell = (value: string | number, column: number, style: { header?: boolean; bold?: boolean }) =>
    new TableCell({
      borders,
      width: { size: widths[column] ?? 0, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          spacing: { after: 0 },
          alignment: columns[column]?.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [
            new TextRun({ text: String(value), bold: style.header || style.bold, size: options.size }),
          ],
        }),
      ],
      ...(style.header
        ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: colour.headerFill } }
        : {}),
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell(c.header, i, { header: true })),
      }),
      ...rows.map(
        (r, index) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, i) =>
              cell(v, i, { bold: options.boldLast === true && index === rows.length - 1 }),
            ),
          }),
      ),
    ],
  });
}

/** A chart image (drawn from the dashboard's chart definition) with its caption underneath. */
function figure(
  spec: ChartSpec,
  image: { png: Buffer; width: number; height: number },
  caption: string,
  width = imageWidth,
) {
  const scale = Math.min(1, width / image.width);
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120 },
      children: [
        new ImageRun({
          type: 'png',
          data: image.png,
          transformation: {
            width: Math.round(image.width * scale),
            height: Math.round(image.height * scale),
          },
          altText: {
            name: spec.id,
            title: spec.title,
            description: `${spec.description} De cijfers staan ook in de tabel.`,
          },
        }),
      ],
    }),
    new Paragraph({
      spacing: { after: 240 },
      children: [new TextRun({ text: caption, italics: true, color: colour.muted, size: 18 })],
    }),
  ];
}

/** The audiences in their fixed order (as on the form), those with any count only. */
function audienceOrder(codes: Iterable<string>): string[] {
  const seen = new Set(codes);
  const known = audiences.filter((a) => seen.has(a));
  return [...known, ...[...seen].filter((a) => !(audiences as readonly string[]).includes(a)).sort()];
}

/** Numbers of a theme per audience: berichten and ook genoemd, side by side, never added up. */
function themeTable(t: ReportTheme): Table {
  const codes = audienceOrder([...Object.keys(t.byAudience), ...Object.keys(t.alsoByAudience)]);
  const rows: (string | number)[][] = codes.map((a) => [
    audienceName(a),
    t.byAudience[a] ?? 0,
    t.alsoByAudience[a] ?? 0,
  ]);
  rows.push(['Alle doelgroepen', t.mentions, t.alsoMentioned]);
  return table(
    [
      { header: 'Doelgroep', share: 0.5 },
      { header: 'Berichten', share: 0.2, numeric: true },
      { header: 'Ook genoemd', share: 0.3, numeric: true },
    ],
    rows,
    { boldLast: true },
  );
}

function quoteParagraph(q: { body: string; audience: string; channel: string }): Paragraph {
  return new Paragraph({
    indent: { left: 567, right: 567 },
    spacing: { after: 160 },
    border: { left: { style: BorderStyle.SINGLE, size: 12, color: colour.rule, space: 8 } },
    children: [
      new TextRun({ text: `“${stripQuotes(q.body)}”`, italics: true }),
      new TextRun({
        text: ` (${audienceName(q.audience).toLowerCase()}, ${channelNames[q.channel]?.toLowerCase() ?? q.channel})`,
        color: colour.muted,
      }),
    ],
  });
}

/** Where "wat doen we ermee" is still empty: a marked paragraph nobody can overlook. */
const missingReaction = () =>
  new Paragraph({
    border: {
      top: { style: BorderStyle.SINGLE, size: 12, color: colour.warn, space: 4 },
      bottom: { style: BorderStyle.SINGLE, size: 12, color: colour.warn, space: 4 },
      left: { style: BorderStyle.SINGLE, size: 12, color: colour.warn, space: 4 },
      right: { style: BorderStyle.SINGLE, size: 12, color: colour.warn, space: 4 },
    },
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FDECEE' },
    children: [new TextRun({ text: reactionMissing, bold: true, color: colour.warn })],
  });

/** The charts of the report, each a dashboard chart spec. */
export function reportCharts(r: Report) {
  const themes = reportThemes(r);
  const audienceCodes = audienceOrder(r.byAudience.map((a) => a.audience));
  const byAudience = new Map(r.byAudience.map((a) => [a.audience, a]));
  const perAudience: ChartSpec = {
    id: 'doelgroep',
    title: 'Reacties per doelgroep',
    description: 'Aantal goedgekeurde reacties per doelgroep, online en van de roadtour.',
    kind: 'bar',
    horizontal: true,
    stacked: true,
    labelHeader: 'Doelgroep',
    labels: audienceCodes.map(audienceName),
    series: [
      { label: 'Online', values: audienceCodes.map((a) => byAudience.get(a)?.online ?? 0) },
      { label: 'Roadtour', values: audienceCodes.map((a) => byAudience.get(a)?.roadtour ?? 0) },
    ],
  };
  const held = r.stops.filter((s) => s.status === 'completed');
  const perStop: ChartSpec = {
    id: 'bijeenkomst',
    title: 'Roadtour per bijeenkomst',
    description: 'Aantal deelnemers (zoals de gespreksleider telde) en aantal reacties per bijeenkomst.',
    kind: 'bar',
    horizontal: true,
    labelHeader: 'Bijeenkomst',
    labels: held.map((s) => `${s.name} (${formatShortDate(s.startsAt).replace(/ /g, '\u00A0')})`),
    series: [
      { label: 'Deelnemers', values: held.map((s) => s.actualParticipants ?? 0) },
      { label: 'Reacties', values: held.map((s) => s.items) },
    ],
  };
  const perTheme = themesByAudienceChart(
    themes,
    audienceCodes.map((a) => ({ code: a, name: audienceName(a) })),
  );
  const primaryAndSecondary: ChartSpec = {
    id: 'thema-genoemd',
    title: 'Berichten en ook genoemd per thema',
    description: countsExplained,
    kind: 'bar',
    horizontal: true,
    labelHeader: 'Thema',
    labels: themes.map((t) => t.label),
    series: [
      { label: 'Berichten', values: themes.map((t) => t.mentions) },
      { label: 'Ook genoemd', values: themes.map((t) => t.alsoMentioned) },
    ],
  };
  return { perAudience, perStop, perTheme, primaryAndSecondary };
}

type Images = Record<keyof ReturnType<typeof reportCharts>, { png: Buffer; width: number; height: number }>;

/** The participatieverslag as a Word document, for the council. */
export function reportDocument(report: Report, images: Images): Document {
  const r = report;
  const themes = reportThemes(r);
  const candidates = r.themes.filter((t) => !t.accepted);
  const version = versionLines(r);
  const selection = describeSelection(r);
  const missing = themes.filter((t) => !t.reactionMd.trim());
  const charts = reportCharts(r);

  // ───────── cover ─────────
  const coverLine = (label: string, value: string) =>
    new Paragraph({
      spacing: { after: 120 },
      children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
    });
  const cover: Paragraph[] = [
    new Paragraph({
      spacing: { before: 1800, after: 240 },
      children: [new TextRun({ text: municipality, size: 28, color: colour.muted })],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Participatieverslag')] }),
    new Paragraph({
      spacing: { after: 1200, line: 240, lineRule: LineRuleType.AUTO },
      children: [new TextRun({ text: r.consultation.title, size: 36, color: colour.heading })],
    }),
    coverLine('Raadpleging', r.consultation.title),
    coverLine(
      'Periode',
      `${formatDate(r.consultation.opensAt)} tot en met ${formatDate(r.consultation.closesAt)}`,
    ),
    coverLine('Datum van dit verslag', formatDate(r.generatedAt)),
    coverLine('Versie van de thema’s', version.version),
    new Paragraph({
      spacing: { before: 240, after: 120 },
      children: [
        new TextRun({ text: 'Status: ', bold: true }),
        new TextRun({
          text: version.status === 'definitief' ? 'definitief' : 'concept',
          bold: true,
          color: version.status === 'definitief' ? '1B5E20' : colour.warn,
          allCaps: true,
        }),
      ],
    }),
    para(version.statusLine),
    ...(selection ? [coverLine('Selectie', `dit verslag bevat ${selection}`)] : []),
    ...(missing.length
      ? [
          new Paragraph({
            spacing: { before: 240 },
            children: [
              new TextRun({
                text: `Let op: bij ${missing.length === 1 ? '1 thema' : `${missing.length} thema's`} is nog niet beschreven wat de gemeente ermee doet (${missing.map((t) => t.label).join('; ')}).`,
                bold: true,
                color: colour.warn,
              }),
            ],
          }),
        ]
      : []),
  ];

  // ───────── table of contents ─────────
  const contents = [
    new Paragraph({
      pageBreakBefore: true,
      spacing: { after: 240 },
      children: [new TextRun({ text: 'Inhoud', bold: true, size: 32, color: colour.heading })],
    }),
    new TableOfContents('Inhoud', { hyperlink: true, headingStyleRange: '1-2' }),
  ];

  // ───────── summary (one page) ─────────
  const byAudience = audienceOrder(r.byAudience.map((a) => a.audience)).map(
    (code) => r.byAudience.find((a) => a.audience === code) as Report['byAudience'][number],
  );
  const summary: (Paragraph | Table)[] = [
    heading('Samenvatting', HeadingLevel.HEADING_1, true),
    para(methodText.aim(r.consultation.title)),
    heading('Wie deden mee, en hoe', HeadingLevel.HEADING_3),
    ...participationLines(r).map((line) => bullet([new TextRun(line)])),
    para(
      `Reacties per doelgroep: ${byAudience.map((a) => `${audienceName(a.audience).toLowerCase()} ${a.items}`).join(', ')}.`,
    ),
    heading("De belangrijkste thema's", HeadingLevel.HEADING_3),
    ...themes.map((t) =>
      bullet([
        new TextRun({ text: t.label, bold: true }),
        new TextRun(
          ` (${t.mentions} berichten, ook genoemd: ${t.alsoMentioned}). ${firstSentence(markdownToText(t.descriptionMd))}`,
        ),
      ]),
    ),
    new Paragraph({
      spacing: { before: 120 },
      children: [new TextRun({ text: countsExplained, italics: true, color: colour.muted, size: 18 })],
    }),
  ];

  // ───────── approach, method and limitations ─────────
  const held = r.stops.filter((s) => s.status === 'completed');
  const method: (Paragraph | Table)[] = [
    heading('Aanpak', HeadingLevel.HEADING_1, true),
    para(
      `De raadpleging liep van ${formatDate(r.consultation.opensAt)} tot en met ${formatDate(r.consultation.closesAt)}.`,
    ),
    para(methodText.online),
    para(methodText.roadtour),
    heading('Werkwijze en beperkingen', HeadingLevel.HEADING_2),
    ...methodText.method.map((m) => bullet([new TextRun(m)])),
    heading('Beperkingen', HeadingLevel.HEADING_3),
    ...methodText.limitations.map((m) => bullet([new TextRun(m)])),
    ...(candidates.length
      ? [
          bullet([
            new TextRun(
              `${candidates.length === 1 ? 'Eén voorstel voor een thema' : `${candidates.length} voorstellen voor thema's`} van de computer ${candidates.length === 1 ? 'is' : 'zijn'} nog niet door de analist beoordeeld en ${candidates.length === 1 ? 'staat' : 'staan'} niet in dit verslag. Hun reacties tellen wel mee in de totalen.`,
            ),
          ]),
        ]
      : []),
    bullet([
      new TextRun(
        `Van de ${r.totals.items} goedgekeurde reacties hebben er ${r.totals.itemsWithTheme} een hoofdthema in dit verslag.`,
      ),
    ]),
  ];

  // ───────── who took part ─────────
  const participation: (Paragraph | Table)[] = [
    heading('Wie deden mee', HeadingLevel.HEADING_1, true),
    ...participationLines(r).map((line) => bullet([new TextRun(line)])),
    heading('Reacties per doelgroep', HeadingLevel.HEADING_2),
    table(
      [
        { header: 'Doelgroep', share: 0.4 },
        { header: 'Online', share: 0.15, numeric: true },
        { header: 'Roadtour', share: 0.15, numeric: true },
        { header: 'Reacties', share: 0.15, numeric: true },
        { header: 'Inzendingen', share: 0.15, numeric: true },
      ],
      [
        ...byAudience.map((a) => [audienceName(a.audience), a.online, a.roadtour, a.items, a.submissions]),
        [
          'Alle doelgroepen',
          r.totals.onlineItems,
          r.totals.roadtourItems,
          r.totals.items,
          r.totals.submissions,
        ],
      ],
      { boldLast: true },
    ),
    ...figure(
      charts.perAudience,
      images.perAudience,
      'Figuur 1. Goedgekeurde reacties per doelgroep, online en roadtour.',
    ),
    heading('Roadtour: deelnemers en reacties per bijeenkomst', HeadingLevel.HEADING_2),
    table(
      [
        { header: 'Bijeenkomst', share: 0.5 },
        { header: 'Datum', share: 0.18 },
        { header: 'Deelnemers', share: 0.16, numeric: true },
        { header: 'Reacties', share: 0.16, numeric: true },
      ],
      [
        ...held.map((s) => [s.name, formatShortDate(s.startsAt), s.actualParticipants ?? 0, s.items]),
        ['Alle bijeenkomsten', '', r.totals.stopParticipants, held.reduce((n, s) => n + s.items, 0)],
      ],
      { boldLast: true },
    ),
    ...(held.length
      ? figure(
          charts.perStop,
          images.perStop,
          'Figuur 2. Deelnemers en reacties per bijeenkomst van de roadtour.',
        )
      : []),
    heading('Achtergrond van de online deelnemers', HeadingLevel.HEADING_2),
    para(
      'Per online inzending, zoals de deelnemer het invulde; bij de roadtour is dit niet gevraagd. "Onbekend": de deelnemer liet de vraag open.',
    ),
    ...(
      [
        ['Leeftijd', r.profile.ageBand, ageBandNames],
        ['Krijgt hulp in het huishouden', r.profile.receivesHelp, receivesHelpNames],
        ['Wijk', r.profile.wijk, r.profile.wijkNames],
      ] as const
    ).flatMap(([title, data, names], index) => [
      // A little space between the tables, none after the last (it would spill onto a page of its own).
      ...(index > 0 ? [new Paragraph({ spacing: { after: 0 }, children: [] })] : []),
      table(
        [
          { header: title, share: 0.7 },
          { header: 'Inzendingen', share: 0.3, numeric: true },
        ],
        orderedBreakdown(data, names),
        { size: 18 },
      ),
    ]),
  ];

  // ───────── themes ─────────
  const themeSection: (Paragraph | Table)[] = [
    heading("Thema's", HeadingLevel.HEADING_1, true),
    para(
      `De reacties zijn ingedeeld in ${themes.length} thema's. Per thema staan hieronder een beschrijving, de aantallen per doelgroep, een paar reacties in de woorden van de deelnemers en wat de gemeente ermee doet.`,
    ),
    new Paragraph({ children: [new TextRun({ text: countsExplained, italics: true })] }),
    table(
      [
        { header: 'Thema', share: 0.6 },
        { header: 'Berichten', share: 0.18, numeric: true },
        { header: 'Ook genoemd', share: 0.22, numeric: true },
      ],
      themes.map((t) => [t.label, t.mentions, t.alsoMentioned]),
    ),
    // A little smaller, so the table and both theme charts share one page.
    ...figure(
      charts.perTheme,
      images.perTheme,
      'Figuur 3. Berichten per thema, verdeeld over de doelgroepen.',
      520,
    ),
    ...figure(
      charts.primaryAndSecondary,
      images.primaryAndSecondary,
      'Figuur 4. Berichten en ook genoemd per thema, naast elkaar (niet opgeteld).',
      520,
    ),
  ];
  for (const t of themes) {
    themeSection.push(
      heading(t.label, HeadingLevel.HEADING_2, true),
      ...markdownToParagraphs(t.descriptionMd),
    );
    themeSection.push(
      para(
        `${t.mentions} ${t.mentions === 1 ? 'bericht' : 'berichten'}; ook genoemd in ${t.alsoMentioned} ${t.alsoMentioned === 1 ? 'andere reactie' : 'andere reacties'}.`,
      ),
      themeTable(t),
    );
    const quotes = pickQuotes(t.quotes, quotesShown);
    if (quotes.length > 0) {
      themeSection.push(heading('Wat deelnemers zeiden', HeadingLevel.HEADING_3));
      for (const q of quotes) themeSection.push(quoteParagraph(q));
    }
    themeSection.push(heading('Wat doen we ermee', HeadingLevel.HEADING_3));
    themeSection.push(...(t.reactionMd.trim() ? markdownToParagraphs(t.reactionMd) : [missingReaction()]));
  }

  // ───────── formal advice and the college's response ─────────
  const adviceSection: (Paragraph | Table)[] =
    r.advices.length === 0
      ? []
      : [
          heading('Formele adviezen', HeadingLevel.HEADING_1, true),
          para(
            `De gemeente ontving ${r.advices.length === 1 ? 'één formeel advies' : `${r.advices.length} formele adviezen`}. Per advies staat hieronder elk punt met de reactie van het college.`,
          ),
        ];
  for (const a of r.advices) {
    adviceSection.push(
      heading(`Advies van ${a.sender}`, HeadingLevel.HEADING_2),
      para(
        `${a.title ? `${a.title}. ` : ''}Ontvangen op ${formatDay(a.receivedOn)}${a.adoptedOn ? `; de reactie is vastgesteld door het college op ${formatDay(a.adoptedOn)}.` : '.'}`,
      ),
    );
    if (!a.adoptedOn)
      adviceSection.push(
        para('De reactie is nog niet vastgesteld door het college: wat hieronder staat is een concept.', {
          bold: true,
          color: colour.warn,
        }),
      );
    if (a.pointsAwaitingModeration > 0)
      adviceSection.push(
        para(
          `${a.pointsAwaitingModeration === 1 ? 'Eén punt wacht' : `${a.pointsAwaitingModeration} punten wachten`} nog op moderatie en ${a.pointsAwaitingModeration === 1 ? 'staat' : 'staan'} hier niet in.`,
          { italics: true, color: colour.muted },
        ),
      );
    if (a.points.length > 0) adviceSection.push(responseTable(a.sender, a.points));
  }

  // ───────── appendix (landscape) ─────────
  const appendix: (Paragraph | Table)[] = [
    heading('Bijlage: alle bijeenkomsten van de roadtour', HeadingLevel.HEADING_1),
    table(
      [
        { header: 'Bijeenkomst', share: 0.21 },
        { header: 'Plaats', share: 0.2 },
        { header: 'Datum', share: 0.09 },
        { header: 'Tijd', share: 0.05 },
        { header: 'Groep', share: 0.14 },
        { header: 'Status', share: 0.07 },
        { header: 'Verwacht', share: 0.08, numeric: true },
        { header: 'Aanwezig', share: 0.08, numeric: true },
        { header: 'Reacties', share: 0.08, numeric: true },
      ],
      r.stops.map((s) => [
        s.name,
        s.location,
        formatShortDate(s.startsAt),
        formatTime(s.startsAt),
        groupNames[s.groupType] ?? s.groupType,
        stopStatusNames[s.status] ?? s.status,
        s.expectedParticipants ?? '',
        s.actualParticipants ?? '',
        s.items,
      ]),
      { width: landscapeWidth, size: 18 },
    ),
  ];

  const headerFooter = (width: number) => ({
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [
              new TextRun({
                text: `${r.consultation.title}${version.status === 'concept' ? ' · concept' : ''}`,
                color: colour.muted,
                size: 18,
              }),
            ],
          }),
        ],
      }),
      first: new Header({ children: [new Paragraph('')] }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: width }],
            children: [
              new TextRun({ text: `Participatieverslag · ${municipality}`, color: colour.muted, size: 18 }),
              new TextRun({
                children: ['\tPagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES],
                color: colour.muted,
                size: 18,
              }),
            ],
          }),
        ],
      }),
      first: new Footer({ children: [new Paragraph('')] }),
    },
  });
  const margins = { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin };
  const sections: ISectionOptions[] = [
    {
      properties: {
        titlePage: true,
        page: { size: { width: page.width, height: page.height }, margin: margins },
      },
      ...headerFooter(portraitWidth),
      children: [
        ...cover,
        ...contents,
        ...summary,
        ...method,
        ...participation,
        ...themeSection,
        ...adviceSection,
      ],
    },
    {
      properties: {
        page: {
          size: { width: page.width, height: page.height, orientation: PageOrientation.LANDSCAPE },
          margin: margins,
        },
      },
      ...headerFooter(landscapeWidth),
      children: appendix,
    },
  ];

  return new Document({
    creator: `Doe Mee · ${municipality}`,
    title: `Participatieverslag ${r.consultation.title}`,
    description: `Participatieverslag (${version.status})`,
    // Word fills in the table of contents (and its page numbers) when it opens the document.
    features: { updateFields: true },
    // Page numbers in the table of contents as Word would lay the pages out (docx/layout), so
    // it is complete in programs that do not update fields; Word still updates it on opening.
    pageNumbers: estimatePageNumbers,
    styles: {
      default: {
        document: {
          run: { font: 'Arial', size: 21 },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { font: 'Arial', size: 56, bold: true, color: colour.heading } },
        heading1: {
          run: { font: 'Arial', size: 32, bold: true, color: colour.heading },
          paragraph: { spacing: { before: 240, after: 160 } },
        },
        heading2: {
          run: { font: 'Arial', size: 26, bold: true, color: colour.heading },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading3: {
          run: { font: 'Arial', size: 22, bold: true, color: '000000' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      },
    },
    sections,
  });
}

/** Draws the report's charts (the renderer loads only when a report is made). */
async function drawCharts(r: Report): Promise<Images> {
  const { renderChart } = await import('./chart-image.server');
  const charts = reportCharts(r);
  const out = {} as Images;
  for (const [key, spec] of Object.entries(charts) as [keyof Images, ChartSpec][])
    out[key] = await renderChart(spec, { width: imageWidth });
  return out;
}

/** The report holds aggregates and at most five quotes a theme, so the document is small. */
export async function writeDocx(report: Report, out: Writable): Promise<number> {
  const document = reportDocument(report, await drawCharts(report));
  await put(out, await Packer.toBuffer(document));
  await finish(out);
  return report.totals.items;
}
