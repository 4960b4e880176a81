/**
 * A transfer queue on a temp data directory with a FakeEngine, a fake "server" (keys that
 * exist, aborted uploads) and recorded snapshots. Local source files are real temp files.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { WorkerCredentials } from '../../../shared/transfer-protocol';
import { DEFAULT_TRANSFER_SETTINGS, type TransferSettings, type TransfersSnapshot } from '../../../shared/transfers';
import { s3Transfers } from '../../../electron/core/providers/s3/transfers';
import { JobStore, type JobStoreOptions } from '../../../electron/core/transfers/job-store';
import type { Existing, ProviderTransfers } from '../../../electron/core/transfers/provider-transfers';
import { createQueue, type NewJob, type TransferQueue } from '../../../electron/core/transfers/queue';
import type { JobRecord } from '../../../electron/core/transfers/types';
import { FakeEngine } from './fake-engine';

export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';

export const CREDENTIALS: WorkerCredentials = {
  kind: 's3',
  endpoint: 'http://127.0.0.1:9',
  region: 'us-east-1',
  accessKeyId: 'AKIATESTACCESSKEY01',
  secretAccessKey: SECRET,
  addressingStyle: 'path',
  checksumMode: 'when_required',
  pathStyle: true,
};

export interface QueueHarness {
  dataDir: string;
  store: JobStore;
  queue: TransferQueue;
  engine: FakeEngine;
  settings: TransferSettings;
  snapshots: TransfersSnapshot[];
  /** Keys that "exist" on the server (conflict checks). */
  remote: Map<string, Existing>;
  aborted: { key: string; uploadId: string }[];
  discardedStages: string[];
  /** A real local file of `size` bytes under the data dir. */
  file(name: string, size?: number): Promise<string>;
  /** Queues an upload of a new local file in batch `batchId`. */
  upload(name: string, options?: { batchId?: string; size?: number; wholeFileMd5?: boolean }): Promise<JobRecord>;
  /** Reopens the store and a new queue on the same data dir (a restart). */
  restart(settings?: Partial<TransferSettings>): Promise<QueueHarness>;
  close(): Promise<void>;
}

export async function queueHarness(
  options: { settings?: Partial<TransferSettings>; dataDir?: string; store?: JobStoreOptions; now?: () => number } = {},
): Promise<QueueHarness> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'qs-queue-')));
  const store = await JobStore.open(dataDir, options.store ?? {});
  const engine = new FakeEngine();
  const settings: TransferSettings = { ...DEFAULT_TRANSFER_SETTINGS, ...options.settings };
  const snapshots: TransfersSnapshot[] = [];
  const remote = new Map<string, Existing>();
  const aborted: { key: string; uploadId: string }[] = [];
  const discardedStages: string[] = [];
  // The real S3 tasks (credentials included); the "server" answers conflict checks and aborts.
  const { endpoint, region, accessKeyId, addressingStyle, checksumMode } = CREDENTIALS;
  const transfers: ProviderTransfers = {
    ...s3Transfers({
      account: { kind: 's3', endpoint, region, accessKeyId, addressingStyle, checksumMode },
      readSecret: async () => SECRET,
      client: async () => ({}) as S3Client,
    }),
    existing: async (_bucket, key) => remote.get(key) ?? null,
    discardUpload: async (_bucket, key, leftover) => {
      aborted.push({ key, uploadId: leftover.uploadId });
    },
  };
  const queue = createQueue({
    store,
    engine,
    settings: () => settings,
    transfersFor: async () => transfers,
    stagingPath: (jobId) => path.join(dataDir, 'staging', jobId),
    discardStage: async (jobId) => {
      discardedStages.push(jobId);
    },
    emit: (s) => snapshots.push(s),
    ...(options.now && { now: options.now }),
  });
  const batches = new Set<string>();

  const harness: QueueHarness = {
    dataDir,
    store,
    queue,
    engine,
    settings,
    snapshots,
    remote,
    aborted,
    discardedStages,
    async file(name, size = 100) {
      const file = path.join(dataDir, 'src', name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, Buffer.alloc(size, 7));
      return file;
    },
    async upload(name, { batchId = 'b1', size = 100, wholeFileMd5 = false } = {}) {
      const localPath = await harness.file(name, size);
      if (!batches.has(batchId)) {
        batches.add(batchId);
        queue.openBatch({
          id: batchId,
          direction: 'upload',
          accountId: 'acc',
          bucket: 'bucket',
          place: 'bucket/in',
          conflict: 'ask',
          targetDir: null,
        });
      }
      const job: NewJob = {
        batchId,
        direction: 'upload',
        name,
        accountId: 'acc',
        bucket: 'bucket',
        key: `in/${name}`,
        localPath,
        bytesTotal: size,
        wholeFileMd5,
      };
      return queue.addJob(job);
    },
    async restart(next = {}) {
      await queue.dispose();
      await store.close();
      return queueHarness({ ...options, dataDir, settings: { ...settings, ...next } });
    },
    async close() {
      await queue.dispose();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
