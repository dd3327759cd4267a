import type { Caller, Database, Tx } from '../db/types';
import { type PreparedText, readApprovedTexts, readCached, storeVectors } from './cache.server';
import { type EmbeddingsConfig, EmbeddingsError, requestEmbeddings } from './client.server';
import { type EmbeddingsProblem, embeddingsProblems, embeddingsUsed } from './messages.nl';

/** What a run records about the language model (in the job summary; counts only, never text). */
export interface EmbeddingsSummary {
  status: 'used' | 'failed';
  model: string;
  /** Approved items of the run (each has a vector when used). */
  items: number;
  /** Vectors found in the cache (same item, model and text). */
  cached: number;
  /** Texts sent to the server in this run (identical texts of several items once). */
  sent: number;
  /** Requests made, retries included. */
  requests: number;
  dimensions?: number;
  reason?: EmbeddingsProblem;
  /** One Dutch line for the board. */
  message: string;
  /** Technical reason (English) when failed; never any text of an answer. */
  detail?: string;
}

export interface EmbeddingsOutcome {
  /** A vector per approved item; absent when the run goes on lexically. */
  vectors?: Map<string, Float32Array>;
  summary: EmbeddingsSummary;
}

/**
 * Vectors for the approved items among `itemIds`, as the caller (RLS applies): cached ones from
 * the database, the others from the embeddings server in batches (stored as they arrive). Only
 * `input_items.body` of approved items is sent: the redacted text. Never throws: when the server
 * fails or answers nonsense, the outcome has no vectors and the summary says why, so the run
 * goes on with the lexical engine alone.
 */
export async function embedItems(
  database: Database,
  caller: Caller,
  itemIds: readonly string[],
  config: EmbeddingsConfig,
  /** Called after every batch (awaited; its errors are ignored). */
  onProgress?: (fraction: number) => unknown,
): Promise<EmbeddingsOutcome> {
  const as = <T>(fn: (tx: Tx) => Promise<T>) => database.transaction(caller, fn);
  const counts = { items: 0, cached: 0, sent: 0, requests: 0 };
  try {
    const { texts, cached } = await as(async (tx) => {
      const texts = await readApprovedTexts(tx, itemIds);
      return { texts, cached: await readCached(tx, config.model, texts) };
    });
    counts.items = texts.length;
    const vectors = new Map<string, Float32Array>();
    let expected = config.dimensions;
    for (const text of texts) {
      const vector = cached.get(text.id);
      if (vector && (expected === undefined || vector.length === expected)) vectors.set(text.id, vector);
    }
    counts.cached = vectors.size;

    let done = 0;
    let todo = texts.length - vectors.size;
    /** Asks for the vectors of these items, each distinct text once, and caches them per item. */
    const fetchAll = async (list: readonly PreparedText[]) => {
      const byText = new Map<string, PreparedText[]>();
      for (const text of list) {
        const same = byText.get(text.hash);
        if (same) same.push(text);
        else byText.set(text.hash, [text]);
      }
      const groups = [...byText.values()];
      for (let start = 0; start < groups.length; start += config.batchSize) {
        const batch = groups.slice(start, start + config.batchSize);
        const answer = await requestEmbeddings(
          config,
          batch.map((same) => (same[0] as PreparedText).input),
          expected,
        ).catch((error: unknown) => {
          if (error instanceof EmbeddingsError) counts.requests += error.attempts;
          throw error;
        });
        counts.requests += answer.attempts;
        counts.sent += batch.length;
        expected ??= answer.vectors[0]?.length;
        const rows = batch.flatMap((same, i) =>
          same.map((text) => ({ text, vector: answer.vectors[i] as Float32Array })),
        );
        await as((tx) => storeVectors(tx, config.model, rows));
        for (const { text, vector } of rows) vectors.set(text.id, vector);
        done += rows.length;
        try {
          await onProgress?.(Math.min(1, done / todo));
        } catch {
          // Progress is a courtesy; the vectors matter.
        }
      }
    };
    await fetchAll(texts.filter((t) => !vectors.has(t.id)));
    // All vectors must have one length: cached ones of another length (the server's model changed
    // under the same name) are asked again, and must then come back with the new length.
    expected ??= vectors.values().next().value?.length;
    const misfits = texts.filter((t) => vectors.get(t.id)?.length !== expected);
    if (misfits.length > 0) {
      counts.cached -= misfits.filter((t) => cached.has(t.id)).length;
      todo += misfits.length;
      await fetchAll(misfits);
    }
    return {
      vectors,
      summary: {
        status: 'used',
        model: config.model,
        ...counts,
        ...(expected === undefined ? {} : { dimensions: expected }),
        message: embeddingsUsed(config.model, counts.items, counts.sent),
      },
    };
  } catch (error) {
    const reason: EmbeddingsProblem = error instanceof EmbeddingsError ? error.code : 'internal';
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    console.warn(`embeddings (${config.model}) not used: ${reason}: ${detail}`);
    return {
      summary: {
        status: 'failed',
        model: config.model,
        ...counts,
        reason,
        message: embeddingsProblems[reason],
        detail,
      },
    };
  }
}
