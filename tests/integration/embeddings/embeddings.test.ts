import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { forCaller } from '../../../src/lib/db/types';
import { type EmbeddingsConfig, embeddingsProblems, embedItems } from '../../../src/lib/embeddings';
import { moderate } from '../../../src/lib/moderation/moderate.server';
import { applyRedaction } from '../../../src/lib/moderation/redaction.server';
import { detectPersonalData } from '../../../src/lib/privacy';
import { readJob, runJob, startJob } from '../../../src/lib/theme-board/jobs.server';
import { attempt, freshDatabase, type TestDatabase } from '../../support/db';
import { buildWorld, callerFor, ids, type Persona } from '../../support/world';
import { type BoardScene, createBoardScene } from '../theme-board/support';
import { type EmbeddingsAnswer, type EmbeddingsServer, startEmbeddingsServer, vectorOf } from './server';

let db: TestDatabase;
let scene: BoardScene;
let server: EmbeddingsServer;
const analyst = callerFor('analyst');
const as = (persona: Persona) => forCaller(db, callerFor(persona));

/** What the client logged (a failure is logged once, with a technical reason and never any text). */
const warnings: string[] = [];
beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  });
  db = await freshDatabase();
  await buildWorld(db);
  scene = await createBoardScene(db);
  server = await startEmbeddingsServer({ dimensions: 24 });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
  await db?.dispose();
});
beforeEach(() => {
  server.reset();
  warnings.length = 0;
});

/** A model name of its own per test, so the cache of one test never answers for another. */
let models = 0;
const config = (over: Partial<EmbeddingsConfig> = {}): EmbeddingsConfig => ({
  url: server.url,
  model: `test-e5-${++models}`,
  batchSize: 5,
  timeoutMs: 2000,
  attempts: 3,
  retryDelayMs: 5,
  ...over,
});

const sceneItems = () => Object.values(scene.items).flat();
const approvedBodies = async () =>
  db.asOwner(
    (tx) =>
      tx.sql<{ id: string; body: string }>`
      select id, body from public.input_items where consultation_id = ${scene.consultation} and status = 'approved'`,
  );
const embed = (c: EmbeddingsConfig, itemIds: readonly string[] = sceneItems()) =>
  embedItems(db, analyst, itemIds, c);

