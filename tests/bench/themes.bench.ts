/**
 * Speed and memory of the theme engine at 1,000 / 10,000 / 100,000 items.
 * Corpora are generated deterministically by recombining sentences of the dev
 * file (or built-in Dutch sentences when it is absent). Each size runs in its
 * own child process so that peak RSS is per size; within it, a small first
 * call loads the lexicon, then unsupervised and guided runs are repeated
 * (THEMES_BENCH_RUNS, default 5, 1 at 100,000) and the median wall and CPU
 * times are printed. Prints figures, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterThemes } from '../../src/lib/themes/engine';
import { createRng } from '../../src/lib/themes/random';
import { createScorer } from '../../src/lib/themes/scorer';

const here = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(here), '../..');
const devFile = path.resolve(repoRoot, '../shared/data/dev-responses.jsonl');

const FALLBACK = [
  'De eigen bijdrage voor de huishoudelijke hulp is te hoog voor mijn kleine pensioen.',
  'Ik wil graag elke week dezelfde vaste hulp, niet steeds een ander gezicht.',
  'Mijn dochter doet de boodschappen maar zij werkt ook en heeft kinderen.',
  'Een boodschappendienst of een was- en strijkservice zou mij al veel helpen.',
  'De trap wordt lastig, ik denk aan een traplift of verhuizen naar een gelijkvloerse woning.',
  'Het keukentafelgesprek duurde lang en de formulieren van het Wmo-loket zijn ingewikkeld.',
  'Ik wandel elke dag en ga naar de fysiotherapeut om mijn evenwicht te trainen.',
  'Een robotstofzuiger en een lichte steelstofzuiger maken het schoonmaken makkelijker.',
  'De hulp is vaak de enige die nog langskomt voor een kop koffie en een praatje.',
  'De hulp merkte dat het slechter ging en belde de huisarts en het wijkteam.',
  'Als aanbieder hebben wij te weinig tijd en geld om cliënten te leren het zelf te doen.',
  'Na mijn operatie had ik tijdelijk hulp nodig, nu doe ik het weer zelf met pauzes.',
];

function sentences(): string[] {
  if (!existsSync(devFile)) return FALLBACK;
  const out: string[] = [];
  for (const line of readFileSync(devFile, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const text = (JSON.parse(line) as { text: string }).text;
    for (const s of text.split(/(?<=[.!?])\s+/)) if (s.trim().length > 10) out.push(s.trim());
  }
  return out;
}

function corpus(size: number): { id: string; text: string }[] {
  const pool = sentences();
  const rng = createRng(size);
  return Array.from({ length: size }, (_, i) => {
    const parts = 1 + Math.floor(rng() * 3);
    const text = Array.from({ length: parts }, () => pool[Math.floor(rng() * pool.length)] as string).join(
      ' ',
    );
    return { id: `b${String(i).padStart(6, '0')}`, text };
  });
}

const THEMES = [
  { id: 'kosten', label: 'Kosten', description: 'Wat de hulp kost, eigen bijdrage, pensioen en AOW.' },
  { id: 'wonen', label: 'Wonen', description: 'Trap, traplift, verhuizen naar een gelijkvloerse woning.' },
  { id: 'netwerk', label: 'Familie en buren', description: 'Hulp van kinderen, buren en mantelzorgers.' },
];

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timed(fn: () => unknown): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function child(size: number, runs: number): void {
  const items = corpus(size);
  // First call of the process: loads the Dutch lexicon (once per server process) and warms the JIT.
  const first = timed(() => clusterThemes({ items: corpus(20) }));
  const unsup: Timing[] = [];
  const guided: Timing[] = [];
  let themesFound = 0;
  for (let r = 0; r < runs; r++) {
    unsup.push(
      timed(() => {
        themesFound = clusterThemes({ items }).themes.length;
      }),
    );
    guided.push(timed(() => clusterThemes({ items, themes: THEMES })));
  }
  // Incremental scoring (review queue): build once, then re-score after each confirmation.
  let scorer: ReturnType<typeof createScorer> | undefined;
  const build = timed(() => {
    scorer = createScorer({ items, themes: THEMES });
  });
  const placed = clusterThemes({ items, themes: THEMES });
  const members = new Map<string, string[]>();
  for (const a of placed.assignments) members.set(a.themeId, [...(members.get(a.themeId) ?? []), a.itemId]);
  const confirmed = new Set(items.filter((_, i) => i % 10 === 0).map((it) => it.id));
  const rescore: Timing[] = [];
  const similar: Timing[] = [];
  for (let r = 0; r < Math.max(3, runs); r++) {
    rescore.push(timed(() => scorer?.score(members, undefined, confirmed)));
    similar.push(timed(() => scorer?.similar([items[r]?.id as string], 20)));
  }
  process.stdout.write(
    JSON.stringify({
      size,
      firstCallMs: Math.round(first.wallMs),
      unsupervisedMs: unsup.map((t) => Math.round(t.wallMs)),
      unsupervisedCpuMs: unsup.map((t) => Math.round(t.cpuMs)),
      guidedMs: guided.map((t) => Math.round(t.wallMs)),
      guidedCpuMs: guided.map((t) => Math.round(t.cpuMs)),
      themesFound,
      scorerBuildMs: Math.round(build.wallMs),
      rescoreMs: rescore.map((t) => Math.round(t.wallMs)),
      rescoreCpuMs: rescore.map((t) => Math.round(t.cpuMs)),
      similarMs: similar.map((t) => Math.round(t.wallMs)),
      themesScored: members.size,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

function main(): void {
  const childIdx = process.argv.indexOf('--child');
  if (childIdx >= 0) {
    child(Number(process.argv[childIdx + 1]), Number(process.argv[childIdx + 2]));
    return;
  }
  const sizes = (process.env.THEMES_BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const runsFor = (size: number) => Number(process.env.THEMES_BENCH_RUNS ?? (size >= 100_000 ? 1 : 5));
  console.log(
    `theme engine bench (${existsSync(devFile) ? 'sentences of the dev file' : 'built-in sentences'}); load average before: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  console.log(
    'items     unsupervised (median wall / cpu)   guided, 3 themes (median wall / cpu)   runs   first call   peak RSS   themes',
  );
  for (const size of sizes) {
    const runs = runsFor(size);
    const res = spawnSync(
      process.execPath,
      [...process.execArgv, here, '--child', String(size), String(runs)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    if (res.status !== 0) {
      console.log(`${size}: failed (${res.stderr.trim().split('\n').slice(-3).join(' | ')})`);
      continue;
    }
    const r = JSON.parse(res.stdout) as {
      firstCallMs: number;
      unsupervisedMs: number[];
      unsupervisedCpuMs: number[];
      guidedMs: number[];
      guidedCpuMs: number[];
      maxRssMb: number;
      themesFound: number;
      scorerBuildMs: number;
      rescoreMs: number[];
      rescoreCpuMs: number[];
      similarMs: number[];
      themesScored: number;
    };
    const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `${String(size).padEnd(9)} ${`${sec(median(r.unsupervisedMs))} / ${sec(median(r.unsupervisedCpuMs))}`.padStart(33)}   ${`${sec(median(r.guidedMs))} / ${sec(median(r.guidedCpuMs))}`.padStart(36)}   ${String(runs).padStart(4)}   ${sec(r.firstCallMs).padStart(10)}   ${`${r.maxRssMb} MB`.padStart(8)}   ${r.themesFound}`,
    );
    console.log(
      `          unsupervised wall per run: ${r.unsupervisedMs.map(sec).join(', ')}; guided: ${r.guidedMs.map(sec).join(', ')}`,
    );
    console.log(
      `          incremental re-score of all ${size} items against ${r.themesScored} themes (median wall / cpu): ${median(r.rescoreMs)} ms / ${median(r.rescoreCpuMs)} ms; "Lijkt hierop" ${median(r.similarMs)} ms; scorer built once in ${sec(r.scorerBuildMs)}`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )}. Times include analysis of all texts; "first call" is a 20-item run that loads the Dutch lexicon (once per process). The machine is shared: wall time above cpu time means contention.`,
  );
}

main();
