/**
 * The embeddings step of a theme run on the embedded database, against the test's local
 * embeddings server (tests/integration/embeddings/server.ts, 384 dimensions like
 * multilingual-e5-small, vectors computed instantly): the first run sends every approved text in
 * batches of 32 and caches the vectors; the second finds them all in the cache. Measures the
 * application's own cost (reading, validating, caching), not a model's; the test server runs in
 * this process, so its work (JSON, hashing trigrams) counts in the first figure. EMBEDDINGS_ITEMS sets
 * the size (default 10,000). Prints figures, asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { migrate } from '../../src/lib/db/migrate.server';
import { openPglite } from '../../src/lib/db/pglite.server';
import { embedItems } from '../../src/lib/embeddings';
import { startEmbeddingsServer } from '../integration/embeddings/server';
import { migrationsDir, platformSql } from '../support/paths';
import { buildWorld, callerFor, ids } from '../support/world';

const ITEMS = Number(process.env.EMBEDDINGS_ITEMS ?? 10_000);
const db = await openPglite();
await migrate(db, { migrationsDir, platformSql });
await buildWorld(db);
const rows = await db.asOwner(
  (tx) => tx.sql<{ id: string }>`
    insert into public.input_items (consultation_id, channel, audience, submission_id, question_id, body, status)
    select ${ids.openConsultation}::uuid, 'online', 'inwoner', ${ids.submission}::uuid, ${ids.question}::uuid,
           'Antwoord ' || g || ': de eigen bijdrage is te hoog en ik wil een vaste hulp die op tijd komt.', 'approved'
    from generate_series(1, ${ITEMS}::int) g
    returning id`,
);
const itemIds = rows.map((r) => r.id);
const server = await startEmbeddingsServer({ dimensions: 384 });
const config = {
  url: server.url,
  model: 'bench',
  batchSize: 32,
  timeoutMs: 30_000,
  attempts: 3,
  retryDelayMs: 500,
};

function watchEventLoop(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return () => {
    clearInterval(timer);
    // A loop blocked from start to end never ticked: count the last gap too.
    return Math.max(longest, performance.now() - last);
  };
}

for (const label of ['first run (all sent)', 'second run (all cached)']) {
  const stop = watchEventLoop();
  const start = performance.now();
  const { summary } = await embedItems(db, callerFor('analyst'), itemIds, config);
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label}: ${ITEMS.toLocaleString('en')} items, ${seconds.toFixed(1)} s, ${summary.status}, sent ${summary.sent}, ` +
      `cached ${summary.cached}, ${summary.requests} requests, longest event-loop stall ${stop().toFixed(0)} ms`,
  );
}
await server.close();
await db.close();
