/**
 * Speed and memory of the theme engine at 1,000 / 10,000 / 100,000 items.
 * Corpora are generated deterministically by recombining sentences of the dev
 * file (or built-in Dutch sentences when it is absent). Each size runs in its
 * own child process so that peak RSS is per size. Prints figures, asserts
 * nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterThemes } from '../../src/lib/themes/engine';
import { createRng } from '../../src/lib/themes/random';

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

function child(size: number): void {
  const items = corpus(size);
  const t0 = performance.now();
  const unsup = clusterThemes({ items });
  const t1 = performance.now();
  const themes = [
    { id: 'kosten', label: 'Kosten', description: 'Wat de hulp kost, eigen bijdrage, pensioen en AOW.' },
    { id: 'wonen', label: 'Wonen', description: 'Trap, traplift, verhuizen naar een gelijkvloerse woning.' },
    { id: 'netwerk', label: 'Familie en buren', description: 'Hulp van kinderen, buren en mantelzorgers.' },
  ];
  const t2 = performance.now();
  const guided = clusterThemes({ items, themes });
  const t3 = performance.now();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({
      size,
      unsupervisedMs: Math.round(t1 - t0),
      unsupervisedThemes: unsup.themes.length,
      guidedMs: Math.round(t3 - t2),
      guidedThemes: guided.themes.length,
      maxRssMb: Math.round(maxRssMb),
    }),
  );
}

function main(): void {
  const childIdx = process.argv.indexOf('--child');
  if (childIdx >= 0) {
    child(Number(process.argv[childIdx + 1]));
    return;
  }
  const sizes = (process.env.THEMES_BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
  console.log(
    `theme engine bench (${existsSync(devFile) ? 'sentences of the dev file' : 'built-in sentences'})`,
  );
  console.log('items     unsupervised   guided (3 themes)   peak RSS   themes found');
  for (const size of sizes) {
    const res = spawnSync(process.execPath, [...process.execArgv, here, '--child', String(size)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (res.status !== 0) {
      console.log(`${size}: failed (${res.stderr.trim().split('\n').slice(-3).join(' | ')})`);
      continue;
    }
    const r = JSON.parse(res.stdout) as {
      unsupervisedMs: number;
      guidedMs: number;
      maxRssMb: number;
      unsupervisedThemes: number;
    };
    console.log(
      `${String(size).padEnd(9)} ${`${(r.unsupervisedMs / 1000).toFixed(2)} s`.padStart(12)}   ${`${(r.guidedMs / 1000).toFixed(2)} s`.padStart(17)}   ${`${r.maxRssMb} MB`.padStart(8)}   ${r.unsupervisedThemes}`,
    );
  }
  console.log(
    '(times include analysis of all texts; the Dutch lexicon is loaded in the first run of each process)',
  );
}

main();
