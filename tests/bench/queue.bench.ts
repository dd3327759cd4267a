// Moderation queue: server time per page with 100,000 input items, on the first page and on a page
// deep in the list (reached by keyset cursor), as the moderator, with two filters, with and without
// a Dutch search term. Target: < 100 ms per page. Prints; never asserts.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { openPostgres } from '../../src/lib/db/postgres.server';
import { type Database, forCaller } from '../../src/lib/db/types';
import { encodeCursor } from '../../src/lib/moderation/cursor';
import { listQueue } from '../../src/lib/moderation/queue.server';
import type { QueueFilter } from '../../src/lib/moderation/schema';
import { migrationsDir, platformSql } from '../support/paths';
import { buildWorld, callerFor, ids } from '../support/world';

const ITEMS = 100_000;
const DEEP = 50_000;
const PAGE = 50;
const RUNS = 7;

async function seed(db: Database): Promise<void> {
  await db.asOwner(async (tx) => {
    // Six kinds of answer, a third of them roadtour notes, statuses and personal data mixed in.
    await tx.sql`
      insert into public.input_items
        (consultation_id, channel, audience, submission_id, question_id, stop_id, topic_id, kind, body, status,
         reject_reason, pii_spans, created_at)
      select ${ids.openConsultation}::uuid,
             (case when g % 3 = 0 then 'roadtour' else 'online' end)::public.channel,
             (array['inwoner', 'mantelzorger', 'ouderenbond'])[1 + g % 3]::public.audience,
             case when g % 3 = 0 then null else ${ids.submission}::uuid end,
             case when g % 3 = 0 then null else ${ids.question}::uuid end,
             case when g % 3 = 0 then ${ids.stop}::uuid end,
             case when g % 3 = 0 then ${ids.topic}::uuid end,
             (case when g % 3 = 0 then 'point' else 'answer' end)::public.input_kind,
             (array[
               'Ik heb hulp nodig bij het schoonmaken van mijn huis',
               'De boodschappen doen lukt niet meer zonder hulp',
               'Mijn buren helpen mij met de was en de strijk',
               'Ik wil graag zelf blijven koken zolang het kan',
               'De eigen bijdrage voor de huishoudelijke hulp is te hoog',
               'Een vaste hulp die ik ken is belangrijk voor mij'
             ])[1 + g % 6] || ' (' || g || ')',
             (case when g % 10 < 6 then 'new' when g % 10 < 8 then 'approved' when g % 10 = 8 then 'rejected' else 'hidden' end)::public.moderation_status,
             (case when g % 10 = 8 then 'spam' end)::public.reject_reason,
             case when g % 50 = 1 then '[{"type":"PHONE","start":0,"end":3}]'::jsonb else '[]'::jsonb end,
             now() - g * interval '37 seconds' - (g % 1000) * interval '1 microsecond'
      from generate_series(1, ${ITEMS}::int) g`;
    await tx.exec('analyze public.input_items');
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function cursorAfter(db: Database, filter: QueueFilter, n: number): Promise<string | undefined> {
  // The cursor a moderator holds after paging through n items (same order and filters as the queue).
  const rows = await db.asOwner(
    (tx) => tx.sql<{ id: string; at: string }>`
      select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
      from public.input_items i
      where consultation_id = ${ids.openConsultation} and status = ${filter.status ?? 'new'}
        and (${filter.search ?? null}::text is null or search @@ websearch_to_tsquery('dutch', ${filter.search ?? null}::text))
      order by created_at desc, id desc offset ${n - 1} limit 1`,
  );
  const row = rows[0];
  return row ? encodeCursor({ at: row.at, id: row.id }) : undefined;
}

async function measure(db: Database, label: string): Promise<void> {
  await migrate(db, { migrationsDir, platformSql });
  await buildWorld(db);
  const seeded = performance.now();
  await seed(db);
  console.log(
    `${label}: seeded ${ITEMS.toLocaleString('en')} items in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  );
  const moderator = forCaller(db, callerFor('moderator'));

  const scenarios: { name: string; filter: QueueFilter; deep: number }[] = [
    {
      name: 'status + consultation',
      filter: { consultationId: ids.openConsultation, status: 'new' },
      deep: DEEP,
    },
    {
      name: 'status + consultation + search "schoonmaken"',
      filter: { consultationId: ids.openConsultation, status: 'new', search: 'schoonmaken' },
      deep: 5_000, // of the ~10,000 new items that mention it
    },
    {
      // A broad term (most items say "hulp"): the worst case for the text index.
      name: 'status + consultation + search "hulp"',
      filter: { consultationId: ids.openConsultation, status: 'new', search: 'hulp' },
      deep: 20_000,
    },
  ];
  for (const { name, filter, deep } of scenarios) {
    const cursor = await cursorAfter(db, filter, deep);
    for (const [where, page] of [
      ['first page', { size: PAGE }],
      [`after ${deep.toLocaleString('en')} items`, { size: PAGE, cursor }],
    ] as const) {
      const times: number[] = [];
      let count = 0;
      for (let run = 0; run < RUNS + 1; run++) {
        const started = performance.now();
        const result = await listQueue(moderator, filter, page);
        const ms = performance.now() - started;
        if (!result.ok) throw new Error(result.code);
        count = result.items.length;
        if (run > 0) times.push(ms); // the first run warms the cache
      }
      console.log(
        `${label.padEnd(8)} ${name.padEnd(44)} ${where.padEnd(20)} ${String(count).padStart(3)} items  median ${median(times).toFixed(1).padStart(6)} ms  max ${Math.max(
          ...times,
        )
          .toFixed(1)
          .padStart(6)} ms`,
      );
    }
  }
  await db.close();
}

await measure(await openPglite(), 'pglite');

const url = process.env.DATABASE_URL;
if (url) {
  const name = `dm_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  try {
    const target = new URL(url);
    target.pathname = `/${name}`;
    await measure(openPostgres({ url: target.toString(), max: 4 }), 'postgres');
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else
  console.log('postgres skipped: set DATABASE_URL to measure it (a scratch database is created and dropped)');
