/**
 * Incremental scoring for the theme board (review queue, "Lijkt hierop").
 *
 * `createScorer` analyses the texts and builds the item representation once
 * (the expensive part, about as long as a full run's first half). After that,
 * `score(members)` only builds one profile per theme (its description, when
 * given, blended with the centre of its members, confirmed items weighing
 * most) and scores the items: a few sparse and dense dot products per item
 * and theme, well under a second at 10,000 items.
 */
import { blendEmbeddings } from './blend';
import { analyzer } from './engine';
import {
  addCentre,
  confidence,
  emptyProfiles,
  finish,
  itemProfileScore,
  memberWeight,
  type Profiles,
  UNCONFIRMED_WEIGHT,
} from './profile';
import { createRng } from './random';
import { normaliseDense } from './reduce';
import { type RepresentOptions, represent } from './represent';
import { CATCH_ALL_ID, type GivenTheme, type ItemScore, type Scorer, type ThemeItem } from './types';

export interface ScorerInput {
  items: ThemeItem[];
  /** Themes with a label and description: their text is part of their profile. Locked themes are never scored. */
  themes?: GivenTheme[];
  /** Optional vector per item id, blended with the lexical representation (see blend.ts). */
  embeddings?: ReadonlyMap<string, ArrayLike<number>>;
}

export interface ScorerOptions {
  /** Share of exact-word (TF-IDF) evidence in scores. Default 0.7, 0.4 with embeddings. */
  sparseWeight?: number;
  /** Weight of the external vectors in the dense similarity. Default 0.7. */
  embeddingWeight?: number;
  /** Seed of the representation's samples. Default 1. */
  seed?: number;
  represent?: Omit<RepresentOptions, 'background'>;
}

export function createScorer(input: ScorerInput, options: ScorerOptions = {}): Scorer {
  const items = input.items;
  const indexOf = new Map<string, number>();
  items.forEach((it, i) => {
    if (typeof it?.id !== 'string' || typeof it.text !== 'string')
      throw new Error('every item needs a string id and text');
    if (indexOf.has(it.id)) throw new Error(`duplicate item id: ${it.id}`);
    indexOf.set(it.id, i);
  });
  const given = input.themes ?? [];
  const an = analyzer();
  const itemTerms = items.map((it) => an.terms(it.text));
  const themeTerms = given.map((t) => an.terms(`${t.label}. ${t.description ?? ''}`));
  const lexical = represent(itemTerms, themeTerms, createRng(options.seed ?? 1), options.represent);
  const rep = blendEmbeddings(
    lexical,
    items.map((it) => it.id),
    input.embeddings,
    options.embeddingWeight,
  );
  const sparseWeight = options.sparseWeight ?? (rep === lexical ? 0.7 : 0.4);
  const n = items.length;
  const m = rep.vocab.keys.length;
  const d = rep.dim;

  // Description profiles of the given themes, terms weighted by how specific they are to one theme.
  const rows = rep.project(themeTerms);
  const k0 = given.length;
  const themeDf = new Float64Array(m);
  for (let j = 0; j < k0; j++)
    for (let p = rows.tfidf.indptr[j] as number; p < (rows.tfidf.indptr[j + 1] as number); p++) {
      const t = rows.tfidf.indices[p] as number;
      themeDf[t] = (themeDf[t] as number) + 1;
    }
  const desc: Profiles = emptyProfiles(rep, k0);
  for (let j = 0; j < k0; j++) {
    for (let p = rows.tfidf.indptr[j] as number; p < (rows.tfidf.indptr[j + 1] as number); p++) {
      const t = rows.tfidf.indices[p] as number;
      desc.sparse[j * m + t] = (rows.tfidf.data[p] as number) * Math.log(1 + k0 / (themeDf[t] as number));
    }
    desc.dense.set(rows.embed.subarray(j * d, j * d + d), j * d);
  }
  finish(rep, desc);
  const givenIndex = new Map(given.map((t, j) => [t.id, j]));

  const indices = (ids: readonly string[]): number[] => {
    const out: number[] = [];
    for (const id of ids) {
      const i = indexOf.get(id);
      if (i !== undefined) out.push(i);
    }
    return out;
  };

  return {
    score(members, itemIds, confirmed) {
      // Themes: the non-locked given themes, then any other theme that has members.
      const themeIds: string[] = given.filter((t) => !t.locked).map((t) => t.id);
      for (const id of members.keys()) if (!givenIndex.has(id)) themeIds.push(id);
      const k = themeIds.length;
      const prof = emptyProfiles(rep, k);
      themeIds.forEach((id, j) => {
        const g = givenIndex.get(id);
        if (g !== undefined) {
          prof.sparse.set(desc.sparse.subarray(g * m, g * m + m), j * m);
          prof.dense.set(desc.dense.subarray(g * d, g * d + d), j * d);
        }
        const mem = indices(members.get(id) ?? []);
        const weights = mem.map((i) =>
          confirmed === undefined || confirmed.has((items[i] as ThemeItem).id) ? 1 : UNCONFIRMED_WEIGHT,
        );
        const effective = weights.reduce((a, b) => a + b, 0);
        // Members next to a description weigh by their number; without a description they are the profile.
        const described = g !== undefined && (given[g] as GivenTheme).description?.trim();
        addCentre(rep, prof, j, mem, weights, described ? memberWeight(effective) : 1);
      });
      finish(rep, prof);
      const targets = itemIds === undefined ? items.map((_, i) => i) : indices(itemIds);
      return targets.map((i) => {
        let b1 = -1;
        let b2 = -1;
        let s1 = 0;
        let s2 = 0;
        for (let j = 0; j < k; j++) {
          const s = itemProfileScore(rep, prof, i, j, sparseWeight);
          if (b1 < 0 || s > s1) {
            b2 = b1;
            s2 = s1;
            b1 = j;
            s1 = s;
          } else if (b2 < 0 || s > s2) {
            b2 = j;
            s2 = s;
          }
        }
        const itemId = (items[i] as ThemeItem).id;
        if (b1 < 0 || s1 <= 0) return { itemId, themeId: CATCH_ALL_ID, score: 0 };
        const out: ItemScore = {
          itemId,
          themeId: themeIds[b1] as string,
          score: round(confidence(s1, b2 >= 0 ? s2 : undefined)),
        };
        if (b2 >= 0) out.runnerUp = { themeId: themeIds[b2] as string, score: round(s2) };
        return out;
      });
    },

    similar(to, limit, exclude) {
      const seeds = indices(to);
      if (seeds.length === 0 || limit <= 0) return [];
      const q = emptyProfiles(rep, 1);
      addCentre(rep, q, 0, seeds, undefined, 1);
      normaliseDense(q.sparse, m);
      normaliseDense(q.dense, d);
      const skip = new Set(seeds);
      const out: { itemId: string; similarity: number }[] = [];
      for (let i = 0; i < n; i++) {
        const id = (items[i] as ThemeItem).id;
        if (skip.has(i) || exclude?.has(id)) continue;
        const s = itemProfileScore(rep, q, i, 0, sparseWeight);
        if (s > 0) out.push({ itemId: id, similarity: round(s) });
      }
      out.sort((a, b) => b.similarity - a.similarity || (a.itemId < b.itemId ? -1 : 1));
      return out.slice(0, limit);
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
