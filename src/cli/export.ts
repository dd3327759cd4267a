/**
 * Exports from the command line, for scheduled jobs and for checking (keep this contract):
 *   npm run -s export -- --consultation SLUG --format docx|xlsx|csv|md|json [--version ID] --out FILE
 * `--version` takes a theme snapshot id (a version on the theme board); without it the current
 * state is exported. `csv` is RFC 4180 (comma); `csv-nl` (semicolon, for Dutch Excel) works too.
 * Works on the embedded database (DATA_DIR; stop the server first) and on DATABASE_URL.
 * Runs as the service role, like the other jobs; the export is recorded in the audit log as
 * coming from the command line. Only approved, redacted text leaves the system, as on the web.
 * Exit code 0 when the file is written, 1 for an unknown consultation or version (or another
 * failure), 2 on bad usage. The file appears only when it is complete.
 */
import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv } from '../lib/config/env.server';
import { service } from '../lib/db/caller';
import { openDatabase, prepareForServing } from '../lib/db/open.server';
import { forCaller } from '../lib/db/types';
import { type ExportFormat, ExportRequestSchema } from '../lib/exports/filters';
import { ExportError, startExport } from '../lib/exports/index.server';

const usage =
  'Usage: npm run -s export -- --consultation SLUG --format docx|xlsx|csv|md|json [--version ID] --out FILE';

/** The command line's format names onto the export's: `csv` is the standard dialect. */
const formats: Record<string, ExportFormat> = {
  docx: 'docx',
  xlsx: 'xlsx',
  csv: 'csv',
  'csv-nl': 'csv-nl',
  md: 'md',
  json: 'json',
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class Failure extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message);
  }
}

function readArguments() {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        consultation: { type: 'string' },
        format: { type: 'string' },
        version: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Failure(`${error instanceof Error ? error.message : error}\n${usage}`, 2);
  }
  const { consultation, format, version, out } = values;
  if (!consultation || !format || !out) throw new Failure(usage, 2);
  const exportFormat = formats[format];
  if (!exportFormat) throw new Failure(`Unknown format "${format}".\n${usage}`, 2);
  // A malformed id names no version that exists: the same answer as an unknown one.
  if (version !== undefined && !uuid.test(version))
    throw new Failure(`Unknown version "${version}" for consultation "${consultation}".`, 1);
  const request = ExportRequestSchema.safeParse({
    consultation,
    format: exportFormat,
    source: version?.toLowerCase() ?? 'current',
  });
  if (!request.success) throw new Failure(`Unknown consultation "${consultation}".`, 1);
  return { request: request.data, out: path.resolve(out) };
}

async function main(): Promise<number> {
  const { request, out } = readArguments();
  // Written next to the target and renamed when complete: a failed export leaves no half file.
  const partial = `${out}.${process.pid}.part`;
  const handle = await open(partial, 'w').catch((error: unknown) => {
    throw new Failure(`Cannot write ${out}: ${error instanceof Error ? error.message : error}`, 1);
  });
  const file = handle.createWriteStream();
  const closed = once(file, 'close');
  const env = readEnv();
  const db = await openDatabase(env);
  try {
    // Like staff:add: a database left behind by an upgrade gets its migrations first.
    await prepareForServing(env, db);
    let prepared: Awaited<ReturnType<typeof startExport>>;
    try {
      prepared = await startExport(forCaller(db, service), request, { via: 'cli' });
    } catch (error) {
      if (error instanceof ExportError && error.code === 'export.notFound') {
        const exists = await db.transaction(
          service,
          (tx) => tx.sql`select 1 from public.consultations where slug = ${request.consultation}`,
        );
        throw new Failure(
          exists.length === 0
            ? `Unknown consultation "${request.consultation}".`
            : `Unknown version "${request.source}" for consultation "${request.consultation}".`,
          1,
        );
      }
      throw error;
    }
    const written = await prepared.write(file);
    if (!file.writableFinished) file.end();
    await closed;
    await rename(partial, out);
    const missing = prepared.report.themes.filter((t) => t.accepted && !t.reactionMd.trim());
    if (missing.length > 0 && (request.format === 'docx' || request.format === 'md'))
      console.error(
        `Warning: ${missing.length} theme(s) without "wat doen we ermee" (marked in the report): ${missing.map((t) => t.label).join('; ')}`,
      );
    console.log(
      `export: ${request.format} of "${request.consultation}" (${request.source === 'current' ? 'current state' : `version ${request.source}`}), ${written} item(s) → ${out} (suggested name ${prepared.fileName})`,
    );
    return 0;
  } catch (error) {
    file.destroy();
    await closed.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
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
