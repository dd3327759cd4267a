// npm start: build when the sources are newer than the build, prepare the database (embedded:
// with demo data on first run), then serve the built site (src/cli/serve.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const entry = path.join(root, 'dist', 'server', 'entry.mjs');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const sources = ['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json'].map((p) =>
  path.join(root, p),
);
const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (builtAt < Math.max(...sources.map(newestMtime))) {
  console.log('Building the site…');
  run(bin('astro'), ['build']);
}

run(bin('tsx'), ['src/cli/db.ts', 'setup', '--demo']);

process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
// src/cli/serve.mjs: the built site with compression and caching (see there for why), in one
// process or SERVER_PROCESSES processes.
const { serve } = await import('./serve.mjs');
await serve({ entry });
