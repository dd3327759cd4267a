import { describe, expect, it } from 'vitest';
import { createScorer } from '../../../src/lib/themes/index';
import { CATCH_ALL_ID } from '../../../src/lib/themes/types';
import { corpus, GUIDED_THEMES, TOPIC_IDS } from './fixtures';

const items = corpus(10);
const plain = items.map(({ id, text }) => ({ id, text }));
const topicOf = new Map(items.map((i) => [i.id, i.topic]));

describe('createScorer', () => {
  const scorer = createScorer({ items: plain, themes: GUIDED_THEMES });

  it('scores every item against the given themes, with a runner-up', () => {
    const scores = scorer.score(new Map());
    expect(scores.map((s) => s.itemId)).toEqual(plain.map((i) => i.id));
    const right = scores.filter((s) => s.themeId === topicOf.get(s.itemId)).length;
    expect(right / scores.length).toBeGreaterThan(0.85);
    for (const s of scores) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.runnerUp?.themeId).toBeDefined();
      expect(s.runnerUp?.themeId).not.toBe(s.themeId);
    }
  });

  it('scores only the items asked for, in that order', () => {
    const ids = ['wonen-03', 'kosten-01', 'onbekend'];
    expect(scorer.score(new Map(), ids).map((s) => s.itemId)).toEqual(['wonen-03', 'kosten-01']);
  });

  it('learns a theme the analyst made from its members alone', () => {
    // Two "bewegen" items placed in a new theme of the analyst's: the other bewegen items follow.
    const members = new Map([['sport', ['bewegen-00', 'bewegen-01', 'bewegen-02']]]);
    const scorer2 = createScorer({ items: plain, themes: GUIDED_THEMES.filter((t) => t.id !== 'bewegen') });
    const scores = scorer2.score(members, undefined, new Set(members.get('sport')));
    const rest = scores.filter((s) => topicOf.get(s.itemId) === 'bewegen' && !/0[012]$/.test(s.itemId));
    expect(rest.filter((s) => s.themeId === 'sport').length).toBeGreaterThanOrEqual(rest.length - 1);
  });

  it('never scores into a locked theme', () => {
    const locked = createScorer({
      items: plain,
      themes: GUIDED_THEMES.map((t) => (t.id === 'wonen' ? { ...t, locked: true } : t)),
    });
    expect(locked.score(new Map([['wonen', ['wonen-00']]])).some((s) => s.themeId === 'wonen')).toBe(false);
  });

  it('puts items without usable words in the catch-all theme with score 0', () => {
    const s = createScorer({ items: [...plain, { id: 'leeg', text: '...' }], themes: GUIDED_THEMES });
    expect(s.score(new Map(), ['leeg'])).toEqual([{ itemId: 'leeg', themeId: CATCH_ALL_ID, score: 0 }]);
  });

  it('finds similar items, best first, without the query and the excluded items', () => {
    const res = scorer.similar(['kosten-00', 'kosten-01'], 5, new Set(['kosten-02']));
    expect(res).toHaveLength(5);
    const ids = res.map((r) => r.itemId);
    expect(ids).not.toContain('kosten-00');
    expect(ids).not.toContain('kosten-02');
    expect(ids.filter((id) => topicOf.get(id) === 'kosten').length).toBeGreaterThanOrEqual(4);
    for (let r = 1; r < res.length; r++)
      expect((res[r - 1] as { similarity: number }).similarity).toBeGreaterThanOrEqual(
        (res[r] as { similarity: number }).similarity,
      );
    expect(scorer.similar(['onbekend'], 5)).toEqual([]);
  });

  it('blends external vectors: items that share no word meet through them', () => {
    // Vectors that put every item on its topic's axis: with them, "Lijkt hierop" follows the topic.
    const embeddings = new Map(
      items.map((it) => {
        const v = new Float32Array(TOPIC_IDS.length);
        v[TOPIC_IDS.indexOf(it.topic)] = 1;
        return [it.id, v] as const;
      }),
    );
    const semantic = createScorer({ items: plain, themes: GUIDED_THEMES, embeddings });
    const res = semantic.similar(['contact-00'], 9);
    expect(res.every((r) => topicOf.get(r.itemId) === 'contact')).toBe(true);
    // Nonsense vectors (NaN, another length) are ignored, not fatal.
    const bad = new Map([
      ['kosten-00', [Number.NaN, 1, 0, 0]],
      ['kosten-01', [1, 2]],
    ]);
    expect(() => createScorer({ items: plain, embeddings: bad }).score(new Map())).not.toThrow();
  });
});
