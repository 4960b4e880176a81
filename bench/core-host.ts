/**
 * Transfer batches through the real core, in a process of their own so its peak RSS (VmHWM,
 * worker threads included) belongs to those batches alone. Used by bench/transfers.ts:
 *
 *   node out/bench/core-host.js '<HostJob JSON>'   (bench-host.ts bundles it as the browser host
 *   is bundled; BUNDLE=dev: node --import tsx bench/core-host.ts)
 *
 * stdin: the secret key on the first line, then one line ("next") before each step after the
 * first, so the benchmark can check and delete a step's result before the next one starts.
 * stdout: one JSON line (HostResult) per step.
 *
 * Creates a core in a temp data dir and the account, then runs the job's steps one after the
 * other in that core: the first is cold (first batch after start), the later ones warm (the app
 * has been open). Each queues one upload or download batch with conflict policy "overwrite" and
 * is timed from the request to the batch's finished event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Core } from '../electron/core/create-core';
import type { TransferSettingsPatch } from '../shared/schemas';
import type { BatchFinished, TransferSettings } from '../shared/transfers';
import { testAccountInput, type S3Target } from '../test/servers/s3-target';
import { benchCore, call, procStatusKiB, stdinLines } from './host-process';

export type HostOperation =
  | { kind: 'upload'; bucket: string; prefix: string; path: string }
  | { kind: 'download'; bucket: string; basePrefix: string; keys: string[]; targetDir: string };

export interface HostStep {
  operation: HostOperation;
  /** Jobs the batch must finish as done (a file: 1; a folder: its files). */
  expectDone: number;
}

export interface HostJob {
  target: Omit<S3Target, 'secretAccessKey'>;
  steps: HostStep[];
  /** Changes to the default transfer settings; none for the published figures. */
  settings?: TransferSettingsPatch;
}

export interface HostResult {
  seconds: number;
  batch: BatchFinished;
  settings: TransferSettings;
  /** process.hrtime.bigint() (decimal) right before transfers:upload|download was sent. */
  requestedAtNs: string;
  /** Seconds from the process's start to that request. */
  uptimeAtRequest: number;
  /** VmRSS before the batch (KiB). */
  rssBeforeKiB: number;
  /** The process's peak RSS so far (all steps up to this one), from /proc/self/status (KiB). */
  vmHwmKiB: number;
  /** The highest VmRSS seen by sampling every 20 ms during the batch (KiB). */
  sampledMaxRssKiB: number;
}

const SAMPLE_MS = 20;
const DEADLINE_MS = 60 * 60_000;

/** Resolves with the batch's finished summary (subscribed before the batch is queued). */
function batchFinished(core: Core, batchId: string): { done: Promise<BatchFinished>; stop: () => void } {
  let stop = (): void => {};
  const done = new Promise<BatchFinished>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`batch ${batchId} did not finish in time`)), DEADLINE_MS);
    const off = core.onEvent('transfers:progress', (snapshot) => {
      const finished = snapshot.finishedBatches.find((b) => b.batchId === batchId);
      if (finished === undefined) return;
      stop();
      resolve(finished);
    });
    stop = () => {
      clearTimeout(timer);
      off();
    };
  });
  return { done, stop };
}

async function runStep(
  core: Core,
  accountId: string,
  settings: TransferSettings,
  step: HostStep,
  index: number,
): Promise<HostResult> {
  const batchId = `bench-${process.pid}-${index}`;
  const finished = batchFinished(core, batchId);
  const rssBeforeKiB = procStatusKiB('VmRSS');
  let sampledMaxRssKiB = rssBeforeKiB;
  const sampler = setInterval(() => {
    sampledMaxRssKiB = Math.max(sampledMaxRssKiB, procStatusKiB('VmRSS'));
  }, SAMPLE_MS);
  const uptimeAtRequest = process.uptime();
  const started = process.hrtime.bigint();
  try {
    const op = step.operation;
    if (op.kind === 'upload') {
      await call(core, 'transfers:upload', {
        accountId,
        bucket: op.bucket,
        prefix: op.prefix,
        batchId,
        conflict: 'overwrite',
        sources: [{ kind: 'path', path: op.path }],
      });
    } else {
      const queued = await call(core, 'transfers:download', {
        accountId,
        bucket: op.bucket,
        basePrefix: op.basePrefix,
        keys: op.keys,
        targetDir: op.targetDir,
        batchId,
        conflict: 'overwrite',
      });
      if (queued.kind !== 'started') throw new Error('the download was not started');
    }
    const batch = await finished.done;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (batch.done !== step.expectDone || batch.failed + batch.skipped + batch.cancelled > 0) {
      const failed = await call(core, 'transfers:list', { filter: 'failed', offset: 0, limit: 5 });
      const why = failed.jobs.map((j) => `${j.name}: ${j.error?.code ?? '?'} ${j.error?.message ?? ''}`).join('; ');
      throw new Error(`batch finished with ${JSON.stringify(batch)} (expected ${step.expectDone} done). ${why}`);
    }
    sampledMaxRssKiB = Math.max(sampledMaxRssKiB, procStatusKiB('VmRSS'));
    return {
      seconds,
      batch,
      settings,
      requestedAtNs: started.toString(),
      uptimeAtRequest,
      rssBeforeKiB,
      vmHwmKiB: procStatusKiB('VmHWM'),
      sampledMaxRssKiB,
    };
  } finally {
    clearInterval(sampler);
    finished.stop();
  }
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as HostJob;
  const nextLine = stdinLines(createInterface({ input: process.stdin })[Symbol.asyncIterator]());
  const secretAccessKey = (await nextLine()).trim();
  if (secretAccessKey === '') throw new Error('no secret key on stdin');
  const dataDir = mkdtempSync(join(tmpdir(), 'qs-bench-host-'));
  try {
    const core = await benchCore(dataDir, import.meta.url);
    try {
      const account = await call(core, 'accounts:create', {
        account: testAccountInput({ ...job.target, secretAccessKey }, 'bench'),
      });
      const app =
        job.settings && Object.keys(job.settings).length > 0
          ? await call(core, 'settings:update', { transfers: job.settings })
          : await call(core, 'settings:get', {});
      for (const [i, step] of job.steps.entries()) {
        if (i > 0) await nextLine();
        const result = await runStep(core, account.id, app.transfers, step, i);
        process.stdout.write(`${JSON.stringify(result)}\n`);
      }
    } finally {
      await core.dispose();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// bench/transfers.ts imports only types from here, so this runs only as a program.
main().then(
  // Exit explicitly: nothing (a worker thread, a keep-alive socket) may keep the host alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
