/**
 * The one test command (`npm test`): type checks, lint, the build (`npm run build`), unit,
 * integration and security tests (vitest) and end-to-end tests (Playwright in Debian's Chromium)
 * against the bundles.
 * Every stage runs even if an earlier one failed, so one run shows everything; the last
 * line is the plain "N passed, N failed, N skipped" summary CI reads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const failedStages: string[] = [];
const RESULTS = 'test-results';

function run(stage: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${stage}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${stage} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failedStages.push(stage);
  return ok;
}

/** A stage that is a check rather than a test suite counts as one test. */
function check(stage: string, command: string, args: string[]): void {
  if (run(stage, command, args)) total.passed += 1;
  else total.failed += 1;
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

function addVitest(path: string, stage: string): void {
  const report = readJson(path) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTests: number;
  } | null;
  if (!report) {
    console.log(`✘ ${stage}: no report at ${path}`);
    total.failed += 1;
    return;
  }
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += report.numPendingTests + report.numTodoTests;
  // A suite that failed to load reports no failed test: count it as a failure.
  if (failedStages.includes(stage) && report.numFailedTests === 0) total.failed += 1;
}

function addPlaywright(path: string, stage: string): void {
  const report = readJson(path) as {
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  } | null;
  if (!report) {
    console.log(`✘ ${stage}: no report at ${path}`);
    total.failed += 1;
    return;
  }
  total.passed += report.stats.expected + report.stats.flaky;
  total.failed += report.stats.unexpected;
  total.skipped += report.stats.skipped;
  if (failedStages.includes(stage) && report.stats.unexpected === 0) total.failed += 1;
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

check('prerequisites', 'bash', ['test/servers/install-prerequisites.sh']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
check('format', 'npm', ['run', '--silent', 'format:check']);
// One build of every bundle (main, preload, worker, renderer, browser host): the tests below run them.
check('build', 'npm', ['run', '--silent', 'build']);

for (const project of ['unit', 'integration', 'security']) {
  const stage = `vitest ${project}`;
  const out = `${RESULTS}/vitest-${project}.json`;
  run(stage, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  addVitest(out, stage);
}

run('e2e', 'npx', ['playwright', 'test']);
addPlaywright(`${RESULTS}/e2e.json`, 'e2e');

if (failedStages.length > 0) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedStages.length > 0 || total.failed > 0 ? 1 : 0);
