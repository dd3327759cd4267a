import { describe, expect, it } from 'vitest';
import { clusterThemes, weakExpectedThemes } from '../../../src/lib/themes/engine';
import { nmi } from '../../../src/lib/themes/metrics';
import { CATCH_ALL_ID, type ClusterInput, type GivenTheme } from '../../../src/lib/themes/types';
import { corpus, GUIDED_THEMES } from './fixtures';

const items = corpus(12);
const plain = items.map(({ id, text }) => ({ id, text }));

describe('unsupervised mode', () => {
  it('finds the topics of a clear corpus with readable labels', () => {
    const progress: number[] = [];
    const res = clusterThemes({
      items: plain,
      minThemes: 2,
      maxThemes: 8,
      onProgress: (f) => progress.push(f),
    });
    const pred = res.assignments.map((a) => a.themeId);
    expect(
      nmi(
        items.map((i) => i.topic),
        pred,
      ),
    ).toBeGreaterThan(0.6);
    expect(res.themes.length).toBeGreaterThanOrEqual(2);
    for (const t of res.themes) {
      expect(t.origin).toBe('discovered');
      expect(t.label).toMatch(/^[A-Z]/);
      expect(t.representativeItemIds.length).toBeGreaterThan(0);
      expect(t.representativeItemIds.length).toBeLessThanOrEqual(5);
      expect(t.size).toBe(res.assignments.filter((a) => a.themeId === t.id).length);
    }
    for (const a of res.assignments) {
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(1);
    }
    expect(progress.at(0)).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('honours a forced k', () => {
    const res = clusterThemes({ items: plain, k: 3 });
    expect(res.themes.filter((t) => t.id !== CATCH_ALL_ID).length).toBeLessThanOrEqual(3);
  });

  it('is deterministic and independent of input order', () => {
    const a = clusterThemes({ items: plain, seed: 7 });
    const b = clusterThemes({ items: plain, seed: 7 });
    expect(b).toEqual(a);
    const reversed = clusterThemes({ items: [...plain].reverse(), seed: 7 });
    const byId = (r: typeof a) => Object.fromEntries(r.assignments.map((x) => [x.itemId, x.themeId]));
    expect(byId(reversed)).toEqual(byId(a));
    expect(reversed.themes).toEqual(a.themes);
  });

  it('puts items without usable words in the catch-all theme', () => {
    const res = clusterThemes({ items: [...plain, { id: 'leeg', text: 'Nee, niets.' }] });
    const a = res.assignments.find((x) => x.itemId === 'leeg');
    expect(a?.themeId).toBe(CATCH_ALL_ID);
    expect(res.outliers).toContain('leeg');
  });

  it('rejects bad input clearly', () => {
    expect(() =>
      clusterThemes({
        items: [
          { id: 'a', text: 'x' },
          { id: 'a', text: 'y' },
        ],
      }),
    ).toThrow(/duplicate item id/);
    expect(() => clusterThemes({ items: plain, manual: [{ itemId: 'nope', themeId: 'x' }] })).toThrow(
      /unknown item/,
    );
    expect(() => clusterThemes({ items: plain, k: 0 })).toThrow(/k must be/);
  });
});

describe('guided mode', () => {
  it('assigns items to the expected themes', () => {
    const res = clusterThemes({ items: plain, themes: GUIDED_THEMES });
    const right = res.assignments.filter((a) => a.itemId.startsWith(`${a.themeId}-`)).length;
    expect(right / items.length).toBeGreaterThan(0.85);
    for (const t of GUIDED_THEMES) {
      const out = res.themes.find((x) => x.id === t.id);
      expect(out?.label).toBe(t.label);
      expect(out?.origin).toBe('guided');
    }
  });

  it('sends obviously unrelated items to a candidate theme instead of forcing them in', () => {
    const football = [
      {
        id: 'z1',
        text: 'Het voetbal in het stadion: Feyenoord won de wedstrijd met een doelpunt van de spits.',
      },
      {
        id: 'z2',
        text: 'De spits scoorde twee doelpunten, het stadion en de supporters juichten om de wedstrijd.',
      },
      {
        id: 'z3',
        text: 'Voetbal op televisie: de wedstrijd in het stadion, de keeper hield een doelpunt tegen.',
      },
    ];
    const res = clusterThemes({ items: [...plain, ...football], themes: GUIDED_THEMES });
    for (const f of football) {
      expect(res.outliers).toContain(f.id);
      const a = res.assignments.find((x) => x.itemId === f.id);
      expect(GUIDED_THEMES.map((t) => t.id)).not.toContain(a?.themeId);
      const theme = res.themes.find((t) => t.id === a?.themeId);
      expect(theme?.origin).toBe('discovered');
      expect(theme?.id).toMatch(/^nieuw-\d+$/);
    }
    // The three football answers form one candidate theme.
    expect(new Set(football.map((f) => res.assignments.find((x) => x.itemId === f.id)?.themeId)).size).toBe(
      1,
    );
  });

  it('gives a secondary theme to an item about two themes', () => {
    const mixed = {
      id: 'mix',
      text: 'De eigen bijdrage is te duur voor mijn pensioen en de steile trap in mijn woning is een probleem, ik wil verhuizen.',
    };
    const res = clusterThemes({ items: [...plain, mixed], themes: GUIDED_THEMES });
    const a = res.assignments.find((x) => x.itemId === 'mix');
    const all = [a?.themeId, ...(a?.secondary.map((s) => s.themeId) ?? [])];
    expect(all).toContain('kosten');
    expect(all).toContain('wonen');
    for (const s of a?.secondary ?? []) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(a?.score ?? 0);
    }
    const single = res.assignments.find((x) => x.itemId === 'bewegen-00');
    expect(single?.secondary).toEqual([]);
  });
});

describe('stability of the analyst’s work', () => {
  it('keeps manual assignments, renamed and locked themes when re-run with more items', () => {
    const first = plain.slice(0, 30);
    const themes: ClusterInput['themes'] = [
      { id: 'geld', label: 'Geldzorgen (hernoemd)', source: 'previous' },
      { id: 'vast', label: 'Vastgezet thema', locked: true, source: 'previous' },
      ...GUIDED_THEMES.slice(1),
    ];
    const manual = [
      { itemId: 'kosten-00', themeId: 'geld' },
      { itemId: 'kosten-01', themeId: 'geld' },
      // Deliberately "wrong" placements: the analyst decides.
      { itemId: 'bewegen-03', themeId: 'vast' },
      { itemId: 'contact-02', themeId: 'wonen' },
    ];
    const run1 = clusterThemes({ items: [...first, ...plain.slice(36, 40)], themes, manual });
    const run2 = clusterThemes({ items: plain, themes, manual });
    for (const run of [run1, run2]) {
      for (const m of manual) {
        const a = run.assignments.find((x) => x.itemId === m.itemId);
        expect(a?.themeId).toBe(m.themeId);
        expect(a?.manual).toBe(true);
        expect(a?.score).toBe(1);
      }
      const locked = run.themes.find((t) => t.id === 'vast');
      expect(locked?.label).toBe('Vastgezet thema');
      expect(locked?.locked).toBe(true);
      // A locked theme holds exactly its manual items.
      expect(run.assignments.filter((a) => a.themeId === 'vast').map((a) => a.itemId)).toEqual([
        'bewegen-03',
      ]);
      expect(run.assignments.some((a) => a.secondary.some((s) => s.themeId === 'vast'))).toBe(false);
      expect(run.themes.find((t) => t.id === 'geld')?.label).toBe('Geldzorgen (hernoemd)');
      expect(run.themes.find((t) => t.id === 'geld')?.origin).toBe('existing');
    }
    // New cost items join the analyst's renamed theme, learned from its manual items.
    const newCost = run2.assignments.filter((a) => a.itemId.startsWith('kosten-') && !a.manual);
    expect(newCost.filter((a) => a.themeId === 'geld').length / newCost.length).toBeGreaterThan(0.7);
  });
});

describe('evidence for the analyst', () => {
  it('gives each item a confidence and a runner-up, and manual items the engine’s own placement', () => {
    const manual = [{ itemId: 'kosten-00', themeId: 'wonen' }];
    const res = clusterThemes({ items: plain, themes: GUIDED_THEMES, manual });
    for (const a of res.assignments) {
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(1);
      if (a.themeId !== CATCH_ALL_ID) expect(a.runnerUp?.themeId).not.toBe(a.themeId);
    }
    const placed = res.assignments.find((a) => a.itemId === 'kosten-00');
    expect(placed).toMatchObject({ themeId: 'wonen', manual: true, score: 1, engineThemeId: 'kosten' });
    expect(res.assignments.find((a) => a.itemId === 'kosten-01')?.engineThemeId).toBeUndefined();
  });

  it('accepts a theme the analyst made (not among the themes): its id is its label, its members teach it', () => {
    const manual = ['bewegen-00', 'bewegen-01', 'bewegen-02'].map((itemId) => ({ itemId, themeId: 'Sport' }));
    const res = clusterThemes({ items: plain, themes: GUIDED_THEMES.slice(0, 3), manual });
    const sport = res.themes.find((t) => t.id === 'Sport');
    expect(sport).toMatchObject({ label: 'Sport', origin: 'existing' });
    const rest = res.assignments.filter((a) => a.itemId.startsWith('bewegen-') && !a.manual);
    expect(rest.filter((a) => a.themeId === 'Sport').length / rest.length).toBeGreaterThan(0.7);
  });

  it('measures coherence: a real theme is tighter than a random mix', () => {
    const res = clusterThemes({ items: plain, themes: GUIDED_THEMES });
    for (const t of res.themes) {
      expect(t.coherence).toBeGreaterThanOrEqual(0);
      expect(t.coherence).toBeLessThanOrEqual(1);
    }
    const real = res.themes.find((t) => t.id === 'kosten')?.coherence ?? 0;
    // The same four themes, but each item placed by its index: no topic holds together.
    const mixed = clusterThemes({
      items: plain,
      themes: GUIDED_THEMES,
      manual: plain.map((it, i) => ({ itemId: it.id, themeId: GUIDED_THEMES[i % 4]?.id as string })),
    });
    for (const t of mixed.themes) expect(t.coherence).toBeLessThan(real);
  });

  it('suggests merging a candidate into a given theme when their centres are close', () => {
    // The analyst split one topic over two themes: the engine suggests joining them.
    const manual = plain
      .filter((it) => it.id.startsWith('kosten-'))
      .map((it, i) => ({ itemId: it.id, themeId: Math.floor(i / 4) % 2 === 0 ? 'kosten' : 'Geld' }));
    const res = clusterThemes({ items: plain, themes: GUIDED_THEMES, manual });
    expect(res.mergeSuggestions[0]).toMatchObject({ themeId: 'Geld', intoThemeId: 'kosten' });
    const plainRun = clusterThemes({ items: plain, themes: GUIDED_THEMES });
    expect(plainRun.mergeSuggestions).toEqual([]);
  });
});

describe('predefined labels only where the items match', () => {
  const theme = (id: string, extra: Partial<GivenTheme> = {}): GivenTheme => ({
    id,
    label: id,
    description: `Over ${id}.`,
    ...extra,
  });
  const none = new Int32Array(10).fill(-1);

  it('marks an expected theme weak when its items match neither its description nor each other', () => {
    const given = ['a', 'b', 'c', 'd'].map((id) => theme(id));
    // d: fit 0.3 (< 0.85 × median 0.6) and coherence 0.05 (< 0.3 × the median 0.4).
    expect([...weakExpectedThemes(given, [0.6, 0.65, 0.55, 0.3], [0.4, 0.5, 0.3, 0.05], none)]).toEqual([3]);
    // A poor fit alone, or a loose group alone, is not enough.
    expect(weakExpectedThemes(given, [0.6, 0.65, 0.55, 0.3], [0.4, 0.5, 0.3, 0.35], none).size).toBe(0);
    expect(weakExpectedThemes(given, [0.6, 0.65, 0.55, 0.58], [0.4, 0.5, 0.3, 0.05], none).size).toBe(0);
  });

  it('never marks a theme from earlier work, a locked theme or one with placed items', () => {
    const fits = [0.6, 0.65, 0.55, 0.3];
    const coh = [0.4, 0.5, 0.3, 0.05];
    const base = ['a', 'b', 'c'].map((id) => theme(id));
    expect(weakExpectedThemes([...base, theme('d', { source: 'previous' })], fits, coh, none).size).toBe(0);
    expect(weakExpectedThemes([...base, theme('d', { locked: true })], fits, coh, none).size).toBe(0);
    const placed = new Int32Array(10).fill(-1);
    placed[0] = 3;
    expect(weakExpectedThemes([...base, theme('d')], fits, coh, placed).size).toBe(0);
  });
});

describe('optional semantic vectors', () => {
  it('blends them in: with vectors that know the topics, guided placement follows them', () => {
    // Texts say nothing about their topic; the vectors do (a stand-in for an embeddings backend).
    const vague = [
      'Dat vind ik echt belangrijk.',
      'Zo gaat het nu niet goed.',
      'Daar moet iets aan gebeuren.',
    ];
    const topics = GUIDED_THEMES.map((t) => t.id);
    const its = topics.flatMap((topic, j) =>
      vague.map((text, k) => ({ id: `${topic}-${k}`, text: `${text} (${j}${k})`, topic: j })),
    );
    const embeddings = new Map(
      its.map((it) => {
        const v = new Float64Array(topics.length);
        v[it.topic] = 1;
        return [it.id, v] as const;
      }),
    );
    const manual = topics.map((topic) => ({ itemId: `${topic}-0`, themeId: topic }));
    const items = its.map(({ id, text }) => ({ id, text }));
    const withVectors = clusterThemes({ items, themes: GUIDED_THEMES, manual, embeddings });
    const right = withVectors.assignments.filter((a) => a.itemId.startsWith(`${a.themeId}-`)).length;
    expect(right).toBe(its.length);
    // Broken vectors (NaN, wrong length) are ignored: the run still completes.
    const broken = new Map([[its[0]?.id as string, [Number.NaN, 1]]]);
    expect(clusterThemes({ items, themes: GUIDED_THEMES, embeddings: broken }).assignments).toHaveLength(
      its.length,
    );
  });
});

describe('feeding the engine its own ids back', () => {
  it('keeps one catch-all when the analyst places items in "overig" or a candidate id', () => {
    const items = [...plain, { id: 'leeg', text: '...' }];
    const manual = [
      { itemId: 'kosten-00', themeId: CATCH_ALL_ID },
      { itemId: 'wonen-00', themeId: 'nieuw-1' },
    ];
    const res = clusterThemes({ items, themes: GUIDED_THEMES, manual });
    const ids = res.themes.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(res.assignments.find((a) => a.itemId === 'kosten-00')).toMatchObject({
      themeId: CATCH_ALL_ID,
      manual: true,
    });
    expect(res.assignments.find((a) => a.itemId === 'leeg')?.themeId).toBe(CATCH_ALL_ID);
    expect(res.assignments.find((a) => a.itemId === 'wonen-00')).toMatchObject({
      themeId: 'nieuw-1',
      manual: true,
    });
  });
});
