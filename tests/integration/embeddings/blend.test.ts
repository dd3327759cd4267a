import { afterAll, beforeAll, expect, test } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { runJob, startJob } from '../../../src/lib/theme-board/jobs.server';
import { freshDatabase } from '../../support/db';
import { buildWorld, callerFor } from '../../support/world';
import { answers, createBoardScene } from '../theme-board/support';
import { type EmbeddingsServer, startEmbeddingsServer } from './server';

let server: EmbeddingsServer;
beforeAll(async () => {
  server = await startEmbeddingsServer();
  // A "model" that knows each answer's subject: one direction per subject, a little of the others.
  const subjects = Object.values(answers);
  const subjectOf = new Map(subjects.flatMap((texts, s) => texts.map((t) => [t as string, s] as const)));
  server.always((correct, request) => ({
    body: {
      ...correct,
      data: request.input.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: subjects.map((_, s) => (s === subjectOf.get(text) ? 1 : 0.05)),
      })),
    },
  }));
});
afterAll(() => server?.close());

/** Share of items in the theme that holds most of their subject (1 = themes follow the subjects exactly). */
async function purity(withVectors: boolean): Promise<number> {
  const db = await freshDatabase();
  try {
    await buildWorld(db);
    const scene = await createBoardScene(db);
    const analyst = callerFor('analyst');
    const started = await startJob(forCaller(db, analyst), scene.consultation, {
      kind: 'propose',
      filters: {},
    });
    if (!started.ok) throw new Error(started.code);
    const embeddings = withVectors
      ? { url: server.url, model: 'onderwerp', batchSize: 32, timeoutMs: 5000, attempts: 1, retryDelayMs: 1 }
      : null;
    const outcome = await runJob(db, analyst, started.job.id, { embeddings });
    expect(outcome).toMatchObject({ status: 'done', mode: 'worker' });
    if (withVectors) expect(outcome.summary?.embeddings).toMatchObject({ status: 'used', items: 32 });
    const rows = await db.asOwner(
      (tx) => tx.sql<{ item: string; theme: string }>`
        select input_item_id as item, theme_id as theme from public.theme_assignments
        where consultation_id = ${scene.consultation} and is_primary`,
    );
    const themeOf = new Map(rows.map((r) => [r.item, r.theme]));
    let together = 0;
    for (const items of Object.values(scene.items)) {
      const counts = new Map<string, number>();
      for (const id of items)
        counts.set(themeOf.get(id) ?? 'geen', (counts.get(themeOf.get(id) ?? 'geen') ?? 0) + 1);
      together += Math.max(...counts.values());
    }
    return together / 32;
  } finally {
    await db.dispose();
  }
}

test('vectors reach the engine (in its worker) and pull the themes towards what the model sees', async () => {
  const lexical = await purity(false);
  const blended = await purity(true);
  expect(blended).toBeGreaterThan(lexical);
}, 120_000);
