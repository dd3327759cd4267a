/** A labelled set of answers (JSONL + themes JSON, the shape of ../shared/data/dev-*) and its figures. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { clusterThemes } from '../../../src/lib/themes/engine';
import { macroF1, nmi } from '../../../src/lib/themes/metrics';

export interface LabelledSet {
  rows: { id: string; text: string; primary: string }[];
  themes: { id: string; label: string; description: string }[];
  /** Unsupervised NMI against the primary labels; asserts the theme count stays within 4–20. */
  unsupervisedNmi(background?: string[]): number;
  /** Guided macro-F1 (best-matching theme per label) against the primary labels. */
  guidedF1(background?: string[]): number;
}

export function readLabelledSet(responsesFile: string, themesFile: string): LabelledSet {
  const rows = readFileSync(responsesFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledSet['rows'][number]);
  const { themes } = JSON.parse(readFileSync(themesFile, 'utf8')) as { themes: LabelledSet['themes'] };
  const items = rows.map((r) => ({ id: r.id, text: r.text }));
  const truth = rows.map((r) => r.primary);
  return {
    rows,
    themes,
    unsupervisedNmi: (background) => {
      const result = clusterThemes({ items, background });
      const count = result.themes.filter((t) => t.id !== 'overig').length;
      expect(count).toBeGreaterThanOrEqual(4);
      expect(count).toBeLessThanOrEqual(20);
      return nmi(
        truth,
        result.assignments.map((a) => a.themeId),
      );
    },
    guidedF1: (background) =>
      macroF1(
        truth,
        clusterThemes({ items, themes, background }).assignments.map((a) => a.themeId),
        true,
      ),
  };
}
