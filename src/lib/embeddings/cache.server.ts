import { createHash } from 'node:crypto';
import type { Tx } from '../db/types';

/** One item as it is sent: its id, the exact text, and that text's sha256 (hex). */
export interface PreparedText {
  id: string;
  input: string;
  hash: string;
}

/** At most this many characters of an answer are sent (about 500 tokens, what small models read). */
export const maxInputChars = 2000;

/** The text that is sent for an item: its first `maxInputChars` characters, never half a character. */
export function inputText(body: string): string {
  if (body.length <= maxInputChars) return body;
  const cut = body.slice(0, maxInputChars);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export const textHash = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex');

/**
 * The texts that may be sent: `input_items.body` of the given items that are approved now (the
 * redacted text; the originals in `input_originals` are never read). Read as the caller, so RLS
 * applies too. In the order of `itemIds`; ids of items not approved (any more) are left out.
 */
export async function readApprovedTexts(tx: Tx, itemIds: readonly string[]): Promise<PreparedText[]> {
  const rows = await tx.query<{ id: string; body: string }>(
    `select i.id, i.body from public.input_items i
     where i.status = 'approved'
       and i.id = any(array(select value::uuid from jsonb_array_elements_text($1::text::jsonb)))`,
    [JSON.stringify(itemIds)],
  );
  const bodies = new Map(rows.map((r) => [r.id, r.body]));
  return itemIds.flatMap((id) => {
    const body = bodies.get(id);
    if (body === undefined) return [];
    const input = inputText(body);
    return [{ id, input, hash: textHash(input) }];
  });
}

/** Float32, little-endian, as base64 (how the vector travels to and from the bytea column). */
function toBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i] as number, i * 4);
  return bytes.toString('base64');
}

function fromBase64(text: string, dimensions: number): Float32Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== dimensions * 4) return undefined;
  const vector = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}

/** Cached vectors of these texts for this model: only where the text is still the same (same hash). */
export async function readCached(
  tx: Tx,
  model: string,
  texts: readonly PreparedText[],
): Promise<Map<string, Float32Array>> {
  const rows = await tx.query<{ id: string; dimensions: number; vector: string }>(
    `select e.input_item_id as id, e.dimensions, encode(e.vector, 'base64') as vector
     from public.input_item_embeddings e
     join jsonb_to_recordset($2::text::jsonb) as k(id uuid, hash text)
       on e.input_item_id = k.id and e.text_sha256 = k.hash
     where e.model = $1`,
    [model, JSON.stringify(texts.map((t) => ({ id: t.id, hash: t.hash })))],
  );
  const cached = new Map<string, Float32Array>();
  for (const row of rows) {
    const vector = fromBase64(row.vector, Number(row.dimensions));
    if (vector) cached.set(row.id, vector);
  }
  return cached;
}

/** Stores (or replaces) the vectors of these texts for this model. Float32, little-endian. */
export async function storeVectors(
  tx: Tx,
  model: string,
  rows: readonly { text: PreparedText; vector: Float32Array }[],
): Promise<void> {
  if (rows.length === 0) return;
  const payload = rows.map(({ text, vector }) => ({
    id: text.id,
    hash: text.hash,
    dimensions: vector.length,
    vector: toBase64(vector),
  }));
  await tx.query(
    `insert into public.input_item_embeddings (input_item_id, model, text_sha256, dimensions, vector)
     select r.id, $1, r.hash, r.dimensions, decode(r.vector, 'base64')
     from jsonb_to_recordset($2::text::jsonb) as r(id uuid, hash text, dimensions integer, vector text)
     on conflict (input_item_id, model) do update
       set text_sha256 = excluded.text_sha256, dimensions = excluded.dimensions,
           vector = excluded.vector, created_at = now()`,
    [model, JSON.stringify(payload)],
  );
}
