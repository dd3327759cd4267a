/**
 * Regression on the labelled development set (/work/shared/data). The
 * thresholds are the figures the engine reaches today minus a small margin,
 * NOT the product targets (unsupervised NMI 0.55, guided macro-F1 0.80): this
 * lexical, model-free engine does not reach them, with or without the
 * consultation's background documents; see src/lib/themes/README.md
 * ("Measured" and "Why the targets are not met"). The holdout set with other
 * themes has its own floors in holdout-regression.test.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBackgroundDir } from '../../../src/lib/themes/background.server';
import { readLabelledSet } from './labelled-set';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const responses = path.resolve(repoRoot, '../shared/data/dev-responses.jsonl');
const themesFile = path.resolve(repoRoot, '../shared/data/dev-themes.json');
const backgroundDir = path.resolve(repoRoot, 'content/background/krachtig-oud-worden');
const present = existsSync(responses) && existsSync(themesFile);
if (!present) console.warn(`dev-regression: skipped, ${responses} not found`);

describe.skipIf(!present)('dev set regression', () => {
  const { unsupervisedNmi, guidedF1 } = present
    ? readLabelledSet(responses, themesFile)
    : { unsupervisedNmi: () => 0, guidedF1: () => 0 };
  const background = existsSync(backgroundDir) ? readBackgroundDir(backgroundDir) : undefined;

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