describe('the embeddings client', () => {
  test('sends the approved texts in batches of the configured size and gets a vector for every item', async () => {
    const c = config({ batchSize: 5 });
    const items = sceneItems();
    const outcome = await embed(c, items);
    expect(server.received.map((r) => r.input.length)).toEqual([5, 5, 5, 5, 5, 5, 2]);
    for (const r of server.received) {
      expect(r).toMatchObject({ method: 'POST', path: '/v1/embeddings', contentType: 'application/json' });
      expect(r.body).toEqual({ model: c.model, input: r.input });
      expect(r.authorization).toBeUndefined();
    }
    expect(outcome.summary).toMatchObject({
      status: 'used',
      model: c.model,
      items: 32,
      cached: 0,
      sent: 32,
      requests: 7,
      dimensions: 24,
    });
    expect(outcome.summary.message).toBe(
      `Met taalmodel ${c.model}: 32 berichten, waarvan 32 nieuw berekend.`,
    );
    const bodies = new Map((await approvedBodies()).map((r) => [r.id, r.body]));
    expect(outcome.vectors?.size).toBe(32);
    for (const id of items)
      expect(Array.from(outcome.vectors?.get(id) ?? [])).toEqual(vectorOf(bodies.get(id) ?? '', 24));
  });

  test('a second run sends nothing for unchanged items; an edited item is embedded again', async () => {
    const c = config();
    await embed(c);
    server.reset();
    const again = await embed(c);
    expect(server.received).toEqual([]);
    expect(again.summary).toMatchObject({ status: 'used', items: 32, cached: 32, sent: 0, requests: 0 });
    expect(again.summary.message).toBe(`Met taalmodel ${c.model}: 32 berichten, alle al eerder berekend.`);
    expect(again.vectors?.size).toBe(32);

    // A moderator changes one approved text (a late redaction): only that one is asked again.
    const [target] = scene.items.vast;
    const [row] = await db.asOwner(
      (tx) =>
        tx.sql<{
          body: string;
          version: number;
        }>`select body, version from public.input_items where id = ${target}`,
    );
    if (!target || !row) throw new Error('no item');
    const start = row.body.indexOf('vaste hulp');
    const redacted = await applyRedaction(as('moderator'), {
      itemId: target,
      expectedVersion: row.version,
      spans: [{ type: 'PERSON', start, end: start + 'vaste hulp'.length }],
    });
    expect(redacted.ok).toBe(true);
    server.reset();
    const third = await embed(c);
    expect(server.texts()).toEqual([redacted.ok ? redacted.item.body : '']);
    expect(third.summary).toMatchObject({ cached: 31, sent: 1, requests: 1 });
  });

  test('another model name means new vectors; going back finds the old ones cached', async () => {
    const first = config();
    const second = config();
    await embed(first);
    server.reset();
    const other = await embed(second);
    expect(server.texts()).toHaveLength(32);
    expect(new Set(server.received.map((r) => r.model))).toEqual(new Set([second.model]));
    expect(other.summary).toMatchObject({ cached: 0, sent: 32 });
    server.reset();
    expect((await embed(first)).summary).toMatchObject({ cached: 32, sent: 0 });
    expect(server.received).toEqual([]);
    const stored = await db.asOwner(
      (tx) => tx.sql<{ model: string; n: number }>`
        select model, count(*)::int as n from public.input_item_embeddings
        where model in (${first.model}, ${second.model}) group by model order by model`,
    );
    expect(stored).toEqual([
      { model: first.model, n: 32 },
      { model: second.model, n: 32 },
    ]);
  });

  test('sends the key as a bearer token, and reads vectors answered out of order by their index', async () => {
    const keyed = await startEmbeddingsServer({ dimensions: 8, apiKey: 'geheim-123' });
    try {
      const c = config({ url: `${keyed.url}/v1/`, apiKey: 'geheim-123', batchSize: 10 });
      keyed.always((correct) => ({ body: { ...correct, data: [...correct.data].reverse() } }));
      const outcome = await embed(c, scene.items.kosten);
      expect(keyed.received.every((r) => r.authorization === 'Bearer geheim-123')).toBe(true);
      expect(outcome.summary.status).toBe('used');
      const bodies = new Map((await approvedBodies()).map((r) => [r.id, r.body]));
      for (const id of scene.items.kosten)
        expect(Array.from(outcome.vectors?.get(id) ?? [])).toEqual(vectorOf(bodies.get(id) ?? '', 8));
      // A wrong key is refused at once, without retries.
      const refused = await embed({ ...c, apiKey: 'fout', model: `${c.model}-b` }, scene.items.kosten);
      expect(refused.summary).toMatchObject({ status: 'failed', reason: 'refused', requests: 1 });
      expect(refused.vectors).toBeUndefined();
    } finally {
      await keyed.close();
    }
  });

  test('retries a failing request with back-off and then goes on', async () => {
    server.script(
      () => ({ status: 503, body: '{"error":"overloaded"}' }),
      () => ({ status: 429, headers: { 'retry-after': '0' }, body: '{"error":"slow down"}' }),
    );
    const outcome = await embed(config({ batchSize: 16 }));
    expect(outcome.summary).toMatchObject({ status: 'used', sent: 32, requests: 4 });
    // The same batch three times, then the second one.
    const [first, second, third, fourth] = server.received.map((r) => r.input);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(fourth).not.toEqual(first);
  });

  test('retries a request that times out', async () => {
    server.script(() => ({ hang: true }));
    const outcome = await embed(config({ timeoutMs: 300, batchSize: 32 }));
    expect(outcome.summary).toMatchObject({ status: 'used', requests: 2 });
  });

  type Change = (answer: EmbeddingsAnswer) => unknown;
  const mapData = (a: EmbeddingsAnswer, f: (d: EmbeddingsAnswer['data'][number], i: number) => unknown) => ({
    ...a,
    data: a.data.map(f),
  });
  const nonsense: [string, Partial<EmbeddingsConfig>, Change][] = [
    ['not JSON', {}, () => '<html>Bad gateway</html>'],
    ['NaN in a vector', {}, () => '{"data":[{"embedding":[NaN,1],"index":0}]}'],
    [
      'Infinity in a vector',
      {},
      (a) => JSON.stringify(a).replace(/"embedding":\[[^,\]]+/, () => '"embedding":[1e999'),
    ],
    [
      'a string in a vector',
      {},
      (a) => mapData(a, (d) => ({ ...d, embedding: ['0.1', ...d.embedding.slice(1)] })),
    ],
    ['fewer vectors than texts', {}, (a) => ({ ...a, data: a.data.slice(1) })],
    ['more vectors than texts', {}, (a) => ({ ...a, data: [...a.data, a.data[0]] })],
    ['an index twice', {}, (a) => mapData(a, (d) => ({ ...d, index: 0 }))],
    ['an index out of range', {}, (a) => mapData(a, (d, i) => ({ ...d, index: i + 1 }))],
    [
      'vectors of different lengths',
      {},
      (a) => mapData(a, (d, i) => ({ ...d, embedding: d.embedding.slice(i % 2) })),
    ],
    ['the wrong dimension', { dimensions: 384 }, (a) => a],
    ['an all-zero vector', {}, (a) => mapData(a, (d) => ({ ...d, embedding: d.embedding.map(() => 0) }))],
    ['no data list', {}, (a) => ({ ...a, data: undefined })],
    ['base64 vectors', {}, (a) => mapData(a, (d) => ({ ...d, embedding: 'AACAPw==' }))],
  ];
  test.each(nonsense)(
    'an answer with %s is not used: no retry, no vectors, a Dutch line says why',
    async (_, over, change) => {
      server.always((correct) => ({ body: change(structuredClone(correct)) }));
      const outcome = await embed(config(over));
      expect(outcome.vectors).toBeUndefined();
      expect(outcome.summary).toMatchObject({ status: 'failed', reason: 'invalid', requests: 1, sent: 0 });
      expect(outcome.summary.message).toBe(embeddingsProblems.invalid);
      expect(warnings).toEqual([expect.stringMatching(/^embeddings \(test-e5-\d+\) not used: invalid: /)]);
      expect(warnings.join('\n')).not.toMatch(/hulp|bijdrage|eenzaam/i);
      expect(outcome.summary.message).toMatch(
        /^Zonder taalmodel: de server voor taalmodellen gaf geen bruikbaar antwoord/,
      );
    },
  );

  test('a later batch with another dimension than the first makes the whole run lexical', async () => {
    server.script(
      (correct) => ({ body: correct }),
      (correct) => ({
        body: { ...correct, data: correct.data.map((d) => ({ ...d, embedding: [...d.embedding, 0.5] })) },
      }),
    );
    const c = config({ batchSize: 16 });
    const outcome = await embed(c);
    expect(outcome.vectors).toBeUndefined();
    expect(outcome.summary).toMatchObject({ status: 'failed', reason: 'invalid', requests: 2, sent: 16 });
    // The first batch was fine and stays cached for the next run.
    server.reset();
    expect((await embed(c)).summary).toMatchObject({ status: 'used', cached: 16, sent: 16 });
  });

  test('cached vectors of another length (the model changed under the same name) are asked again', async () => {
    const c = config({ batchSize: 40 });
    await embed(c, scene.items.kosten);
    server.reset();
    server.always((correct) => ({
      body: { ...correct, data: correct.data.map((d) => ({ ...d, embedding: d.embedding.slice(0, 12) })) },
    }));
    const outcome = await embed(c);
    expect(outcome.summary).toMatchObject({ status: 'used', items: 32, cached: 0, sent: 32, dimensions: 12 });
    expect(server.received.map((r) => r.input.length)).toEqual([24, 8]);
    expect([...(outcome.vectors?.values() ?? [])].every((v) => v.length === 12)).toBe(true);
  });

  test.each([
    ['HTTP 500 every time', { status: 500, body: '{"error":"boom"}' }, 'http', 3],
    ['HTTP 413 (too large)', { status: 413, body: '{"error":"too large"}' }, 'http', 1],
    ['HTTP 422', { status: 422, body: '{"error":"bad"}' }, 'http', 1],
    ['no answer in time', { hang: true }, 'timeout', 3],
  ] as const)(
    '%s: retried as far as sensible, then the run goes on without vectors',
    async (_, reply, reason, requests) => {
      server.always(() => ({ ...reply }));
      const outcome = await embed(config({ timeoutMs: 200 }));
      expect(outcome.vectors).toBeUndefined();
      expect(outcome.summary).toMatchObject({ status: 'failed', reason, requests, sent: 0 });
      expect(outcome.summary.message).toBe(embeddingsProblems[reason]);
      expect(server.received).toHaveLength(requests);
    },
  );

  test('a server that is not there: unreachable, tried three times', async () => {
    const gone = await startEmbeddingsServer();
    const url = gone.url;
    await gone.close();
    const outcome = await embed(config({ url }));
    expect(outcome.summary).toMatchObject({ status: 'failed', reason: 'unreachable', requests: 3 });
    expect(outcome.summary.message).toMatch(
      /^Zonder taalmodel: de server voor taalmodellen was niet bereikbaar/,
    );
  });

  test('the same text in several items is sent once, and each item gets its vector', async () => {
    const twins = [randomUUID(), randomUUID()];
    for (const id of twins)
      await db.asOwner(
        (tx) => tx.sql`
          insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, body, status)
          values (${id}, ${ids.openConsultation}, 'online', 'inwoner', ${ids.submission}, ${ids.question}, 'Geen idee.', 'approved')`,
      );
    const c = config();
    const outcome = await embed(c, [...twins, ids.approvedItem]);
    expect(server.texts()).toEqual(['Geen idee.', 'Bewegen helpt mij.']);
    expect(outcome.summary).toMatchObject({ status: 'used', items: 3, sent: 2, cached: 0 });
    expect(outcome.vectors?.get(twins[0] as string)).toEqual(outcome.vectors?.get(twins[1] as string));
    server.reset();
    expect((await embed(c, twins)).summary).toMatchObject({ cached: 2, sent: 0 });
  });

  test('items that are not approved are never sent', async () => {
    const outcome = await embed(config(), [ids.newItem, ids.approvedItem, ids.redactedItem, randomUUID()]);
    expect(server.texts()).toEqual(['Bewegen helpt mij.']);
    expect(outcome.summary).toMatchObject({ status: 'used', items: 1 });
    expect([...(outcome.vectors?.keys() ?? [])]).toEqual([ids.approvedItem]);
  });
});

