import { createHash } from 'node:crypto';
import type { Audience } from '../content/schema';
import type { AutoMapping } from './mapping';
import { ageBandOf, audienceOf, dayOf, headerErrors, receivesHelpOf, saysNothing, wijkOf } from './mapping';
import type {
  Cell,
  Checked,
  ImportContext,
  ImportQuestion,
  Mapping,
  RowError,
  Sheet,
  ValidRow,
} from './types';

const shorten = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}…` : value);
const asText = (cell: Cell): string =>
  cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;

/**
 * The row's identity for "imported before?": its cells by column header (so the order of columns
 * does not matter), the source, and which occurrence of the same content this is in the file (two
 * identical paper forms are two rows; the same file twice is the same rows).
 */
export function rowHash(
  sourceId: string,
  headers: readonly string[],
  cells: readonly Cell[],
  occurrence: number,
): string {
  const content = headers
    .map((header, i) => [header.toLowerCase(), asText(cells[i] ?? null)] as const)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([sourceId, content, occurrence]))
    .digest('hex');
}

/** A day too far ahead is a typing error; one before 2000 too. */
const latestDay = () => Date.now() + 2 * 86_400_000;
const earliestDay = Date.UTC(2000, 0, 1);

/**
 * Checks every row of a sheet under a mapping: each row is either ready to store or has its
 * errors. With errors in the header row (columns not mapped, ambiguous or twice) no row is ready.
 * `audience`: the audience of rows without a doelgroep column (or with an empty cell in it).
 */
export function checkRows(
  sheet: Sheet,
  context: ImportContext,
  mapping: Mapping,
  options: { sourceId: string; audience?: Audience; ambiguous?: AutoMapping['ambiguous'] },
): Checked {
  const header = headerErrors(sheet, mapping, options.ambiguous);
  const total = sheet.rows.length;
  if (header.length > 0) return { valid: [], errors: header, total, invalidRows: total, headerBroken: true };

  const questionOf = new Map<string, ImportQuestion>(
    context.questions.map((q) => [`vraag:${q.audience}:${q.key}`, q]),
  );
  const columns = sheet.headers.map((h, index) => ({ header: h, index, target: mapping[h] ?? '' }));
  const field = (name: string) => columns.find((c) => c.target === name);
  const audienceColumn = field('doelgroep');
  const seen = new Map<string, number>();
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  let invalidRows = 0;

  for (const row of sheet.rows) {
    const rowErrors: RowError[] = [];
    const point = row.point;
    const cell = (column: { index: number } | undefined) =>
      column ? (row.cells[column.index] ?? null) : null;
    if (row.otherEncoding) rowErrors.push({ point, code: 'row.encoding' });

    let audience: Audience | null = options.audience ?? null;
    const audienceCell = asText(cell(audienceColumn));
    if (audienceColumn && audienceCell !== '') {
      audience = audienceOf(audienceCell);
      if (!audience)
        rowErrors.push({
          point,
          code: 'row.audience',
          column: audienceColumn.header,
          value: shorten(audienceCell),
        });
    } else if (!audience) rowErrors.push({ point, code: 'row.audienceMissing' });

    let writtenAt: Date | null = null;
    const dateColumn = field('datum');
    const dateCell = cell(dateColumn);
    if (dateColumn && dateCell !== null) {
      writtenAt = dayOf(dateCell);
      if (!writtenAt || writtenAt.getTime() > latestDay() || writtenAt.getTime() < earliestDay) {
        rowErrors.push({
          point,
          code: 'row.date',
          column: dateColumn.header,
          value: shorten(asText(dateCell)),
        });
        writtenAt = null;
      }
    }

    const profile = <T>(name: string, code: RowError['code'], read: (v: string) => T | null): T | null => {
      const column = field(name);
      const value = asText(cell(column));
      if (!column || saysNothing(value)) return null;
      const read_ = read(value);
      if (read_ === null) rowErrors.push({ point, code, column: column.header, value: shorten(value) });
      return read_;
    };
    const ageBand = profile('leeftijd', 'row.ageBand', ageBandOf);
    const wijk = profile('wijk', 'row.wijk', (v) => wijkOf(v, context.wijken));
    const receivesHelp = profile('hulp', 'row.receivesHelp', receivesHelpOf);
    const organisationColumn = field('organisatie');
    const organisation = asText(cell(organisationColumn));
    if (organisationColumn && organisation !== '' && (organisation.length < 2 || organisation.length > 200))
      rowErrors.push({
        point,
        code: 'row.organisation',
        column: organisationColumn.header,
        value: shorten(organisation),
      });

    const answers: { question: ImportQuestion; text: string }[] = [];
    for (const column of columns) {
      const question = questionOf.get(column.target);
      if (!question) continue;
      const text = asText(cell(column));
      if (text === '') continue;
      if (audience && question.audience !== audience)
        rowErrors.push({ point, code: 'row.otherAudience', column: column.header, value: question.audience });
      else if (text.length > question.maxLength)
        rowErrors.push({
          point,
          code: 'row.tooLong',
          column: column.header,
          value: String(question.maxLength),
        });
      else answers.push({ question, text });
    }
    if (
      answers.length === 0 &&
      !rowErrors.some((e) => e.code === 'row.otherAudience' || e.code === 'row.tooLong')
    )
      rowErrors.push({ point, code: 'row.noAnswers' });

    // Identity: computed for every row, so occurrences count the same whatever is valid.
    const key = rowHash(options.sourceId, sheet.headers, row.cells, 0);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    if (rowErrors.length > 0 || !audience) {
      invalidRows++;
      errors.push(...rowErrors);
      continue;
    }
    valid.push({
      point,
      hash: rowHash(options.sourceId, sheet.headers, row.cells, occurrence),
      audience,
      writtenAt,
      ageBand,
      wijk,
      receivesHelp,
      organisationName: organisation === '' ? null : organisation,
      answers,
    });
  }
  return { valid, errors, total, invalidRows, headerBroken: false };
}
