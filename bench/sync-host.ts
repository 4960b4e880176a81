/**
 * Folder sync through the real core, in a process of its own so its peak RSS (VmHWM, worker
 * threads included) belongs to the sync alone. Used by bench/sync.ts:
 *
 *   node out/bench/sync-host.js '<SyncHostJob JSON>'   (bench-host.ts bundles it as the browser
 *   host is bundled; BUNDLE=dev: node --import tsx bench/sync-host.ts)
 *
 * stdin: the secret key on the first line. stdout: one JSON line (SyncHostResult) per step.
 * The data folder is the job's and outlives the process: a later process finds the account, the
 * pair and its index there, as the app does after a restart.
 *
 * A step is what a person does to sync: compare (sync:plan) and, when the plan has anything to
 * do, run all of it (sync:run), timed from the request to the run's end ('sync:changed').
 */
import { createInterface } from 'node:readline';
import type { Core } from '../electron/core/create-core';
import { DEFAULT_SYNC_SETTINGS, type SyncPlanSummary, type SyncRunSummary, type SyncState } from '../shared/sync';
import { testAccountInput, type S3Target } from '../test/servers/s3-target';
import { benchCore, call, procStatusKiB, stdinLines } from './host-process';

export interface SyncHostJob {
  target: Omit<S3Target, 'secretAccessKey'>;
  dataDir: string;
  bucket: string;
  /** The pair's prefix ("…/"). */
  prefix: string;
  folder: string;
  /** How many syncs to run one after the other in this process. */
  steps: number;
}

export interface SyncHostResult {
  /** Request → plan answered (→ run finished, when there was anything to run). */
  seconds: number;
  compareSeconds: number;
  plan: Pick<SyncPlanSummary, 'counts' | 'unchanged' | 'fromIndex' | 'compareMs' | 'ignored'> & { problems: number };
  run: SyncRunSummary | null;
  /** Seconds from the process's start to the first request. */
  uptimeAtRequest: number;
  /** The process's peak RSS so far (KiB), and the highest VmRSS sampled every 20 ms during the step. */
  vmHwmKiB: number;
  sampledMaxRssKiB: number;
}

const SAMPLE_MS = 20;
const DEADLINE_MS = 60 * 60_000;
const RUN_ALL = { uploads: true, downloads: true, conflicts: true, deletions: false };

/** The account and the pair, made on the first start and found again on later ones. */
async function pairOf(core: Core, job: SyncHostJob, secretAccessKey: string): Promise<string> {
  const accounts = await call(core, 'accounts:list', {});
  const accountId =
    accounts[0]?.id ??
    (await call(core, 'accounts:create', { account: testAccountInput({ ...job.target, secretAccessKey }, 'bench') }))
      .id;
  const known = (await call(core, 'sync:list', {})).pairs.find(
    (p) => p.accountId === accountId && p.bucket === job.bucket && p.prefix === job.prefix,
  );
  if (known) return known.id;
  const created = await call(core, 'sync:create', {
    accountId,
    bucket: job.bucket,
    prefix: job.prefix,
    localFolder: job.folder,
    ...DEFAULT_SYNC_SETTINGS,
  });
  if (created.kind !== 'created') throw new Error('sync:create was cancelled');
  return created.pair.id;
}

/** Resolves with the pair's run summary once a run newer than `before` ended (subscribed before it starts). */
function runEnded(core: Core, pairId: string, before: SyncRunSummary | null): Promise<SyncRunSummary> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the run of ${pairId} did not end in time`));
    }, DEADLINE_MS);
    const off = core.onEvent('sync:changed', (state: SyncState) => {
      const pair = state.pairs.find((p) => p.id === pairId);
      const status = state.status.find((s) => s.pairId === pairId);
      if (!pair?.lastRun || status?.activity.state === 'running') return;
      if (JSON.stringify(pair.lastRun) === JSON.stringify(before)) return;
      clearTimeout(timer);
      off();
      resolve(pair.lastRun);
    });
  });
}

const hasWork = (plan: SyncPlanSummary): boolean =>
  plan.counts.upload.files + plan.counts.download.files + plan.counts.conflict.files > 0;

async function syncOnce(core: Core, pairId: string): Promise<SyncHostResult> {
  let sampledMaxRssKiB = procStatusKiB('VmRSS');
  const sampler = setInterval(() => {
    sampledMaxRssKiB = Math.max(sampledMaxRssKiB, procStatusKiB('VmRSS'));
  }, SAMPLE_MS);
  const uptimeAtRequest = process.uptime();
  const started = process.hrtime.bigint();
  const since = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const plan = await call(core, 'sync:plan', { pairId });
    const compareSeconds = since();
    let run: SyncRunSummary | null = null;
    if (hasWork(plan)) {
      const before = (await call(core, 'sync:list', {})).pairs.find((p) => p.id === pairId)?.lastRun ?? null;
      const ended = runEnded(core, pairId, before);
      await call(core, 'sync:run', { planId: plan.planId, parts: RUN_ALL });
      run = await ended;
    }
    const seconds = since();
    sampledMaxRssKiB = Math.max(sampledMaxRssKiB, procStatusKiB('VmRSS'));
    const { counts, unchanged, fromIndex, compareMs, ignored, problems } = plan;
    return {
      seconds,
      compareSeconds,
      plan: { counts, unchanged, fromIndex, compareMs, ignored, problems: problems.length },
      run,
      uptimeAtRequest,
      vmHwmKiB: procStatusKiB('VmHWM'),
      sampledMaxRssKiB,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as SyncHostJob;
  const nextLine = stdinLines(createInterface({ input: process.stdin })[Symbol.asyncIterator]());
  const secretAccessKey = (await nextLine()).trim();
  if (secretAccessKey === '') throw new Error('no secret key on stdin');
  const core = await benchCore(job.dataDir, import.meta.url);
  try {
    const pairId = await pairOf(core, job, secretAccessKey);
    for (let i = 0; i < job.steps; i++) process.stdout.write(`${JSON.stringify(await syncOnce(core, pairId))}\n`);
  } finally {
    await core.dispose();
  }
}

// bench/sync.ts imports only types from here, so this runs only as a program.
main().then(
  // Exit explicitly: nothing (a worker thread, a keep-alive socket, a watcher) may keep the host alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
