// npm run bench: runs every tests/bench/*.bench.ts in its own process, one after another, and
// lets each print its figures. Benchmarks print; they never assert a time.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.join(process.cwd(), 'tests', 'bench');
const only = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script}`);
  const { status } = spawnSync(
    path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
    [path.join(dir, script)],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() },
    },
  );
  if (status !== 0) failed++;
}
console.log(`\n${scripts.length} benchmark script(s), ${failed} failed to run.`);
process.exit(failed ? 1 : 0);
