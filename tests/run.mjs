// npm test: static checks, then every suite, one summary line each; non-zero exit on any failure.
//   unit                 vitest, pure modules
//   integration-pglite   vitest, real Postgres in-process
//   integration-postgres vitest, the TCP PostgreSQL at DATABASE_URL (only when set)
//   e2e                  Playwright in Chromium against the built server
// Arguments name suites to run only those, e.g. `npm test -- unit e2e`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = (name) => path.join(process.cwd(), 'node_modules', '.bin', name);
const scratch = mkdtempSync(path.join(tmpdir(), 'dm-test-'));
const wanted = process.argv.slice(2);
const results = [];

function run(command, args, env = {}) {
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { status: status ?? 1, seconds: Math.round((Date.now() - started) / 1000) };
}

function staticCheck(name, command, args) {
  if (wanted.length && !wanted.includes(name)) return;
  const { status, seconds } = run(command, args);
  results.push({
    name,
    line: status === 0 ? `ok (${seconds}s)` : `FAILED (${seconds}s)`,
    failed: status !== 0,
  });
}

function vitestSuite(project) {
  if (wanted.length && !wanted.includes(project)) return;
  const report = path.join(scratch, `${project}.json`);
  const { status, seconds } = run(bin('vitest'), [
    'run',
    '--config',
    'tests/vitest.config.ts',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  let counts = null;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    // Count tests from the per-test results (the aggregate counts describe blocks as well).
    const tests = json.testResults.flatMap((file) => file.assertionResults);
    const failedTests = tests.filter((t) => t.status === 'failed').length;
    // A file that fails to load has no failed tests but counts as one failure.
    const brokenFiles = json.testResults.filter(
      (file) => file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed'),
    ).length;
    counts = {
      passed: tests.filter((t) => t.status === 'passed').length,
      failed: failedTests + brokenFiles,
      skipped: tests.filter((t) => t.status === 'skipped' || t.status === 'pending' || t.status === 'todo')
        .length,
    };
  } catch {
    // no report: the run crashed before writing it
  }
  record(project, counts, status, seconds);
}

function playwrightSuite() {
  if (wanted.length && !wanted.includes('e2e')) return;
  const report = path.join(scratch, 'e2e.json');
  const { status, seconds } = run(
    bin('playwright'),
    ['test', '--config', 'tests/playwright.config.ts', '--reporter=list,json'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    },
  );
  let counts = null;
  try {
    const { stats } = JSON.parse(readFileSync(report, 'utf8'));
    counts = { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  } catch {
    // no report
  }
  record('e2e', counts, status, seconds);
}

function record(name, counts, status, seconds) {
  const failed = status !== 0 || !counts || counts.failed > 0;
  const line = counts
    ? `${counts.passed} passed, ${counts.failed + (failed && counts.failed === 0 ? 1 : 0)} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
    : '0 passed, 1 failed';
  results.push({ name, line, seconds, failed, counts });
}

staticCheck('lint', bin('biome'), ['check', '.']);
staticCheck('check', 'npm', ['run', '-s', 'check']);
vitestSuite('unit');
vitestSuite('integration-pglite');
if (process.env.DATABASE_URL) vitestSuite('integration-postgres');
else if (!wanted.length || wanted.includes('integration-postgres'))
  console.log('\nDATABASE_URL is not set: the integration suite runs on PGlite only.');
playwrightSuite();
rmSync(scratch, { recursive: true, force: true });

console.log('\nSummary');
for (const r of results)
  console.log(`${r.name}: ${r.line}${r.seconds !== undefined ? ` (${r.seconds}s)` : ''}`);
const suites = results.filter((r) => r.counts !== undefined);
const passed = suites.reduce((n, r) => n + (r.counts?.passed ?? 0), 0);
const failed = suites.reduce(
  (n, r) => n + (r.counts?.failed ?? 0) + (r.failed && !r.counts?.failed ? 1 : 0),
  0,
);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(results.some((r) => r.failed) ? 1 : 0);
