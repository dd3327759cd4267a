/**
 * Quality of the theme engine on the labelled development set
 * (/work/shared/data, see its README). Measurement only: nothing here feeds
 * back into the engine. Prints NMI, ARI and best-match macro-F1 for
 * unsupervised and guided mode, next to a plain TF-IDF + k-means baseline,
 * without and with the consultation's background documents
 * (content/background/krachtig-oud-worden), over seeds and on held-out halves.
 * Two sets: the dev set (optional, as it lives outside the repo) and the
 * holdout set in tests/fixtures/themes (always present; other themes, written
 * independently, see its README).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBackgroundDir } from '../../src/lib/themes/background.server';
import { clusterThemes } from '../../src/lib/themes/engine';
import { sphericalKMeans } from '../../src/lib/themes/kmeans';
import { ari, macroF1, nmi } from '../../src/lib/themes/metrics';
import { isNounTerm, wordClasses } from '../../src/lib/themes/pos';
import { createRng } from '../../src/lib/themes/random';
import { normalise } from '../../src/lib/themes/text';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const fixtureDir = path.join(repoRoot, 'tests/fixtures/themes');
const sets = [
  {
    name: 'dev set',
    responses: path.join(dataDir, 'dev-responses.jsonl'),
    themes: path.join(dataDir, 'dev-themes.json'),
    optional: true,
  },
  {
    name: 'holdout set',
    responses: path.join(fixtureDir, 'holdout-responses.jsonl'),
    themes: path.join(fixtureDir, 'holdout-themes.json'),
    optional: false,
  },
];

interface Row {
  id: string;
  text: string;
  primary: string;
  secondary: string[];
}

/** Plain baseline: lower-case word tokens, smoothed TF-IDF, unit rows, k-means. */
function baselineVectors(texts: string[]): { x: Float64Array; d: number; vocab: Map<string, number> } {
  const docs = texts.map((t) => normalise(t).match(/\p{L}+/gu) ?? []);
  const vocab = new Map<string, number>();
  const df: number[] = [];
  for (const doc of docs) {
    for (const w of new Set(doc)) {
      if (!vocab.has(w)) {
        vocab.set(w, vocab.size);
        df.push(0);
      }
      const j = vocab.get(w) as number;
      df[j] = (df[j] as number) + 1;
    }
  }
  const d = vocab.size;
  const n = docs.length;
  const x = new Float64Array(n * d);
  docs.forEach((doc, i) => {
    for (const w of doc) {
      const j = i * d + (vocab.get(w) as number);
      x[j] = (x[j] as number) + 1;
    }
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j] as number;
      if (v > 0) x[i * d + j] = v * (Math.log((1 + n) / (1 + (df[j] as number))) + 1);
      s += (x[i * d + j] as number) ** 2;
    }
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < d; j++) x[i * d + j] = (x[i * d + j] as number) * inv;
  });
  return { x, d, vocab };
}

function fmt(name: string, truth: string[], pred: string[], direct = false): string {
  const k = new Set(pred).size;
  return `${name.padEnd(44)} NMI ${nmi(truth, pred).toFixed(3)}  ARI ${ari(truth, pred).toFixed(3)}  macro-F1 ${macroF1(truth, pred, direct).toFixed(3)}  themes ${k}`;
}

/**
 * Part of speech of the discovered labels' terms ("Bus, scootmobiel en halte"
 * has three), by the Hunspell test of `pos.ts`: noun or noun phrase, verb only
 * (no noun reading: "komt", "laten zien"), or other (adjective, adverb, unknown word).
 */
function labelReport(themes: ReturnType<typeof clusterThemes>['themes']): string {
  const labels = themes.filter((t) => t.origin === 'discovered' && t.id !== 'overig').map((t) => t.label);
  // Terms never contain "en" (a stopword ends a phrase), so the joints are unambiguous.
  // Noun terms contain no verb-only word (isNounTerm), so the three classes are disjoint.
  const terms = labels.flatMap((l) => l.toLowerCase().split(/, | en /));
  const noun = terms.filter((t) => isNounTerm(t)).length;
  const verbOnly = terms.filter((t) =>
    t.split(' ').some((w) => {
      const c = wordClasses(w);
      return c.verb && !c.noun;
    }),
  ).length;
  const pct = (v: number) => `${((100 * v) / Math.max(1, terms.length)).toFixed(0)} %`;
  return `labels over seeds 1-5: ${labels.length} labels, ${terms.length} terms; noun or noun phrase ${pct(noun)}, with a verb-only word ${pct(verbOnly)}, other ${pct(terms.length - noun - verbOnly)}`;
}

/**
 * Themes nobody predefined: guided runs with two of the first eight themes
 * withheld (four ways: themes 1+5, 2+6, 3+7, 4+8). Their items should come
 * out as candidate themes, the other items should not; best-match macro-F1
 * and NMI against all labels.
 */
