/**
 * Each provider's part in transfers on its own: where uploads go, the worker tasks it builds
 * (credentials resolved once, the checkpoint of its own kind resumed) and what it refuses.
 * Listing, HEAD and cleanup against real servers are in the integration tests.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { NO_UPLOAD_OPTIONS, type UploadObjectOptions } from '../../shared/properties';
import { QUICKSYNC_BUCKET } from '../../shared/quicksync';
import type { Checkpoint } from '../../shared/transfer-protocol';
import { DEFAULT_TRANSFER_SETTINGS } from '../../shared/transfers';
import { CoreError } from '../../electron/core/errors';
import { quickSyncTransfers, resumableByFileKey } from '../../electron/core/providers/quicksync/transfers';
import { s3Transfers } from '../../electron/core/providers/s3/transfers';
import type { TaskRequest, UploadLeftover } from '../../electron/core/transfers/provider-transfers';

const settings = { ...DEFAULT_TRANSFER_SETTINGS, partSizeBytes: 8 << 20, quicksyncPartSizeBytes: 5 << 20 };
const tuning = { partsInParallel: 4, maxAttempts: 5, stallTimeoutMs: 30_000, baseBackoffMs: 1, maxBackoffMs: 2 };
const source = { path: '/tmp/a.txt', size: 10, mtimeMs: 1 };

const s3Upload: Checkpoint = { kind: 'upload', uploadId: 'u1', partSize: 5, source, parts: [] };
const qsUpload: Checkpoint = {
  kind: 'quicksync-upload',
  fileKey: 'fk1',
  uploadId: 'u1',
  partSize: 5,
  source,
  parts: [],
};
const download: Checkpoint = {
  kind: 'download',
  tempPath: '/tmp/x',
  etag: 'e',
  size: 10,
  chunkSize: 5,
  doneChunks: [],
};

function upload(checkpoint: Checkpoint | null, options: UploadObjectOptions | null = null): TaskRequest {
  return {
    direction: 'upload',
    jobId: 'j1',
    bucket: 'my.bucket',
    key: 'docs/a.txt',
    checkpoint,
    settings,
    tuning,
    source,
    options,
    wholeFileMd5: true,
  };
}
function downloadOf(checkpoint: Checkpoint | null): TaskRequest {
  const target = '/home/me/a.txt';
  return {
    direction: 'download',
    jobId: 'j2',
    bucket: 'plain',
    key: 'a.txt',
    checkpoint,
    settings,
    tuning,
    target,
    expected: null,
  };
}

const notFound = (): Error =>
  Object.assign(new Error('Not Found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });

function s3(options: { secret?: () => Promise<string>; head?: () => Promise<unknown> } = {}) {
  let reads = 0;
  const client = { send: options.head ?? (async () => ({})) } as unknown as S3Client;
  const transfers = s3Transfers({
    account: {
      kind: 'qstorage',
      endpoint: 'https://s3.example.com',
      region: 'eu-1',
      accessKeyId: 'AKIA1',
      addressingStyle: 'virtual',
      checksumMode: 'when_supported',
    },
    readSecret: () => {
      reads++;
      return options.secret ? options.secret() : Promise.resolve('s3cret');
    },
    client: async () => client,
  });
  return { transfers, reads: () => reads };
}

describe('S3 transfers', () => {
  it('upload where asked, and build upload tasks with the keys read once', async () => {
    const { transfers, reads } = s3();
    const place = { bucket: 'b', prefix: 'in/', conflict: 'ask' as const };
    expect(transfers.uploadPlace(place)).toEqual(place);
    const tags: UploadObjectOptions = { ...NO_UPLOAD_OPTIONS, tags: [{ key: 'k', value: 'v' }] };
    const task = await transfers.buildTask(upload(s3Upload, tags));
    expect(task).toEqual({
      kind: 'upload',
      jobId: 'j1',
      credentials: {
        kind: 'qstorage',
        endpoint: 'https://s3.example.com',
        region: 'eu-1',
        accessKeyId: 'AKIA1',
        secretAccessKey: 's3cret',
        addressingStyle: 'virtual',
        checksumMode: 'when_supported',
        pathStyle: true, // a dotted bucket cannot be a virtual host under TLS
      },
      tuning,
      bucket: 'my.bucket',
      key: 'docs/a.txt',
      source,
      multipartThreshold: settings.multipartThresholdBytes,
      partSize: settings.partSizeBytes,
      contentType: 'text/plain; charset=utf-8',
      options: tags,
      wholeFileMd5: true,
      resume: s3Upload,
    });
    // No options recorded: none sent; a checkpoint of another kind is not resumed.
    expect(await transfers.buildTask(upload(qsUpload))).toMatchObject({ options: NO_UPLOAD_OPTIONS, resume: null });
    expect(reads()).toBe(1);
  });

  it('build download tasks resuming only a download checkpoint', async () => {
    const { transfers } = s3();
    expect(await transfers.buildTask(downloadOf(download))).toMatchObject({
      kind: 'download',
      credentials: { pathStyle: false },
      bucket: 'plain',
      target: '/home/me/a.txt',
      expected: { size: null, etag: null },
      chunkSize: settings.partSizeBytes,
      resume: download,
    });
    expect(await transfers.buildTask(downloadOf(s3Upload))).toMatchObject({ resume: null });
  });

  it('read the secret again after a failed read', async () => {
    let fail = true;
    const { transfers, reads } = s3({
      secret: async () => {
        if (fail) throw new CoreError('SecretMissing', 'No secret is stored for this account.');
        return 'later';
      },
    });
    await expect(transfers.buildTask(upload(null))).rejects.toMatchObject({ code: 'SecretMissing' });
    fail = false;
    expect(await transfers.buildTask(upload(null))).toMatchObject({ credentials: { secretAccessKey: 'later' } });
    expect(reads()).toBe(2);
  });

  it('find an existing object with HEAD, and none behind a 404', async () => {
    const lastModified = new Date('2024-01-02T03:04:05.000Z');
    const found = s3({ head: async () => ({ ContentLength: 12, LastModified: lastModified }) });
    expect(await found.transfers.existing('b', 'k')).toEqual({ size: 12, lastModified: lastModified.toISOString() });
    const missing = s3({
      head: async () => {
        throw notFound();
      },
    });
    expect(await missing.transfers.existing('b', 'k')).toBeNull();
    expect(missing.transfers.leftoverHint).toBe('remove it with the incomplete uploads tool');
  });
});

describe('QuickSync transfers', () => {
  const transfers = quickSyncTransfers({
    account: { endpoint: 'https://api.example.com/v1/', accessKeyId: 'session-1', encryptNames: true },
    session: { apiBase: 'https://api.example.com/v1', token: 'tok', sessionId: 'session-1' },
  });
  const credentials = {
    kind: 'quicksync',
    endpoint: 'https://api.example.com/v1/',
    accessKeyId: 'session-1',
    secretAccessKey: 'tok',
    encryptNames: true,
  };

  it('upload every file as a new one into the one list: no prefix, nothing to ask, nothing existing', async () => {
    expect(transfers.uploadPlace({ bucket: 'other', prefix: 'in/', conflict: 'ask' })).toEqual({
      bucket: QUICKSYNC_BUCKET,
      prefix: '',
      conflict: 'overwrite',
    });
    expect(await transfers.existing(QUICKSYNC_BUCKET, 'a.txt')).toBeNull();
  });

  it('build QuickSync tasks resuming only their own checkpoints', async () => {
    expect(await transfers.buildTask(upload(qsUpload))).toEqual({
      kind: 'quicksync-upload',
      jobId: 'j1',
      credentials,
      tuning,
      key: 'docs/a.txt',
      source,
      partSize: settings.quicksyncPartSizeBytes,
      resume: qsUpload,
    });
    expect(await transfers.buildTask(upload(s3Upload))).toMatchObject({ resume: null });
    expect(await transfers.buildTask(downloadOf(download))).toEqual({
      kind: 'quicksync-download',
      jobId: 'j2',
      credentials,
      tuning,
      key: 'a.txt',
      target: '/home/me/a.txt',
      resume: download,
    });
  });

  it('refuse drag-out, and map resumable uploads by fileKey', async () => {
    await expect(transfers.dragOutDownloader(QUICKSYNC_BUCKET)).rejects.toMatchObject({
      code: 'NotSupported',
      message: 'QuickSync files cannot be dragged out: use Download.',
    });
    const leftovers = new Map<string, UploadLeftover>([
      ['job-1', qsUpload as UploadLeftover],
      ['job-2', s3Upload as UploadLeftover],
    ]);
    expect(resumableByFileKey(leftovers)).toEqual(new Map([['fk1', 'job-1']]));
    expect(transfers.leftoverHint).toBe('delete it from the incomplete uploads list');
  });
});
