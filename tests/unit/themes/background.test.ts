import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/lib/themes/analyze';
import { backgroundPassages } from '../../../src/lib/themes/background';
import { readBackgroundDir } from '../../../src/lib/themes/background.server';
import { clusterThemes } from '../../../src/lib/themes/engine';
import { createRng } from '../../../src/lib/themes/random';
import { represent } from '../../../src/lib/themes/represent';
import { corpus, GUIDED_THEMES } from './fixtures';

const plain = corpus(10).map(({ id, text }) => ({ id, text }));

describe('background texts', () => {
  it('cuts documents exported from PDF into answer-sized passages', () => {
    const doc = [
      '**Datum**  \n23 juli 2024\n\nHet nieuwe Wmo-\n\nbeleidsplan gaat over huishoudelijke onder-\nsteuning voor ouderen in de wijk.',
      'Mantelzorgers krijgen meer steun. '.repeat(40),
    ];
    const passages = backgroundPassages(doc);
    expect(passages.some((p) => p.includes('Wmo-beleidsplan'))).toBe(true);
    expect(passages.some((p) => p.includes('ondersteuning voor ouderen'))).toBe(true);
    for (const p of passages) {
      expect(p.split(' ').length).toBeLessThanOrEqual(60);
      expect(p).not.toMatch(/[*\n]/);
    }
    // 40 short sentences (4 words each) become passages of at most 60 words.
    expect(passages.length).toBeGreaterThanOrEqual(3);
    expect(backgroundPassages(['', 'Zie bijlage.'])).toEqual([]);
  });

  it('lets words meet through the documents when no answer links them', () => {
    const an = new Analyzer();
    // The answers never use "aow" and "pensioen" together.
    const answers = [
      'Van mijn aow blijft weinig over voor de hulp.',
      'De aow is niet genoeg voor een werkster.',
      'Mijn pensioen is klein en de hulp is duur.',
      'Met dat pensioen kan ik geen werkster betalen.',
      'De fysiotherapeut helpt mij met wandelen.',
      'Wandelen en fietsen houden mij fit.',
    ].map((t) => an.terms(t));
    const background = backgroundPassages([
      'Het inkomen van veel ouderen bestaat uit aow en een klein pensioen.',
      'Wie alleen aow en pensioen heeft, betaalt een lagere bijdrage naar inkomen.',
      'Ouderen met aow of pensioen houden zo genoeg inkomen over.',
    ]).map((p) => an.terms(p));
    const sim = (bg: typeof background) => {
      const rep = represent(answers, [], createRng(1), { background: bg, lsaDims: 2, ppmiDims: 4 });
      const d = rep.dim;
      // Cosine of the distributional halves of answer 0 (aow) and answer 2 (pensioen).
      const half = (i: number) => Array.from(rep.embed.subarray(i * d + d - 4, i * d + d));
      const a = half(0);
      const b = half(2);
      const dot = a.reduce((s, v, t) => s + v * (b[t] as number), 0);
      const norm = Math.hypot(...a) * Math.hypot(...b);
      return norm > 0 ? dot / norm : 0;
    };
    expect(sim(background)).toBeGreaterThan(sim([]) + 0.1);
  });

  it('is deterministic, never assigns background passages, and reads a folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'themes-bg-'));
    writeFileSync(
      path.join(dir, 'b.md'),
      '# Beleid\n\nDe eigen bijdrage hangt af van het inkomen en de aow.',
    );
    writeFileSync(path.join(dir, 'a.txt'), 'Ouderen willen graag zelfstandig blijven wonen in de wijk.');
    writeFileSync(path.join(dir, 'README.md'), 'not a document');
    writeFileSync(path.join(dir, 'skip.json'), '{}');
    const background = readBackgroundDir(dir);
    expect(background).toHaveLength(2);
    expect(background[0]).toMatch(/^Ouderen/);
    expect(() => readBackgroundDir(path.join(dir, 'nope'))).toThrow(/not found/);
    const one = clusterThemes({ items: plain, themes: GUIDED_THEMES, background });
    const two = clusterThemes({ items: plain, themes: GUIDED_THEMES, background });
    expect(two).toEqual(one);
    expect(one.assignments.map((a) => a.itemId)).toEqual(plain.map((p) => p.id));
    expect(() => clusterThemes({ items: plain, background: [1 as unknown as string] })).toThrow(/background/);
  });
});
