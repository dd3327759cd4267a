// The public "wat we hoorden" page at 100,000 published answers: p50/p99 of the visitor's read
// (one call to public.published_results), one visitor at a time and 8 at once, on PGlite and on
// PostgreSQL (DATABASE_URL: a scratch database). Also how long publishing that version took.
// Prints figures; asserts nothing. RESULTS_BENCH_ITEMS overrides the number of answers.
import { performance } from 'node:perf_hooks';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import { type Database, forCaller } from '../../src/lib/db/types';
import { publishVersion } from '../../src/lib/publishing/versions.server';
import { readPublishedResults, readResults } from '../../src/lib/results/read.server';
import { freezeSnapshot } from '../../src/lib/theme-board/edit.server';
import { migrationsDir, platformSql } from '../support/paths';
import { buildWorld, callerFor, ids } from '../support/world';

const items = Number(process.env.RESULTS_BENCH_ITEMS ?? 100_000);
const themes = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(db: Database, label: string): Promise<void> {
  await migrate(db, { migrationsDir, platformSql });
  await buildWorld(db);
  let started = performance.now();
  await db.asOwner(async (tx) => {
    await tx.exec(`
      insert into public.themes (id, consultation_id, label, description_md, reaction_md, origin, status, published_at, position)
      select ('b0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ids.openConsultation}', 'Thema ' || n,
             'Beschrijving van thema ' || n, 'Wat de gemeente met thema ' || n || ' doet.', 'discovered', 'active', now(), n
      from generate_series(1, ${themes}) n;
      insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, body, status, moderated_at)
      select ('c0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ids.openConsultation}', 'online',
             'inwoner', '${ids.submission}', '${ids.question}',
             'Antwoord nummer ' || n || ': een vaste hulp en een betaalbare eigen bijdrage zijn belangrijk voor mij.',
             'approved', now()
      from generate_series(1, ${items}) n;
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      select ('b0000000-0000-4000-8000-' || lpad((1 + n % ${themes})::text, 12, '0'))::uuid,
             ('c0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ids.openConsultation}', 'auto', true,
             ((n * 7919) % 1000) / 1000.0
      from generate_series(1, ${items}) n;
      insert into public.theme_assignments (theme_id, input_item_id, consultation_id, source, is_primary, score)
      select ('b0000000-0000-4000-8000-' || lpad((1 + (n + 3) % ${themes})::text, 12, '0'))::uuid,
             ('c0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ids.openConsultation}', 'auto', false, 0.3
      from generate_series(1, ${items}, 5) n;
    `);
  });
  console.log(
    `${label.padEnd(9)} ${items} published answers, ${themes} themes: loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const analyst = forCaller(db, callerFor('analyst'));
  started = performance.now();
  const frozen = await freezeSnapshot(analyst, ids.openConsultation, 'Bench');
  if (!frozen.ok) throw new Error(frozen.code);
  const frozenAt = performance.now();
  const published = await publishVersion(analyst, ids.openConsultation, frozen.snapshotId, 'Wat we hoorden');
  if (!published.ok) throw new Error(published.code);
  console.log(
    `${label.padEnd(9)} freeze a version ${((frozenAt - started) / 1000).toFixed(2)} s, publish it ${((performance.now() - frozenAt) / 1000).toFixed(2)} s`,
  );

  const anon = forCaller(db, callerFor('anon'));
  for (const [what, read] of [
    ['database read', readPublishedResults],
    ['as served (cached per process)', readResults],
  ] as const)
    for (const concurrency of [1, 8]) {
      const visit = async () => {
        const t = performance.now();
        const results = await read(anon, 'open');
        if ((results?.page.themes.length ?? 0) < themes) throw new Error('unexpected page');
        return performance.now() - t;
      };
      for (let i = 0; i < 30; i++) await visit(); // warm up
      const times: number[] = [];
      const total = 600;
      let next = 0;
      const began = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < total) times.push(await visit());
        }),
      );
      const seconds = (performance.now() - began) / 1000;
      times.sort((a, b) => a - b);
      console.log(
        `${label.padEnd(9)} results page, ${what}, ${concurrency} at once: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, ${(total / seconds).toFixed(0)} visits/s`,
      );
    }
  await db.close();
}

await measure(await openPglite(), 'pglite');
const url = process.env.DATABASE_URL;
if (url) await measure(openPostgres({ url, max: 10 }), 'postgres');
else console.log('postgres  skipped: set DATABASE_URL to a scratch database to measure it');
