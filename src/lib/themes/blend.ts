/**
 * Optional semantic vectors (from an embeddings backend) blended into the
 * lexical representation.
 *
 * The dense half of the representation becomes the concatenation
 * [√(1 − w) · lexical, √w · external] of two unit vectors, so the cosine of two
 * items is (1 − w) · lexical cosine + w · external cosine: every consumer of
 * `embed` (guided scores, discovery, profiles, coherence) uses the blend
 * without knowing about it. An item without a usable vector keeps its lexical
 * half only (renormalised). Texts that are not items (theme descriptions) have
 * no external vector: their rows get the lexical half only.
 */
import { normaliseDense } from './reduce';
import type { Representation } from './represent';

/** Keeps only vectors of the most common length with finite values; empty when none. */
export function usableEmbeddings(
  ids: readonly string[],
  embeddings: ReadonlyMap<string, ArrayLike<number>> | undefined,
): { dim: number; vectors: (ArrayLike<number> | undefined)[] } {
  if (!embeddings || embeddings.size === 0) return { dim: 0, vectors: [] };
  const lengths = new Map<number, number>();
  for (const id of ids) {
    const v = embeddings.get(id);
    if (v && v.length > 0) lengths.set(v.length, (lengths.get(v.length) ?? 0) + 1);
  }
  let dim = 0;
  let best = 0;
  for (const [len, count] of lengths)
    if (count > best || (count === best && len < dim)) {
      dim = len;
      best = count;
    }
  if (dim === 0) return { dim: 0, vectors: [] };
  let any = false;
  const vectors = ids.map((id) => {
    const v = embeddings.get(id);
    if (!v || v.length !== dim) return undefined;
    let norm = 0;
    for (let t = 0; t < dim; t++) {
      const x = v[t] as number;
      if (!Number.isFinite(x)) return undefined;
      norm += x * x;
    }
    if (norm === 0) return undefined;
    any = true;
    return v;
  });
  return any ? { dim, vectors } : { dim: 0, vectors: [] };
}

/**
 * A representation whose dense rows blend the item's external vector (weight
 * `weight` of the dense cosine) with its lexical embedding. Returns `rep`
 * itself when no usable vector is given.
 */
export function blendEmbeddings(
  rep: Representation,
  ids: readonly string[],
  embeddings: ReadonlyMap<string, ArrayLike<number>> | undefined,
  weight = 0.7,
): Representation {
  const { dim: e, vectors } = usableEmbeddings(ids, embeddings);
  if (e === 0) return rep;
  const d = rep.dim;
  const dim = d + e;
  const a = Math.sqrt(1 - weight);
  const b = Math.sqrt(weight);
  const n = rep.tfidf.rows;
  const embed = new Float64Array(n * dim);
  const ext = new Float64Array(e);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) embed[i * dim + t] = a * (rep.embed[i * d + t] as number);
    const v = vectors[i];
    if (v) {
      let norm = 0;
      for (let t = 0; t < e; t++) {
        ext[t] = v[t] as number;
        norm += (ext[t] as number) ** 2;
      }
      const inv = b / Math.sqrt(norm);
      for (let t = 0; t < e; t++) embed[i * dim + d + t] = (ext[t] as number) * inv;
    }
  }
  normaliseDense(embed, dim);
  return {
    vocab: rep.vocab,
    tfidf: rep.tfidf,
    embed,
    dim,
    project(docs) {
      const p = rep.project(docs);
      const rows = p.tfidf.rows;
      const out = new Float64Array(rows * dim);
      for (let i = 0; i < rows; i++)
        for (let t = 0; t < d; t++) out[i * dim + t] = p.embed[i * d + t] as number;
      return { tfidf: p.tfidf, embed: out };
    },
  };
}