function withheldReport(
  rows: Row[],
  refThemes: { id: string; label: string; description: string }[],
): string {
  const items = rows.map((r) => ({ id: r.id, text: r.text }));
  const truth = rows.map((r) => r.primary);
  const found: number[] = [];
  const false_: number[] = [];
  const f1: number[] = [];
  const nm: number[] = [];
  for (let w = 0; w < 4; w++) {
    const withheld = new Set(refThemes.filter((_, j) => j < 8 && j % 4 === w).map((t) => t.id));
    const res = clusterThemes({ items, themes: refThemes.filter((t) => !withheld.has(t.id)) });
    const given = new Set(refThemes.map((t) => t.id));
    const candidate = res.assignments.map((a) => !given.has(a.themeId));
    const own = rows.map((r) => withheld.has(r.primary));
    const share = (sel: boolean) =>
      own.filter((o, i) => o === sel && candidate[i]).length /
      Math.max(1, own.filter((o) => o === sel).length);
    found.push(share(true));
    false_.push(share(false));
    const pred = res.assignments.map((a) => a.themeId);
    f1.push(macroF1(truth, pred));
    nm.push(nmi(truth, pred));
  }
  const mean = (v: number[]) => (v.reduce((a, b) => a + b, 0) / v.length).toFixed(3);
  return `2 themes withheld (4 ways): their items in candidate themes ${mean(found)}, other items ${mean(false_)}; best-match macro-F1 ${mean(f1)}, NMI ${mean(nm)}`;
}