describe('theme runs with the language model', () => {
  async function propose(embeddings: EmbeddingsConfig | null, worker = false) {
    const started = await startJob(as('analyst'), scene.consultation, { kind: 'propose', filters: {} });
    if (!started.ok) throw new Error(started.code);
    const outcome = await runJob(db, analyst, started.job.id, { worker, embeddings });
    return { outcome, job: await readJob(as('analyst'), started.job.id) };
  }

  test('a run uses the vectors (in the worker too) and records it in the job summary', async () => {
    const c = config({ batchSize: 32, apiKey: 'sleutel-die-geheim-blijft' });
    const { outcome, job } = await propose(c, true);
    expect(JSON.stringify(job)).not.toContain('sleutel-die-geheim-blijft');
    expect(server.received[0]?.authorization).toBe('Bearer sleutel-die-geheim-blijft');
    expect(outcome).toMatchObject({ status: 'done', mode: 'worker' });
    expect(job?.summary).toMatchObject({
      mode: 'worker',
      embeddings: { status: 'used', model: c.model, items: 32, sent: 32 },
    });
    expect(server.received).toHaveLength(1);
  });

  test('when the server fails the run still finishes, lexically, and the summary says so in Dutch', async () => {
    server.always(() => ({ status: 200, body: '{"data": "niets"}' }));
    const { outcome, job } = await propose(config());
    expect(outcome.status).toBe('done');
    expect(job?.status).toBe('done');
    expect(job?.summary).toMatchObject({
      embeddings: {
        status: 'failed',
        reason: 'invalid',
        message: expect.stringMatching(
          /^Zonder taalmodel: de server voor taalmodellen gaf geen bruikbaar antwoord/,
        ),
      },
    });
    const assigned = await db.asOwner(
      (tx) => tx.sql<{ n: number }>`
        select count(*)::int as n from public.theme_assignments where consultation_id = ${scene.consultation} and is_primary`,
    );
    expect(assigned[0]?.n).toBeGreaterThan(20);
  });

  test('off (no EMBEDDINGS_URL): nothing is asked and the summary has no embeddings entry', async () => {
    const { outcome, job } = await propose(null);
    expect(outcome.status).toBe('done');
    expect(job?.summary).not.toHaveProperty('embeddings');
    expect(server.received).toEqual([]);
  });

  test('only redacted, approved text ever reaches the server', async () => {
    const original =
      'Bel mij op 06-12345678 of mail ans.devries@example.nl, groet Ans de Vries. De hulp komt te laat.';
    const secrets = ['06-12345678', '12345678', 'ans.devries', 'example.nl', 'Ans', 'Vries'];
    const addWithPii = async (body: string) => {
      const id = randomUUID();
      await db.asOwner(
        (tx) => tx.sql`
          insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, body, pii_spans)
          values (${id}, ${scene.consultation}, 'online', 'inwoner', ${scene.submission}, ${scene.question}, ${body},
                  ${JSON.stringify(detectPersonalData(body))}::text::jsonb)`,
      );
      return id;
    };
    // Redacted (the detector's proposals plus the name by hand) and approved, as a moderator does.
    const approved = await addWithPii(original);
    const name = original.indexOf('Ans de Vries');
    const spans = [
      ...detectPersonalData(original).filter((s) => s.end <= name || s.start >= name + 12),
      { type: 'PERSON', start: name, end: name + 12 },
    ];
    const redacted = await applyRedaction(as('moderator'), { itemId: approved, expectedVersion: 1, spans });
    if (!redacted.ok) throw new Error(redacted.code);
    expect(
      await moderate(as('moderator'), { itemId: approved, expectedVersion: 2, action: 'approve' }),
    ).toMatchObject({
      ok: true,
    });
    // Still waiting for moderation, and rejected: never sent.
    await addWithPii(`Wachtend: ${original}`);
    const rejected = await addWithPii(`Afgewezen: ${original}`);
    const [r] = await db.asOwner(
      (tx) => tx.sql<{ version: number }>`select version from public.input_items where id = ${rejected}`,
    );
    expect(
      await moderate(as('moderator'), {
        itemId: rejected,
        expectedVersion: r?.version ?? 1,
        action: 'reject',
        reason: 'other',
      }),
    ).toMatchObject({ ok: true });
    // The original is kept for admins, unredacted: it must not be what is sent.
    const originals = await db.asOwner(
      (tx) =>
        tx.sql<{ body: string }>`select body from public.input_originals where input_item_id = ${approved}`,
    );
    expect(originals).toEqual([{ body: original }]);

    const { job } = await propose(config(), true);
    expect(job?.summary).toMatchObject({ embeddings: { status: 'used', items: 33 } });
    const sent = server.texts();
    expect(sent).toContain(redacted.item.body);
    expect(redacted.item.body).toContain('[telefoonnummer]');
    for (const text of sent) for (const secret of secrets) expect(text).not.toContain(secret);
    expect(sent.some((t) => t.includes('Wachtend') || t.includes('Afgewezen'))).toBe(false);
    expect(new Set(sent)).toEqual(new Set((await approvedBodies()).map((b) => b.body)));
    expect(server.received.map((r) => JSON.stringify(r.body)).join('\n')).not.toMatch(
      /12345678|devries|Vries/,
    );
  });
});

