import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The parsed JSON body, exactly as sent. */
  body: unknown;
  model: unknown;
  input: string[];
}

/** What the server sends back for one request instead of the right answer. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (not JSON-encoded); anything else as JSON. */
  body?: unknown;
  /** Never answer (the client must time out). */
  hang?: boolean;
}

/** Decides one request's reply; gets the correct answer to change or ignore. */
export type Script = (correct: EmbeddingsAnswer, request: Received) => Reply;

export interface EmbeddingsAnswer {
  object: 'list';
  data: { object: 'embedding'; embedding: number[]; index: number }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/**
 * A deterministic vector for a text: its character trigrams (lowercased, padded) hashed into
 * `dimensions` buckets with a sign, then scaled to length 1. Texts that share trigrams point the
 * same way, as a real model's vectors for similar texts would, roughly.
 */
export function vectorOf(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const padded = `  ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const digest = createHash('sha1')
      .update(padded.slice(i, i + 3))
      .digest();
    const bucket = digest.readUInt32LE(0) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + ((digest[4] ?? 0) & 1 ? 1 : -1);
  }
  const norm = Math.hypot(...vector) || 1;
  // Rounded through float32, so the vectors the client stores compare exactly.
  return vector.map((v) => Math.fround(v / norm));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A small server that speaks the OpenAI embeddings protocol the way text-embeddings-inference
 * does: `POST /v1/embeddings` with `{"model", "input": [texts]}` answers `{"object": "list",
 * "data": [{"object": "embedding", "embedding": [...], "index": n}], "model", "usage"}`; a bad
 * request gets 422 and anything else 404. Every request is recorded. `script(...)` queues
 * replies for the next requests (one each); `always(...)` replaces the answer until reset.
 */
export async function startEmbeddingsServer(options: { dimensions?: number; apiKey?: string } = {}) {
  const dimensions = options.dimensions ?? 24;
  const received: Received[] = [];
  const queued: Script[] = [];
  let always: Script | undefined;
  const server = createServer(async (request, response) => {
    const raw = await readBody(request);
    if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not Found"}');
      return;
    }
    if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Unauthorized"}');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const { model, input } = (body ?? {}) as { model?: unknown; input?: unknown };
    const texts = typeof input === 'string' ? [input] : input;
    if (!Array.isArray(texts) || texts.length === 0 || !texts.every((t) => typeof t === 'string')) {
      response
        .writeHead(422, { 'content-type': 'application/json' })
        .end('{"error":"`input` must be a string or a list of strings","error_type":"Validation"}');
      return;
    }
    const seen: Received = {
      method: request.method,
      path: request.url,
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      body,
      model,
      input: texts,
    };
    received.push(seen);
    const correct: EmbeddingsAnswer = {
      object: 'list',
      data: texts.map((t, index) => ({ object: 'embedding', embedding: vectorOf(t, dimensions), index })),
      model: typeof model === 'string' ? model : 'onbekend',
      usage: { prompt_tokens: texts.length * 8, total_tokens: texts.length * 8 },
    };
    const script = queued.shift() ?? always;
    const reply: Reply = script ? script(correct, seen) : { body: correct };
    if (reply.hang) return;
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    response.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? correct));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dimensions,
    received,
    /** Every text the server was ever sent. */
    texts: () => received.flatMap((r) => r.input),
    script: (...scripts: Script[]) => queued.push(...scripts),
    always: (script: Script | undefined) => {
      always = script;
    },
    reset: () => {
      received.length = 0;
      queued.length = 0;
      always = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type EmbeddingsServer = Awaited<ReturnType<typeof startEmbeddingsServer>>;
