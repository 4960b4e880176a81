/**
 * Shared setup for the engine's integration tests: WorkerCredentials for the test server, task
 * builders, a runner that records every event, files of random bytes, SHA-256 helpers, and a
 * counting HTTP proxy (to prove which requests were, and were not, sent).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  AbortMultipartUploadCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { AppError } from '../../shared/errors';
import { NO_UPLOAD_OPTIONS } from '../../shared/properties';
import type {
  Checkpoint,
  DownloadCheckpoint,
  DownloadTask,
  EngineTuning,
  UploadCheckpoint,
  UploadTask,
  WorkerCredentials,
} from '../../shared/transfer-protocol';
import type { RunningTask, TaskOutcome, TransferEngine } from '../../electron/core/transfers/engine';
import { sdkClient, uniqueName } from './core-harness';
import type { S3ServerInfo } from './s3-context';
import { testAccountInput } from '../servers/s3-target';

export const MiB = 1024 * 1024;

export function credentialsFor(s3: S3ServerInfo, endpoint: string = s3.endpoint): WorkerCredentials {
  const account = testAccountInput(s3, 'engine');
  return {
    kind: 's3',
    endpoint,
    region: account.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    addressingStyle: 'path',
    checksumMode: 'when_required',
    pathStyle: true,
  };
}

export const TEST_TUNING: EngineTuning = {
  partsInParallel: 4,
  maxAttempts: 4,
  stallTimeoutMs: 30_000,
  baseBackoffMs: 50,
  maxBackoffMs: 500,
};

let jobCounter = 0;
export const jobId = (): string => `job-${Date.now().toString(36)}-${++jobCounter}`;

export function uploadTask(
  credentials: WorkerCredentials,
  fields: Pick<UploadTask, 'bucket' | 'key' | 'source'> & Partial<UploadTask>,
): UploadTask {
  return {
    kind: 'upload',
    jobId: jobId(),
    credentials,
    tuning: TEST_TUNING,
    multipartThreshold: 5 * MiB,
    partSize: 5 * MiB,
    contentType: 'application/octet-stream',
    options: NO_UPLOAD_OPTIONS,
    wholeFileMd5: false,
    resume: null,
    ...fields,
  };
}

export function downloadTask(
  credentials: WorkerCredentials,
  fields: Pick<DownloadTask, 'bucket' | 'key' | 'target'> & Partial<DownloadTask>,
): DownloadTask {
  return {
    kind: 'download',
    jobId: jobId(),
    credentials,
    tuning: TEST_TUNING,
    expected: { size: null, etag: null },
    chunkSize: 5 * MiB,
    resume: null,
    ...fields,
  };
}

export interface Recorded {
  running: RunningTask;
  outcome: Promise<TaskOutcome>;
  progress: { bytesDone: number; bytesTotal: number }[];
  checkpoints: Checkpoint[];
  notices: string[];
  retries: { attempt: number; reason: AppError }[];
  lastUploadCheckpoint(): UploadCheckpoint | null;
  lastDownloadCheckpoint(): DownloadCheckpoint | null;
}

/** Runs a task and records its events; `hooks` see each event as it happens. */
export function record(
  engine: TransferEngine,
  task: UploadTask | DownloadTask,
  hooks: {
    onProgress?(bytesDone: number, r: Recorded): void;
    onCheckpoint?(c: Checkpoint, r: Recorded): void;
    onNotice?(message: string, r: Recorded): void;
  } = {},
): Recorded {
  const r = {
    progress: [],
    checkpoints: [],
    notices: [],
    retries: [],
    lastUploadCheckpoint: () => last(r.checkpoints, 'upload') as UploadCheckpoint | null,
    lastDownloadCheckpoint: () => last(r.checkpoints, 'download') as DownloadCheckpoint | null,
  } as unknown as Recorded;
  r.running = engine.run(task, {
    onProgress: (bytesDone, bytesTotal) => {
      r.progress.push({ bytesDone, bytesTotal });
      hooks.onProgress?.(bytesDone, r);
    },
    onCheckpoint: (c) => {
      r.checkpoints.push(c);
      hooks.onCheckpoint?.(c, r);
    },
    onRetrying: (info) => r.retries.push({ attempt: info.attempt, reason: info.reason }),
    onNotice: (message) => {
      r.notices.push(message);
      hooks.onNotice?.(message, r);
    },
  });
  r.outcome = r.running.outcome;
  return r;
}

function last(checkpoints: Checkpoint[], kind: Checkpoint['kind']): Checkpoint | null {
  for (let i = checkpoints.length - 1; i >= 0; i--) if (checkpoints[i]!.kind === kind) return checkpoints[i]!;
  return null;
}

export async function expectDone(r: Recorded): Promise<{ size: number; etag: string | null }> {
  const outcome = await r.outcome;
  if (outcome.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome.result;
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** SHA-256 of an object, streamed (large objects are never held in memory). */
export async function sha256Object(sdk: S3Client, bucket: string, key: string): Promise<string> {
  const out = await sdk.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash('sha256');
  for await (const chunk of out.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

/** Writes `size` random bytes (in 16 MiB blocks) and returns their SHA-256. */
export async function writeRandomFile(file: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const fh = await open(file, 'w');
  try {
    for (let done = 0; done < size;) {
      const block = randomBytes(Math.min(16 * MiB, size - done));
      hash.update(block);
      await fh.write(block, 0, block.length, done);
      done += block.length;
    }
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
}

export interface EngineBed {
  sdk: S3Client;
  bucket: string;
  dir: string;
  file(name: string): string;
  pendingUploads(key: string): Promise<string[]>;
  dispose(): Promise<void>;
}

/** A bucket and a temp directory, both removed (with every object and upload) by dispose(). */
export async function startBed(s3: S3ServerInfo, label: string): Promise<EngineBed> {
  const sdk = sdkClient(s3);
  const bucket = uniqueName(label);
  await sdk.send(new CreateBucketCommand({ Bucket: bucket }));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qs-engine-it-'));
  const pendingUploads = async (key: string): Promise<string[]> => {
    const out = await sdk.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
    return (out.Uploads ?? []).filter((u) => u.Key === key).map((u) => u.UploadId ?? '');
  };
  return {
    sdk,
    bucket,
    dir,
    file: (name) => path.join(dir, name),
    pendingUploads,
    async dispose() {
      const uploads = await sdk.send(new ListMultipartUploadsCommand({ Bucket: bucket })).catch(() => null);
      for (const u of uploads?.Uploads ?? []) {
        await sdk
          .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }))
          .catch(() => {});
      }
      const listed = await sdk.send(new ListObjectsV2Command({ Bucket: bucket })).catch(() => null);
      const keys = (listed?.Contents ?? []).map((o) => ({ Key: o.Key ?? '' }));
      if (keys.length > 0) {
        await sdk.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } })).catch(() => {});
      }
      await sdk.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {});
      sdk.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface CountingProxy {
  endpoint: string;
  /** Every request seen: method and URL (path + query). */
  requests: { method: string; url: string }[];
  /** UploadPart requests by part number. */
  uploadParts(): number[];
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the server that records each request. Headers go
 * through unchanged, so SigV4 signatures (which cover Host) stay valid.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const requests: { method: string; url: string }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    const up = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.on('error', () => up.destroy());
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    uploadParts: () =>
      requests
        .filter((r) => r.method === 'PUT' && /[?&]partNumber=/.test(r.url))
        .map((r) => Number(new URL(r.url, 'http://x').searchParams.get('partNumber'))),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

export { writeFile, uniqueName };