describe('who may touch the cache', () => {
  const vector = `'\\x0000803f'::bytea`;
  test.each(['analyst', 'admin'] as const)(
    '%s cannot store a vector of input that is not approved',
    async (persona) => {
      await expect(
        attempt(db, callerFor(persona), (tx) =>
          tx.execute(
            `insert into public.input_item_embeddings (input_item_id, model, text_sha256, dimensions, vector)
           values ('${ids.newItem}', 'm', repeat('c', 64), 1, ${vector})`,
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    },
  );

  test('analysts no longer see the vector of an item taken off (hidden); admins still do', async () => {
    const item = scene.items.hulpmiddelen[0] as string;
    await embed(config(), [item]);
    const count = (persona: Persona) =>
      attempt(
        db,
        callerFor(persona),
        (tx) =>
          tx.sql<{
            n: number;
          }>`select count(*)::int as n from public.input_item_embeddings where input_item_id = ${item}`,
      ).then((rows) => rows[0]?.n);
    expect(await count('analyst')).toBeGreaterThan(0);
    await db.asOwner((tx) => tx.sql`update public.input_items set status = 'hidden' where id = ${item}`);
    try {
      expect(await count('analyst')).toBe(0);
      expect(await count('admin')).toBeGreaterThan(0);
      for (const persona of ['anon', 'moderator', 'facilitator', 'outsider'] as const)
        expect(await count(persona).catch(() => 0)).toBe(0);
    } finally {
      await db.asOwner((tx) => tx.sql`update public.input_items set status = 'approved' where id = ${item}`);
    }
  });

  test('deleting an item deletes its vectors', async () => {
    const extra = randomUUID();
    await db.asOwner(
      (tx) => tx.sql`
        insert into public.input_items (id, consultation_id, channel, audience, submission_id, question_id, body, status)
        values (${extra}, ${scene.consultation}, 'online', 'inwoner', ${scene.submission}, ${scene.question}, 'Even weg.', 'approved')`,
    );
    await embed(config(), [extra]);
    await db.asOwner((tx) => tx.sql`delete from public.input_items where id = ${extra}`);
    const left = await db.asOwner(
      (tx) => tx.sql`select 1 from public.input_item_embeddings where input_item_id = ${extra}`,
    );
    expect(left).toEqual([]);
  });
});
