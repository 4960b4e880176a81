/**
 * The benchmarks, one after the other (`npm run bench`, or `npx tsx bench/run.ts`): the
 * listing comparison, the UI with 100,000 rows, then transfers (1 GiB up/down, 2,000 small
 * files, peak RSS) beside aws-cli and rclone. Each can also run alone with npx tsx.
 */
import { spawn } from 'node:child_process';

const BENCHMARKS = ['bench/list-keys.ts', 'bench/renderer-100k.ts', 'bench/transfers.ts'];

function run(file: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

for (const file of BENCHMARKS) {
  console.log(`\n▶ ${file}`);
  const code = await run(file);
  if (code !== 0) {
    console.error(`${file} failed (exit ${code})`);
    process.exit(1);
  }
}
