/**
 * Brings a letter or formal advice in from the command line, for bulk work and for checks outside
 * the repo (issue 19, part 4; keep this contract):
 *   npm run -s import -- --consultation SLUG --file F [--kind advies|brief|spreadsheet] [--from "Sender"]
 *                        [--audience A] [--received YYYY-MM-DD] [--only-valid]
 * With --kind spreadsheet (.xlsx, .csv) each row becomes a submission on channel "import" from the
 * source --from (default: the file's name), one input item per answered question; "point" is the
 * row number. A sheet with row errors stores nothing unless --only-valid; the same rows again add
 * nothing (src/lib/imports/README.md).
 * The document (.docx, .pdf, .txt) is split into points exactly as on /staff/inbreng (without the
 * check screen: every recognised point is kept, letterhead and signature are left out), and each
 * point becomes an input item awaiting moderation, with the personal-data detector's proposals.
 * For an advice, responses the document already gives ("Reactie college: …") are kept.
 * Prints one JSON line per created input item: {"id": "…", "point": 1, "text": "…"}.
 * Runs as the service role, like the other jobs; the audit log records the rows.
 * Exit code 0 when stored, 1 for an unreadable file or an unknown consultation, 2 on bad usage.
 * Works on the embedded database (DATA_DIR; stop the server first) and on DATABASE_URL.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv } from '../lib/config/env.server';
import { type Audience, audiences } from '../lib/content/schema';
import { service } from '../lib/db/caller';
import { openDatabase, prepareForServing } from '../lib/db/open.server';
import { forCaller } from '../lib/db/types';
import { importSpreadsheetFile } from '../lib/imports';
import { type ExtractError, extractText } from '../lib/written-input/extract.server';
import { createDraft, parseMeta, saveDraft } from '../lib/written-input/save.server';
import type { WrittenError } from '../lib/written-input/schema';

const usage =
  'Usage: npm run -s import -- --consultation SLUG --file F [--kind advies|brief|spreadsheet] [--from "Sender"] [--audience A] [--received YYYY-MM-DD] [--only-valid]';

class Failure extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message);
  }
}

const reasons: Record<ExtractError | WrittenError, string> = {
  'file.missing': 'the file is empty',
  'file.tooLarge': 'the file is larger than 10 MB',
  'file.type': 'not a .docx, .pdf or .txt file',
  'file.unreadable': 'the file is damaged or not what its name says',
  'file.noText': 'the file holds no text',
  'pdf.encrypted': 'the PDF is protected with a password; paste its text into a .txt file instead',
  'pdf.noText': 'the PDF holds no text (a scan?); paste its text into a .txt file instead',
  'written.invalid': 'the database refused it',
  'written.sender': '--from must be 2 to 200 characters',
  'written.audience': `--audience must be one of ${audiences.join(', ')}`,
  'written.receivedOn': '--received must be a day (YYYY-MM-DD), not in the future',
  'written.consultation': 'unknown consultation',
  'written.noInput': 'the file holds no text',
  'written.textTooLong': 'the text is longer than 200,000 characters',
  'written.notFound': 'the draft disappeared',
  'written.alreadySaved': 'already saved',
  'written.noPoints': 'no points found in the text',
  'written.tooManyPoints': 'more than 300 points',
  'written.pointTooLong': 'a point is longer than 20,000 characters',
  'written.forbidden': 'not allowed',
};

function readArguments() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        consultation: { type: 'string' },
        file: { type: 'string' },
        kind: { type: 'string' },
        from: { type: 'string' },
        audience: { type: 'string' },
        received: { type: 'string' },
        'only-valid': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Failure(`${error instanceof Error ? error.message : error}\n${usage}`, 2);
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const consultation = text('consultation');
  const file = text('file');
  if (!consultation || !file) throw new Failure(usage, 2);
  const kind = text('kind') ?? 'brief';
  if (kind !== 'advies' && kind !== 'brief' && kind !== 'spreadsheet')
    throw new Failure(`Unknown kind "${kind}".\n${usage}`, 2);
  // A spreadsheet may name each row's audience in a column; a letter has one audience.
  const audience =
    text('audience') ?? (kind === 'advies' ? 'adviesraad' : kind === 'brief' ? 'partner' : undefined);
  if (audience !== undefined && !(audiences as readonly string[]).includes(audience))
    throw new Failure(`Unknown audience "${audience}": use one of ${audiences.join(', ')}.`, 2);
  return {
    consultation,
    file: path.resolve(file),
    kind,
    audience: audience as Audience | undefined,
    // For a spreadsheet, the source's name: a second import of the same rows from it adds nothing.
    sender: text('from') ?? (kind === 'spreadsheet' ? path.basename(file) : 'Onbekende afzender'),
    receivedOn: text('received') ?? new Date().toISOString().slice(0, 10),
    onlyValidRows: values['only-valid'] === true,
  } as const;
}

async function main(): Promise<number> {
  const args = readArguments();
  if (args.kind === 'spreadsheet') return importSpreadsheet(args);
  const bytes = await readFile(args.file).catch((error: NodeJS.ErrnoException) => {
    throw new Failure(
      `Cannot read "${args.file}": ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
      1,
    );
  });
  const read = await extractText({ name: path.basename(args.file), bytes: new Uint8Array(bytes) });
  if (!read.ok) throw new Failure(`Cannot read "${args.file}": ${reasons[read.code]}.`, 1);

  const env = readEnv();
  const db = await openDatabase(env);
  try {
    // Like staff:add: a database left behind by an upgrade gets its migrations first.
    await prepareForServing(env, db);
    const as = forCaller(db, service);
    const [consultation] = await db.transaction(
      service,
      (tx) => tx.sql<{ id: string }>`select id from public.consultations where slug = ${args.consultation}`,
    );
    if (!consultation) throw new Failure(`Unknown consultation "${args.consultation}".`, 1);
    const meta = parseMeta({
      consultationId: consultation.id,
      kind: args.kind,
      sender: args.sender,
      audience: args.audience,
      receivedOn: args.receivedOn,
    });
    if (!meta.ok) throw new Failure(`${reasons[meta.code]}.\n${usage}`, 2);
    const draft = await createDraft(as, meta.meta, {
      fileName: path.basename(args.file),
      mediaType: read.mediaType,
      content: new Uint8Array(bytes),
      text: read.text,
    });
    if (!draft.ok) throw new Failure(`Cannot import "${args.file}": ${reasons[draft.code]}.`, 1);
    const saved = await saveDraft(
      as,
      draft.id,
      draft.points.filter((p) => p.keep),
    );
    if (!saved.ok) {
      await db.transaction(service, (tx) => tx.sql`delete from public.written_inputs where id = ${draft.id}`);
      throw new Failure(`Cannot import "${args.file}": ${reasons[saved.code]}.`, 1);
    }
    for (const point of saved.points)
      process.stdout.write(`${JSON.stringify({ id: point.id, point: point.point, text: point.text })}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * `--kind spreadsheet` (issue 19, part 3): one JSON line per created input item, `point` being the
 * row number. A sheet with row errors stores nothing (the errors go to stderr, exit 1) unless
 * `--only-valid` is given; importing the same rows again adds nothing.
 */
async function importSpreadsheet(args: ReturnType<typeof readArguments>): Promise<number> {
  const env = readEnv();
  const db = await openDatabase(env);
  try {
    await prepareForServing(env, db);
    const outcome = await importSpreadsheetFile(db, {
      consultation: args.consultation,
      file: args.file,
      source: args.sender,
      ...(args.audience ? { audience: args.audience } : {}),
      onlyValidRows: args.onlyValidRows,
    }).catch((error: unknown) => {
      throw new Failure(error instanceof Error ? error.message : String(error), 1);
    });
    for (const item of outcome.items) process.stdout.write(`${JSON.stringify(item)}\n`);
    for (const problem of outcome.errors) process.stderr.write(`rij ${problem.point}: ${problem.message}\n`);
    if (outcome.batchId === null && outcome.errors.length > 0) {
      process.stderr.write(
        'Niets opgeslagen. Verbeter het bestand, of importeer alleen de goede rijen met --only-valid.\n',
      );
      return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = error instanceof Failure ? error.code : 1;
  },
);
