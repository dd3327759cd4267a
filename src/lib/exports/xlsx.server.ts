import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { safeCell } from './formula';
import { audienceName, groupNames, localWallClock, stopStatusNames, themeName } from './labels.nl';
import { itemColumns, itemRow } from './rows';
import { markdownToText } from './text';
import type { ExportItem, Report } from './types';

const headerStyle: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6EEF5' } },
  alignment: { vertical: 'top', wrapText: true },
};

function sheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly { header: string; width: number }[],
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).eachCell((cell) => {
    cell.style = headerStyle;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

const addRow = (ws: ExcelJS.Worksheet, values: unknown[]) => ws.addRow(values.map(safeCell)).commit();

/**
 * The spreadsheet, written by exceljs's streaming WorkbookWriter: each row is committed (turned
 * into XML and handed to the zip stream) as soon as it is added, and the writer waits whenever
 * the reader of `out` is behind, so memory stays flat for 100,000 items.
 * Sheets: Thema's, Inbreng, Per doelgroep (pivot), Bijeenkomsten. Descriptions are plain text
 * (Markdown rendered to text); both score columns are numbers; candidate themes say so. Every
 * sheet has a frozen header row, column widths and an autofilter. Text cells are neutralised against formulas.
 */
export async function writeXlsx(
  report: Report,
  items: AsyncIterable<ExportItem>,
  out: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Doe Mee Zoetermeer';
  workbook.created = report.generatedAt;

  const themes = sheet(workbook, "Thema's", [
    { header: 'Thema', width: 36 },
    { header: 'Status', width: 16 },
    { header: 'Beschrijving', width: 70 },
    { header: 'Berichten (hoofdthema)', width: 14 },
    { header: 'Online', width: 10 },
    { header: 'Roadtour', width: 10 },
    { header: 'Ook genoemd (ander thema)', width: 14 },
    { header: 'Wat doen we ermee', width: 70 },
  ]);
  for (const col of [3, 8]) themes.getColumn(col).alignment = { vertical: 'top', wrapText: true };
  // Accepted themes first, then the candidates, each named as such.
  for (const t of report.themes)
    addRow(themes, [
      themeName(t),
      t.accepted ? 'geaccepteerd' : 'kandidaat (voorstel, nog niet beoordeeld)',
      markdownToText(t.descriptionMd),
      t.mentions,
      t.byChannel.online ?? 0,
      t.byChannel.roadtour ?? 0,
      t.alsoMentioned,
      markdownToText(t.reactionMd),
    ]);
  themes.commit();

  const list = sheet(workbook, 'Inbreng', itemColumns);
  list.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
  list.getColumn(9).numFmt = '0.000';
  list.getColumn(11).numFmt = '0.000';
  let count = 0;
  for await (const item of items) {
    // Same columns as the CSV; a real date cell, and decimal commas in the joined scores.
    addRow(
      list,
      itemRow(item, (n) => n.toLocaleString('nl-NL'), localWallClock),
    );
    count++;
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  list.commit();

  const audiences = report.byAudience.map((a) => a.audience);
  const pivot = sheet(workbook, 'Per doelgroep', [
    { header: 'Thema', width: 36 },
    ...audiences.map((a) => ({ header: audienceName(a), width: 16 })),
    { header: 'Totaal', width: 10 },
  ]);
  for (const t of report.themes)
    addRow(pivot, [themeName(t), ...audiences.map((a) => t.byAudience[a] ?? 0), t.mentions]);
  addRow(pivot, ['Alle reacties', ...report.byAudience.map((a) => a.items), report.totals.items]);
  addRow(pivot, [
    'Online inzendingen',
    ...report.byAudience.map((a) => a.submissions),
    report.totals.submissions,
  ]);
  pivot.commit();

  const stops = sheet(workbook, 'Bijeenkomsten', [
    { header: 'Bijeenkomst', width: 40 },
    { header: 'Plaats', width: 40 },
    { header: 'Begin', width: 18 },
    { header: 'Groep', width: 20 },
    { header: 'Status', width: 10 },
    { header: 'Verwacht', width: 10 },
    { header: 'Aanwezig', width: 10 },
    { header: 'Reacties', width: 10 },
  ]);
  stops.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm';
  for (const s of report.stops)
    addRow(stops, [
      s.name,
      s.location,
      localWallClock(s.startsAt),
      groupNames[s.groupType] ?? s.groupType,
      stopStatusNames[s.status] ?? s.status,
      s.expectedParticipants,
      s.actualParticipants,
      s.items,
    ]);
  stops.commit();

  await workbook.commit();
  return count;
}
