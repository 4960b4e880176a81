/**
 * The benchmarks, one after the other (`npm run bench`, or `npx tsx bench/run.ts`): the
 * listing comparison, the UI with 100,000 rows, transfers (1 GiB and 2,000 small files up
 * and down, cold and warm, peak RSS, first byte on the wire) beside aws-cli and rclone, then folder
 * sync of 10,000 files beside aws s3 sync and rclone sync. Each can also run alone with npx tsx. They run
 * the bundles, built here first; BUNDLE=dev runs the sources (bench/bench-host.ts).
 */
import { spawn } from 'node:child_process';
import { bundleMode } from '../test/support/bundle';

const BENCHMARKS = ['bench/list-keys.ts', 'bench/renderer-100k.ts', 'bench/transfers.ts', 'bench/sync.ts'];

function run(command: string, args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

type Step = [name: string, command: string, args: string[]];
const build: Step[] = bundleMode() === 'build' ? [['npm run build', 'npm', ['run', '--silent', 'build']]] : [];
const steps: Step[] = [
  ...build,
  ...BENCHMARKS.map((file): Step => [file, process.execPath, ['--import', 'tsx', file]]),
];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const code = await run(command, args);
  if (code !== 0) {
    console.error(`${name} failed (exit ${code})`);
    process.exit(1);
  }
}
