/**
 * How long the personal-data detector takes per 1,000 answers (it runs on every answer and while
 * a note is typed). Texts: the labelled sets cycled to 1,000 answers, plus long answers.
 *
 *   npm run -s bench:pii                        # this checkout's detector
 *   npm run -s bench:pii -- --module DIR/index.ts   # another copy, e.g. an older commit's
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSets, loadLabelled, loadMarkup } from './eval-pii';

type Detect = (text: string) => unknown[];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(argv: readonly string[]): Promise<void> {
  const i = argv.indexOf('--module');
  const modulePath =
    i >= 0
      ? path.resolve(argv[i + 1] ?? '')
      : path.resolve(import.meta.dirname, '../../src/lib/privacy/index.ts');
  const { detectPersonalData } = (await import(pathToFileURL(modulePath).href)) as {
    detectPersonalData: Detect;
  };
  // Only sets written for development: the independent hold-out stays unread by tools like this.
  const texts = defaultSets()
    .filter((f) => !path.basename(f).startsWith('holdout-'))
    .flatMap((f) => (f.endsWith('.jsonl') ? loadLabelled(f) : loadMarkup(f)))
    .map((d) => d.text);
  const answers = Array.from({ length: 1000 }, (_, n) => texts[n % texts.length] ?? '');
  const long = Array.from({ length: 100 }, (_, n) =>
    Array.from({ length: 12 }, (_, k) => texts[(n + k) % texts.length]).join(' '),
  );
  // CPU time of this process, not wall time: the machine is shared, so other work must not count.
  const run = (batch: readonly string[]) => {
    const t0 = process.cpuUsage();
    for (const text of batch) detectPersonalData(text);
    const used = process.cpuUsage(t0);
    return (used.user + used.system) / 1000;
  };
  run(answers); // warm up (JIT, lazily built regexes)
  const short = Array.from({ length: 15 }, () => run(answers));
  const longRuns = Array.from({ length: 15 }, () => run(long));
  const avgChars = Math.round(answers.reduce((n, t) => n + t.length, 0) / answers.length);
  const longChars = Math.round(long.reduce((n, t) => n + t.length, 0) / long.length);
  console.log(`module: ${path.relative(process.cwd(), modulePath)}`);
  console.log(
    `1,000 answers (avg ${avgChars} chars): median ${median(short).toFixed(1)} ms CPU (min ${Math.min(...short).toFixed(1)}, max ${Math.max(...short).toFixed(1)})`,
  );
  console.log(
    `100 long texts (avg ${longChars} chars): median ${median(longRuns).toFixed(1)} ms CPU, i.e. ${(median(longRuns) * 10).toFixed(0)} ms per 1,000`,
  );
}

await main(process.argv.slice(2));
