/**
 * Regression on the labelled development set (/work/shared/data). The
 * thresholds are the figures the engine reaches today minus a small margin,
 * NOT the product targets (unsupervised NMI 0.55, guided macro-F1 0.80): this
 * lexical, model-free engine does not reach them, with or without the
 * consultation's background documents; see src/lib/themes/README.md
 * ("Measured" and "Why the targets are not met"). The holdout set with other
 * themes has its own floors in holdout-regression.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBackgroundDir } from '../../../src/lib/themes/background.server';
import { clusterThemes } from '../../../src/lib/themes/engine';
import { macroF1, nmi } from '../../../src/lib/themes/metrics';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const responses = path.resolve(repoRoot, '../shared/data/dev-responses.jsonl');
const themesFile = path.resolve(repoRoot, '../shared/data/dev-themes.json');
const backgroundDir = path.resolve(repoRoot, 'content/background/krachtig-oud-worden');
const present = existsSync(responses) && existsSync(themesFile);
if (!present) console.warn(`dev-regression: skipped, ${responses} not found`);

describe.skipIf(!present)('dev set regression', () => {
  const rows = present
    ? readFileSync(responses, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as { id: string; text: string; primary: string })
    : [];
  const items = rows.map((r) => ({ id: r.id, text: r.text }));
  const truth = rows.map((r) => r.primary);
  const themes = present
    ? (
        JSON.parse(readFileSync(themesFile, 'utf8')) as {
          themes: { id: string; label: string; description: string }[];
        }
      ).themes
    : [];
  const background = existsSync(backgroundDir) ? readBackgroundDir(backgroundDir) : undefined;

  const unsupervisedNmi = (bg?: string[]) => {
    const res = clusterThemes({ items, background: bg });
    const n = res.themes.filter((t) => t.id !== 'overig').length;
    expect(n).toBeGreaterThanOrEqual(4);
    expect(n).toBeLessThanOrEqual(20);
    return nmi(
      truth,
      res.assignments.map((a) => a.themeId),
    );
  };
  const guidedF1 = (bg?: string[]) =>
    macroF1(
      truth,
      clusterThemes({ items, themes, background: bg }).assignments.map((a) => a.themeId),
      true,
    );

  it('unsupervised NMI stays at its measured level (0.385, asserted ≥ 0.36)', () => {
    expect(unsupervisedNmi()).toBeGreaterThanOrEqual(0.36);
  }, 60_000);

  it('guided macro-F1 stays at its measured level (0.629, asserted ≥ 0.60)', () => {
    expect(guidedF1()).toBeGreaterThanOrEqual(0.6);
  }, 60_000);

  it.skipIf(!background)(
    'with the background documents: unsupervised NMI (0.387, ≥ 0.36) and guided macro-F1 (0.624, ≥ 0.60)',
    () => {
      expect(unsupervisedNmi(background)).toBeGreaterThanOrEqual(0.36);
      expect(guidedF1(background)).toBeGreaterThanOrEqual(0.6);
    },
    60_000,
  );
});
