/**
 * Consultations as YAML files from the command line (issue 18, part 3), the same as the editor's
 * download and "Raadpleging inlezen":
 *   npm run -s consultation -- export SLUG --out FILE
 *   npm run -s consultation -- import FILE [--replace] [--confirm-past-close]
 * An import creates a consultation, or updates the one with the file's slug under the editor's rules
 * (answered questions keep their key and stay, stale versions refused; `--replace` for a file
 * without a version). Runs as the service role; the audit log shows the changes as the system's.
 * Works on the embedded database (DATA_DIR; stop the server first) and on DATABASE_URL.
 * Exit code 0 on success, 1 when refused (the reasons are printed), 2 on bad usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readEnv } from '../lib/config/env.server';
import { identityRows, loadForEditor, saveConsultation } from '../lib/consultations/editor.server';
import { fieldPlace } from '../lib/consultations/labels.nl';
import { editorMessages } from '../lib/consultations/messages.nl';
import { consultationToYaml, readConsultationYaml } from '../lib/consultations/yaml.server';
import { service } from '../lib/db/caller';
import { openDatabase, prepareForServing } from '../lib/db/open.server';
import { forCaller } from '../lib/db/types';

const usage =
  'Usage: npm run -s consultation -- export SLUG --out FILE | import FILE [--replace] [--confirm-past-close]';

async function main(): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: {
        out: { type: 'string' };
        replace: { type: 'boolean' };
        'confirm-past-close': { type: 'boolean' };
      };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        out: { type: 'string' },
        replace: { type: 'boolean' },
        'confirm-past-close': { type: 'boolean' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    console.error((error as Error).message);
    console.error(usage);
    return 2;
  }
  const [command, target] = parsed.positionals;
  if (
    !target ||
    (command !== 'export' && command !== 'import') ||
    (command === 'export' && !parsed.values.out)
  ) {
    console.error(usage);
    return 2;
  }
  const env = readEnv();
  const db = await openDatabase(env);
  try {
    await prepareForServing(env, db);
    const caller = forCaller(db, service);
    if (command === 'export') {
      const stored = await loadForEditor(caller, target);
      if (!stored) {
        console.error(`Geen raadpleging met het adres "${target}".`);
        return 1;
      }
      await writeFile(parsed.values.out as string, consultationToYaml(stored.definition, stored.version));
      console.log(`${parsed.values.out}: ${stored.definition.title} (versie ${stored.version})`);
      return 0;
    }
    const read = readConsultationYaml(await readFile(target, 'utf8'));
    if (!read.ok) {
      console.error(`${target}: geen leesbare YAML${read.line ? ` (regel ${read.line})` : ''}.`);
      return 1;
    }
    const slug = (read.raw as { slug?: unknown }).slug;
    const existing = typeof slug === 'string' ? await loadForEditor(caller, slug) : null;
    const version = existing ? (read.version ?? (parsed.values.replace ? existing.version : null)) : null;
    if (existing && version === null) {
      console.error(
        `Er is al een raadpleging "${existing.definition.slug}": gebruik --replace om haar bij te werken.`,
      );
      return 1;
    }
    const result = await saveConsultation(caller, {
      slug: existing ? existing.definition.slug : null,
      raw: read.raw,
      rows: identityRows(read.raw),
      version,
      confirmPastClose: parsed.values['confirm-past-close'] === true,
      upsert: true,
    });
    if (result.ok) {
      console.log(
        `${result.slug}: ${existing ? (result.changed ? 'bijgewerkt' : 'niets veranderd') : 'aangemaakt'}`,
      );
      return 0;
    }
    for (const [name, code] of Object.entries(result.errors))
      console.error(name === 'form' ? editorMessages[code] : `${fieldPlace(name)}: ${editorMessages[code]}`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