function evaluate(setName: string, responsesFile: string, themesFile: string, background?: string[]): void {
  const rows: Row[] = readFileSync(responsesFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
  const refThemes = (
    JSON.parse(readFileSync(themesFile, 'utf8')) as {
      themes: { id: string; label: string; description: string }[];
    }
  ).themes;
  const truth = rows.map((r) => r.primary);
  const items = rows.map((r) => ({ id: r.id, text: r.text }));
  const nRef = refThemes.length;
  console.log(`${setName}: ${rows.length} responses, ${nRef} reference themes\n`);

  // Baseline: plain TF-IDF + k-means, k = number of reference themes.
  const base = baselineVectors(rows.map((r) => r.text));
  const km = sphericalKMeans(base.x, base.d, nRef, createRng(1), 10);
  console.log(fmt(`baseline TF-IDF + k-means (k=${nRef})`, truth, [...km.labels].map(String)));
  // Guided baseline: nearest theme description in the same plain TF-IDF space.
  const withThemes = baselineVectors([
    ...rows.map((r) => r.text),
    ...refThemes.map((t) => `${t.label}. ${t.description}`),
  ]);
  const bd = withThemes.d;
  const basePred = rows.map((_, i) => {
    let best = 0;
    let bestSim = Number.NEGATIVE_INFINITY;
    refThemes.forEach((_, j) => {
      let s = 0;
      for (let t = 0; t < bd; t++)
        s += (withThemes.x[i * bd + t] as number) * (withThemes.x[(rows.length + j) * bd + t] as number);
      if (s > bestSim) {
        bestSim = s;
        best = j;
      }
    });
    return (refThemes[best] as { id: string }).id;
  });
  console.log(fmt('baseline guided: nearest description TF-IDF', truth, basePred, true));
  console.log('');

  const runs: { name: string; background?: string[] }[] = [{ name: 'no background' }];
  if (background) runs.push({ name: `background: ${background.length} documents`, background });
  else console.log('(no background folder: figures without background only)\n');
  let shown: ReturnType<typeof clusterThemes> | undefined;
  let shownGuided: ReturnType<typeof clusterThemes> | undefined;
  for (const run of runs) {
    console.log(`engine, ${run.name}`);
    let t0 = performance.now();
    const unsup = clusterThemes({ items, background: run.background });
    const tUnsup = performance.now() - t0;
    console.log(
      fmt(
        '  unsupervised (k chosen, seed 1)',
        truth,
        unsup.assignments.map((a) => a.themeId),
      ),
    );
    // Seeds 1-5: the spread says how much of a difference is noise.
    const seedRuns = [1, 2, 3, 4, 5].map((seed) =>
      clusterThemes({ items, seed, background: run.background }),
    );
    const bySeed = seedRuns.map((r) =>
      nmi(
        truth,
        r.assignments.map((a) => a.themeId),
      ),
    );
    console.log(
      `  unsupervised NMI over seeds 1-5: mean ${(bySeed.reduce((a, b) => a + b, 0) / bySeed.length).toFixed(3)}  min ${Math.min(...bySeed).toFixed(3)}  max ${Math.max(...bySeed).toFixed(3)}`,
    );
    console.log(`  ${labelReport(seedRuns.flatMap((r) => r.themes))}`);
    const forced = clusterThemes({ items, k: nRef, background: run.background });
    console.log(
      fmt(
        `  unsupervised (k=${nRef} forced)`,
        truth,
        forced.assignments.map((a) => a.themeId),
      ),
    );
    t0 = performance.now();
    const guided = clusterThemes({ items, themes: refThemes, background: run.background });
    const tGuided = performance.now() - t0;
    console.log(
      fmt(
        '  guided (ids = labels)',
        truth,
        guided.assignments.map((a) => a.themeId),
        true,
      ),
    );
    const placed = guided.assignments.filter((a) => !guided.outliers.includes(a.itemId));
    const placedOk = placed.filter((a) => rows.find((r) => r.id === a.itemId)?.primary === a.themeId).length;
    console.log(
      `    outliers: ${guided.outliers.length}/${rows.length}; accuracy on placed items ${(placedOk / Math.max(1, placed.length)).toFixed(3)}`,
    );
    // Held-out halves: each half clustered on its own (the other half unseen).
    const halves = [0, 1].map((h) => {
      const sub = rows.filter((_, i) => i % 2 === h);
      const subItems = sub.map((r) => ({ id: r.id, text: r.text }));
      const subTruth = sub.map((r) => r.primary);
      const u = clusterThemes({ items: subItems, background: run.background });
      const g = clusterThemes({ items: subItems, themes: refThemes, background: run.background });
      return [
        nmi(
          subTruth,
          u.assignments.map((a) => a.themeId),
        ),
        macroF1(
          subTruth,
          g.assignments.map((a) => a.themeId),
          true,
        ),
      ] as const;
    });
    console.log(
      `    halves (${Math.floor(rows.length / 2)} each, on their own): unsupervised NMI ${halves.map((h) => h[0].toFixed(3)).join(' / ')}, guided macro-F1 ${halves.map((h) => h[1].toFixed(3)).join(' / ')}`,
    );
    // Secondary themes. Precision: share of given secondaries that name a theme
    // the response touches (its labelled primary or secondary). Recall: share
    // of labelled secondaries that the engine gives as a secondary.
    const byId = new Map(rows.map((r) => [r.id, r]));
    let secGiven = 0;
    let secRight = 0;
    let secFound = 0;
    const secLabelled = rows.reduce((s, r) => s + r.secondary.length, 0);
    for (const a of guided.assignments) {
      const r = byId.get(a.itemId) as Row;
      for (const sec of a.secondary) {
        secGiven++;
        if (sec.themeId === r.primary || r.secondary.includes(sec.themeId)) secRight++;
        if (r.secondary.includes(sec.themeId)) secFound++;
      }
    }
    console.log(
      `    secondary themes given: ${secGiven}, of which touched by the response: ${secRight} (precision ${(secRight / Math.max(1, secGiven)).toFixed(2)}); labelled secondaries found: ${secFound}/${secLabelled} (recall ${(secFound / Math.max(1, secLabelled)).toFixed(2)})`,
    );
    if (!run.background) console.log(`    ${withheldReport(rows, refThemes)}`);
    console.log(`    time: unsupervised ${tUnsup.toFixed(0)} ms, guided ${tGuided.toFixed(0)} ms\n`);
    shown = unsup;
    shownGuided = guided;
  }
  const unsup = shown as ReturnType<typeof clusterThemes>;
  const guided = shownGuided as ReturnType<typeof clusterThemes>;
  console.log(`unsupervised themes (${runs.at(-1)?.name}):`);
  for (const t of unsup.themes)
    console.log(
      `  ${t.id.padEnd(9)} ${String(t.size).padStart(3)}  ${t.label}  [${t.terms.slice(0, 5).join(', ')}]`,
    );
  const candidates = guided.themes.filter((t) => t.origin === 'discovered');
  if (candidates.length > 0) {
    console.log('guided candidate themes:');
    for (const t of candidates) console.log(`  ${t.id.padEnd(9)} ${String(t.size).padStart(3)}  ${t.label}`);
  }
}

function main(): void {
  const bgDir = path.join(repoRoot, 'content/background/krachtig-oud-worden');
  const background = existsSync(bgDir) ? readBackgroundDir(bgDir) : undefined;
  for (const set of sets) {
    if (!existsSync(set.responses) || !existsSync(set.themes)) {
      if (set.optional) {
        console.log(`(${set.name}: ${set.responses} or ${set.themes} not found; skipped)\n`);
        continue;
      }
      console.error(`eval-themes: ${set.responses} or ${set.themes} not found.`);
      process.exit(1);
    }
    evaluate(set.name, set.responses, set.themes, background);
    console.log('');
  }
}

main();
