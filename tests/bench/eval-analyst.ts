/**
 * The analyst loop, simulated on a labelled set (measurement only).
 *
 *   npm run eval:analyst [-- --set dev|holdout] [--random-seeds N] [--max-share 1] [--options JSON]
 *
 * Round 0 is a guided run with the set's themes. Each round, the engine's most
 * doubtful 5 % of the items not yet confirmed (lowest "score", the review
 * queue's order) are corrected from the labels, whether the engine had them
 * right or not, and fed back as manual placements: the same `manual` input the
 * cluster CLI's --manual fills and the board sends. Prints macro-F1 (theme ids
 * matched directly, as `eval:themes` does for guided mode) after every round,
 * and the share of items touched when macro-F1 first reaches 0.90, next to the
 * same loop picking the items at random (mean over seeds). Sets: the dev set
 * (../shared/data, optional) and the holdout set (tests/fixtures/themes).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterThemes, type EngineOptions } from '../../src/lib/themes/engine';
import { macroF1 } from '../../src/lib/themes/metrics';
import { createRng } from '../../src/lib/themes/random';
import type { GivenTheme, ManualAssignment } from '../../src/lib/themes/types';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const fixtureDir = path.join(repoRoot, 'tests/fixtures/themes');
const SETS = [
  {
    key: 'dev',
    name: 'dev set',
    responses: path.join(dataDir, 'dev-responses.jsonl'),
    themes: path.join(dataDir, 'dev-themes.json'),
  },
  {
    key: 'holdout',
    name: 'holdout set',
    responses: path.join(fixtureDir, 'holdout-responses.jsonl'),
    themes: path.join(fixtureDir, 'holdout-themes.json'),
  },
];
const TARGET = 0.9;
const STEP = 0.05;

interface Row {
  id: string;
  text: string;
  primary: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface LoopResult {
  /** macro-F1 and share touched after each round (round 0 first). */
  rounds: { share: number; f1: number; accuracy: number; auc: number }[];
  /** Share touched when macro-F1 first reached the target, or undefined. */
  reached?: number;
}

function loop(
  rows: Row[],
  themes: GivenTheme[],
  pick: (candidates: { id: string; score: number }[], count: number) => string[],
  maxShare: number,
): LoopResult {
  const items = rows.map((r) => ({ id: r.id, text: r.text }));
  const truth = rows.map((r) => r.primary);
  const truthOf = new Map(rows.map((r) => [r.id, r.primary]));
  const manual: ManualAssignment[] = [];
  const confirmed = new Set<string>();
  const perRound = Math.max(1, Math.ceil(STEP * rows.length));
  const out: LoopResult = { rounds: [] };
  for (;;) {
    const res = clusterThemes({ items, themes, manual }, engineOptions);
    const pred = res.assignments.map((a) => a.themeId);
    // How well the score orders the open items: chance that a wrong one scores below a right one.
    const open = res.assignments
      .map((a, i) => ({ a, wrong: a.themeId !== truth[i] }))
      .filter((x) => !x.a.manual);
    const auc = rankAuc(
      open.filter((x) => x.wrong).map((x) => x.a.score),
      open.filter((x) => !x.wrong).map((x) => x.a.score),
    );
    const f1 = macroF1(truth, pred, true);
    const accuracy = pred.filter((p, i) => p === truth[i]).length / rows.length;
    const share = confirmed.size / rows.length;
    out.rounds.push({ share, f1, accuracy, auc });
    if (f1 >= TARGET && out.reached === undefined) {
      out.reached = share;
      break;
    }
    if (confirmed.size >= rows.length || share >= maxShare) break;
    const candidates = res.assignments
      .filter((a) => !confirmed.has(a.itemId))
      .map((a) => ({ id: a.itemId, score: a.score }));
    for (const id of pick(candidates, Math.min(perRound, candidates.length))) {
      confirmed.add(id);
      manual.push({ itemId: id, themeId: truthOf.get(id) as string });
    }
  }
  return out;
}

/** P(score of a wrong item < score of a right one), ties half. */
function rankAuc(wrong: number[], right: number[]): number {
  if (wrong.length === 0 || right.length === 0) return Number.NaN;
  let s = 0;
  for (const w of wrong) for (const r of right) s += w < r ? 1 : w === r ? 0.5 : 0;
  return s / (wrong.length * right.length);
}

/** Lowest confidence first; ties by id (deterministic). */
const byDoubt = (c: { id: string; score: number }[], count: number) =>
  [...c]
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
    .slice(0, count)
    .map((x) => x.id);

function atRandom(seed: number) {
  const rng = createRng(seed);
  return (c: { id: string; score: number }[], count: number) => {
    const ids = c.map((x) => x.id).sort();
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    }
    return ids.slice(0, count);
  };
}

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
/** Tuning knobs of the engine (measurement only), e.g. --options '{"neighbourWeight":0.3}'. */
const engineOptions = JSON.parse(arg('--options') ?? '{}') as EngineOptions;

function main(): void {
  const only = arg('--set');
  const seeds = Number(arg('--random-seeds') ?? 3);
  const maxShare = Number(arg('--max-share') ?? 1);
  for (const set of SETS) {
    if (only && only !== set.key) continue;
    if (!existsSync(set.responses) || !existsSync(set.themes)) {
      console.log(`(${set.name}: ${set.responses} not found; skipped)\n`);
      continue;
    }
    const rows = readFileSync(set.responses, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Row);
    const { themes } = JSON.parse(readFileSync(set.themes, 'utf8')) as { themes: GivenTheme[] };
    const t0 = performance.now();
    console.log(
      `${set.name}: ${rows.length} items, ${themes.length} themes; each round confirms ${Math.ceil(STEP * rows.length)} items (5 %)`,
    );
    const doubt = loop(rows, themes, byDoubt, maxShare);
    console.log('  most doubtful first (review queue):');
    doubt.rounds.forEach((r, i) => {
      console.log(
        `    round ${String(i).padStart(2)}  touched ${pct(r.share).padStart(5)}  macro-F1 ${r.f1.toFixed(3)}  accuracy ${r.accuracy.toFixed(3)}  doubt AUC ${r.auc.toFixed(2)}`,
      );
    });
    const randoms = Array.from({ length: seeds }, (_, s) => loop(rows, themes, atRandom(s + 1), maxShare));
    console.log(`  at random (${seeds} seeds), macro-F1 per round:`);
    const longest = Math.max(...randoms.map((r) => r.rounds.length));
    for (let i = 0; i < longest; i++) {
      const at = randoms.map((r) => r.rounds[i]).filter((r) => r !== undefined);
      console.log(
        `    round ${String(i).padStart(2)}  touched ${pct(at[0]?.share ?? 0).padStart(5)}  macro-F1 ${at.map((r) => r.f1.toFixed(3)).join(' / ')}`,
      );
    }
    const reachedRandom = randoms.map((r) => (r.reached === undefined ? 'not reached' : pct(r.reached)));
    console.log(
      `  share of items touched when macro-F1 first reached ${TARGET.toFixed(2)}: review queue ${doubt.reached === undefined ? `not reached within ${pct(maxShare)}` : pct(doubt.reached)}; at random ${reachedRandom.join(' / ')} (target: at most 25 % by the review queue)`,
    );
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
}

main();
