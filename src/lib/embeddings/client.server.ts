import type { Env } from '../config/env.server';

/** How to reach the municipality's own embeddings server (OpenAI-compatible `/v1/embeddings`). */
export interface EmbeddingsConfig {
  /** Base address; requests go to `{url}/v1/embeddings` (an address ending in `/v1` gets `/embeddings`). */
  readonly url: string;
  /** Sent as `model` with every request; the cache is kept per model name. */
  readonly model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  readonly apiKey?: string;
  /** Texts per request. */
  readonly batchSize: number;
  /** Time allowed per request (connect, answer and body), in milliseconds. */
  readonly timeoutMs: number;
  /** Expected vector length; unset: the first answer's, which every later vector must then have. */
  readonly dimensions?: number;
  /** Tries per request, the first one included. */
  readonly attempts: number;
  /** Wait before the first retry; doubled for every next one (plus up to 25 % jitter). */
  readonly retryDelayMs: number;
}

/** Defaults that have no environment variable. */
export const defaultAttempts = 3;
export const defaultRetryDelayMs = 500;
/** A `Retry-After` from the server is honoured up to this long. */
const maxRetryAfterMs = 10_000;

/** The settings from the validated environment; null when EMBEDDINGS_URL is unset (the default: off). */
export function embeddingsConfig(env: Env): EmbeddingsConfig | null {
  if (!env.EMBEDDINGS_URL || !env.EMBEDDINGS_MODEL) return null;
  return {
    url: env.EMBEDDINGS_URL,
    model: env.EMBEDDINGS_MODEL,
    ...(env.EMBEDDINGS_API_KEY ? { apiKey: env.EMBEDDINGS_API_KEY } : {}),
    batchSize: env.EMBEDDINGS_BATCH_SIZE,
    timeoutMs: env.EMBEDDINGS_TIMEOUT_MS,
    ...(env.EMBEDDINGS_DIMENSIONS ? { dimensions: env.EMBEDDINGS_DIMENSIONS } : {}),
    attempts: defaultAttempts,
    retryDelayMs: defaultRetryDelayMs,
  };
}

/** `{url}/v1/embeddings`; a base that already ends in `/v1` (as hosted services write it) gets `/embeddings`. */
export function embeddingsEndpoint(url: string): string {
  const base = url.replace(/\/+$/, '');
  if (/\/v1\/embeddings$/.test(base)) return base;
  if (/\/v1$/.test(base)) return `${base}/embeddings`;
  return `${base}/v1/embeddings`;
}

/**
 * Why the server's answer could not be used:
 * unreachable (no connection), timeout, refused (401/403: the key), http (any other error status),
 * invalid (an answer that is not what the protocol promises: not JSON, wrong count, wrong or
 * mixed dimensions, NaN or Infinity, all zeros).
 */
export type EmbeddingsFailure = 'unreachable' | 'timeout' | 'refused' | 'http' | 'invalid';

export class EmbeddingsError extends Error {
  override name = 'EmbeddingsError';
  /** Requests made before giving up (set by requestEmbeddings). */
  attempts = 1;
  constructor(
    readonly code: EmbeddingsFailure,
    message: string,
    readonly retryable = false,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Upper bound on a vector's length (larger answers are taken to be nonsense). */
export const maxDimensions = 16_384;

/**
 * Checks an answer of `POST /v1/embeddings` for `count` inputs and returns the vectors in input
 * order. `expected`: the vector length every vector must have (unset: the first one's).
 * Throws EmbeddingsError('invalid') with a technical reason (never any text) otherwise.
 */
export function parseEmbeddingsResponse(body: unknown, count: number, expected?: number): Float32Array[] {
  const invalid = (why: string) => new EmbeddingsError('invalid', why);
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { data?: unknown }).data))
    throw invalid('the answer has no "data" list');
  const data = (body as { data: unknown[] }).data;
  if (data.length !== count) throw invalid(`${data.length} vectors for ${count} texts`);
  const vectors: (Float32Array | undefined)[] = new Array(count);
  let dimensions = expected;
  for (const [position, entry] of data.entries()) {
    if (typeof entry !== 'object' || entry === null) throw invalid(`entry ${position} is not an object`);
    const { embedding, index = position } = entry as { embedding?: unknown; index?: unknown };
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count)
      throw invalid(`entry ${position} has index ${String(index)}`);
    if (vectors[index]) throw invalid(`index ${index} appears twice`);
    if (!Array.isArray(embedding) || embedding.length === 0)
      throw invalid(`entry ${position} has no embedding list (base64 is not supported)`);
    if (embedding.length > maxDimensions) throw invalid(`a vector of ${embedding.length} dimensions`);
    dimensions ??= embedding.length;
    if (embedding.length !== dimensions)
      throw invalid(`a vector of ${embedding.length} dimensions where ${dimensions} were expected`);
    const vector = new Float32Array(embedding.length);
    let norm = 0;
    for (const [i, value] of embedding.entries()) {
      // JSON has no NaN, but 1e999 parses as Infinity and 1e39 overflows a float32.
      if (typeof value !== 'number') throw invalid(`entry ${position} holds a ${typeof value}`);
      vector[i] = value;
      const stored = vector[i] as number;
      if (!Number.isFinite(stored)) throw invalid(`entry ${position} holds ${String(value)}`);
      norm += stored * stored;
    }
    if (norm === 0 || !Number.isFinite(norm)) throw invalid(`entry ${position} has no usable length`);
    vectors[index] = vector;
  }
  return vectors as Float32Array[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `Retry-After` in seconds or as a date, in milliseconds, when present and sensible. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, maxRetryAfterMs) : undefined;
}

/** One request, no retries: network errors, timeouts, 408, 429 and 5xx are retryable. */
async function requestOnce(
  config: EmbeddingsConfig,
  texts: readonly string[],
  expected: number | undefined,
): Promise<Float32Array[]> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(embeddingsEndpoint(config.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: config.model, input: texts }),
      // The texts go to this address and nowhere else.
      redirect: 'error',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new EmbeddingsError('timeout', `no answer within ${config.timeoutMs} ms`, true);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    throw new EmbeddingsError('unreachable', `cannot reach the server${cause ? ` (${cause})` : ''}`, true);
  }
  if (!response.ok) {
    const status = response.status;
    if (status === 401 || status === 403) throw new EmbeddingsError('refused', `HTTP ${status}`);
    const retryable = status === 408 || status === 429 || status >= 500;
    throw new EmbeddingsError(
      'http',
      `HTTP ${status}`,
      retryable,
      retryAfter(response.headers.get('retry-after')),
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new EmbeddingsError('invalid', 'the answer is not JSON');
  }
  return parseEmbeddingsResponse(body, texts.length, expected);
}

/**
 * Vectors for one batch of texts, in order, with retries and exponential back-off for what may
 * pass (no connection, timeouts, 408, 429, 5xx). A refusal or a nonsense answer is not retried.
 */
export async function requestEmbeddings(
  config: EmbeddingsConfig,
  texts: readonly string[],
  expected?: number,
): Promise<{ vectors: Float32Array[]; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { vectors: await requestOnce(config, texts, expected), attempts: attempt };
    } catch (error) {
      if (!(error instanceof EmbeddingsError)) throw error;
      error.attempts = attempt;
      if (!error.retryable || attempt >= config.attempts) throw error;
      const backoff = config.retryDelayMs * 2 ** (attempt - 1) * (1 + Math.random() / 4);
      await sleep(error.retryAfterMs ?? backoff);
    }
  }
}
