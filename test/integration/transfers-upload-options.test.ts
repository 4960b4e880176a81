/**
 * Upload-time options through the queue against the real server: tags (x-amz-tagging), a canned
 * ACL and a storage class on single PUTs and multipart uploads, read back with the SDK; the
 * file's modification time as rclone records it (x-amz-meta-mtime), but not a browser upload's; SSE
 * that the service does not confirm (radosgw 16 has no SSE-S3) ends the job with a notice; and
 * the options survive a pause → resume (ListParts) and a restart of the core whose multipart
 * upload had gone meanwhile (recreated from the journal's options).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  GetObjectAclCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  type Grant as SdkGrant,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_USERS_URI, type Tag, type UploadObjectOptions } from '../../shared/properties';
import { MiB, type TransferJobView } from '../../shared/transfers';
import { createCore, type Core } from '../../electron/core/create-core';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import { rcloneMtime, taggingHeader } from '../../electron/worker/upload-options';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from '../servers/fault-proxy';
import { testAccountInput } from '../servers/s3-target';
import { startHarness, uniqueName, unwrap, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import {
  completedParts,
  endpointTarget,
  incompleteUploads,
  isUploadPart,
  makeRandomFile,
  proxiedAccount,
  sha256,
  updateTransferSettings,
  waitForBatch,
  waitForJobs,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;
const SMALL = 12_345;
const MULTI = 2 * PART + 777;
const LONG = 6 * PART + 4321;

/** Spaces, '+', '=', '/', ':', '@' and another script: what the tag alphabet allows. */
const TAGS: Tag[] = [
  { key: 'project name', value: 'a+b=c 1/2' },
  { key: 'ключ', value: 'значение' },
  { key: 'team@q:ops', value: '' },
];
const OPTIONS: UploadObjectOptions = { tags: TAGS, acl: 'public-read', encryption: null, storageClass: 'STANDARD' };

const isCreate = (r: ProxiedRequest): boolean => r.method === 'POST' && 'uploads' in r.query;
const byKey = (a: Tag, b: Tag): number => a.key.localeCompare(b.key);
const isAllUsersRead = (g: SdkGrant): boolean =>
  g.Grantee?.Type === 'Group' && g.Grantee.URI === ALL_USERS_URI && g.Permission === 'READ';

describe.skipIf(!s3)(s3Title('transfers: upload options (tags, ACL, encryption, storage class)'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let dir: string;
  const hashes = new Map<string, string>();

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('upopts');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-upopts-'));
    await updateTransferSettings(h, { partSizeBytes: PART, multipartThresholdBytes: PART, partsInParallel: 2 });
    for (const [name, size] of [
      ['small.txt', SMALL],
      ['multi.bin', MULTI],
      ['long.bin', LONG],
    ] as const) {
      hashes.set(name, await makeRandomFile(path.join(dir, name), size));
    }
  });
  afterAll(async () => {
    await h?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const upload = async (
    prefix: string,
    names: string[],
    options?: UploadObjectOptions,
    accountId = h.accountId,
  ): Promise<string> => {
    const batchId = uniqueName('up');
    await h.call('transfers:upload', {
      accountId,
      bucket,
      prefix,
      batchId,
      conflict: 'overwrite',
      sources: names.map((n) => ({ kind: 'path' as const, path: path.join(dir, n) })),
      ...(options && { options }),
    });
    return batchId;
  };
  const tagsOf = async (key: string): Promise<Tag[]> => {
    const out = await h.sdk.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    return (out.TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })).sort(byKey);
  };
  const grantsOf = async (key: string): Promise<SdkGrant[]> =>
    (await h.sdk.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }))).Grants ?? [];
  const head = (key: string) => h.sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  /** x-amz-meta-mtime as rclone would write it for the source file now. */
  const mtimeOf = async (name: string): Promise<string> =>
    rcloneMtime((await stat(path.join(dir, name), { bigint: true })).mtimeNs);

  it('single PUT and multipart carry tags, public-read and the storage class; without options, none', async () => {
    const jobs = await waitForBatch(h.core, await upload('with/', ['small.txt', 'multi.bin'], OPTIONS), {
      timeoutMs: 60_000,
      expectJobs: 2,
    });
    expect(jobs.map((j) => [j.key, j.state, j.error, j.notice]).sort()).toEqual([
      ['with/multi.bin', 'done', null, null],
      ['with/small.txt', 'done', null, null],
    ]);
    const plainJobs = await waitForBatch(h.core, await upload('without/', ['small.txt', 'multi.bin']), {
      timeoutMs: 60_000,
      expectJobs: 2,
    });
    expect(plainJobs.map((j) => j.state)).toEqual(['done', 'done']);

    for (const [name, parts] of [
      ['small.txt', 0],
      ['multi.bin', 3],
    ] as const) {
      const key = `with/${name}`;
      expect(sha256(await h.get(bucket, key)), key).toBe(hashes.get(name));
      const meta = await head(key);
      // The ETag shows which path ran: a plain MD5 for the PUT, "-3" for three parts.
      expect(meta.ETag, key).toMatch(parts === 0 ? /^"[0-9a-f]{32}"$/ : /^"[0-9a-f]{32}-3"$/);
      // S3 leaves the header out for STANDARD; radosgw sends it.
      expect(meta.StorageClass ?? 'STANDARD', key).toBe('STANDARD');
      expect(await tagsOf(key), key).toEqual([...TAGS].sort(byKey));
      expect((await grantsOf(key)).filter(isAllUsersRead), key).toHaveLength(1);

      const plain = `without/${name}`;
      // The file's modification time, to the nanosecond, with or without options.
      for (const k of [key, plain]) expect((await head(k)).Metadata, k).toEqual({ mtime: await mtimeOf(name) });
      expect(await tagsOf(plain), plain).toEqual([]);
      expect((await grantsOf(plain)).filter(isAllUsersRead), plain).toEqual([]);
    }
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
  });

  it("a browser upload's staging file has no time worth recording: no x-amz-meta-mtime", async () => {
    const batchId = uniqueName('staged');
    const bytes = Buffer.from('staged bytes');
    const started = await h.call('transfers:upload', {
      accountId: h.accountId,
      bucket,
      prefix: 'staged/',
      batchId,
      conflict: 'overwrite',
      sources: [{ kind: 'browser', relativePath: 'note.txt', size: bytes.length, lastModified: 0 }],
    });
    const [stagePath] = started.stagePaths;
    await h.core.receiveStagedUpload(stagePath!.slice('/upload/'.length), Readable.from([bytes]));
    const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 60_000, expectJobs: 1 });
    expect([job?.state, job?.error]).toEqual(['done', null]);
    expect(await h.get(bucket, 'staged/note.txt')).toEqual(bytes);
    expect((await head('staged/note.txt')).Metadata).toEqual({});
  });

  it.skipIf(info?.kind !== 'radosgw')(
    'a storage class the service does not have reaches it: radosgw refuses, the job fails with its answer',
    async () => {
      const jobs = await waitForBatch(
        h.core,
        await upload('class/', ['small.txt', 'multi.bin'], { ...OPTIONS, storageClass: 'GLACIER_IR' }),
        { timeoutMs: 60_000, expectJobs: 2 },
      );
      for (const job of jobs) {
        expect(job.state, job.key).toBe('failed');
        expect(job.error?.detail, job.key).toMatch(/service code InvalidArgument · HTTP 400/);
      }
      expect(await h.allKeys(bucket, 'class/')).toEqual([]);
      expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
    },
  );

  it('AES256 that the service does not confirm: the job is done, with a notice saying so', async () => {
    const options: UploadObjectOptions = { ...OPTIONS, encryption: { algorithm: 'AES256', kmsKeyId: null } };
    const jobs = await waitForBatch(h.core, await upload('sse/', ['small.txt', 'multi.bin'], options), {
      timeoutMs: 60_000,
      expectJobs: 2,
    });
    for (const job of jobs) {
      expect([job.key, job.state, job.error]).toEqual([job.key, 'done', null]);
      expect(sha256(await h.get(bucket, job.key)), job.key).toBe(hashes.get(path.posix.basename(job.key)));
      expect(await tagsOf(job.key), job.key).toEqual([...TAGS].sort(byKey));
      const reported = (await head(job.key)).ServerSideEncryption;
      // radosgw 16 accepts the header but has no SSE-S3 (TEST-SERVERS.md): nothing comes back.
      if (info.kind === 'radosgw') expect(reported, job.key).toBeUndefined();
      expect(job.notice, job.key).toBe(
        reported === 'AES256'
          ? null
          : 'Encryption AES256 was requested, but the service did not confirm it: this service may not support it.',
      );
    }
  });

  it('pause then resume of a multipart upload keeps its options (same upload, ListParts)', async () => {
    const proxy: FaultProxy = await startFaultProxy({ target: endpointTarget(info.endpoint) });
    try {
      const viaProxy = await proxiedAccount(h, info, proxy.url);
      await updateTransferSettings(h, { uploadBytesPerSecond: 8 * MiB });
      const batchId = await upload('paused/', ['long.bin'], OPTIONS, viaProxy);
      await proxy.waitFor(
        (s) => [...completedParts(s.requests).values()].some((parts) => parts.size >= 2),
        30_000,
        'two completed parts',
      );
      expect(await h.call('transfers:control', { action: 'pause', target: { batchId } })).toEqual({ affected: 1 });
      await waitForJobs(h.core, (jobs) => jobOf(jobs, batchId)?.state === 'paused', 30_000, 'the paused job');
      const atPause = proxy.stats.requests.length;
      const [uploadId] = [...completedParts(proxy.stats.requests).keys()];

      await updateTransferSettings(h, { uploadBytesPerSecond: 0 });
      expect(await h.call('transfers:control', { action: 'resume', target: { batchId } })).toEqual({ affected: 1 });
      const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 60_000 });
      expect([job?.state, job?.error, job?.notice]).toEqual(['done', null, null]);

      // The options went on the wire with CreateMultipartUpload.
      const creates = proxy.stats.requests.filter(isCreate);
      expect(
        creates.map((r) => [r.headers['x-amz-tagging'], r.headers['x-amz-acl'], r.headers['x-amz-storage-class']]),
      ).toEqual([[taggingHeader(TAGS), 'public-read', 'STANDARD']]);
      // The file's time went once, with CreateMultipartUpload; no part carries it.
      expect(creates.map((r) => r.headers['x-amz-meta-mtime'])).toEqual([await mtimeOf('long.bin')]);
      expect(proxy.stats.requests.filter((r) => r.headers['x-amz-meta-mtime'] !== undefined)).toHaveLength(1);
      // radosgw 16 ignores x-amz-tagging there: the engine saw no tags on HEAD and set them.
      const setTags = proxy.stats.requests.filter((r) => r.method === 'PUT' && 'tagging' in r.query);
      if (info.kind === 'radosgw') expect(setTags.map((r) => r.status)).toEqual([200]);

      const after = proxy.stats.requests.slice(atPause);
      expect(after.filter(isCreate)).toEqual([]); // the same multipart upload went on
      expect(after.filter(isUploadPart).every((r) => r.query['uploadId'] === uploadId)).toBe(true);
      expect(sha256(await h.get(bucket, 'paused/long.bin'))).toBe(hashes.get('long.bin'));
      expect((await head('paused/long.bin')).Metadata).toEqual({ mtime: await mtimeOf('long.bin') });
      expect(await tagsOf('paused/long.bin')).toEqual([...TAGS].sort(byKey));
      expect((await grantsOf('paused/long.bin')).filter(isAllUsersRead)).toHaveLength(1);
      expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
    } finally {
      await updateTransferSettings(h, { uploadBytesPerSecond: 0 });
      await proxy.close();
    }
  });

  it('after a restart whose multipart upload had gone, the new upload gets the journaled options', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-upopts-data-'));
    const open = async (): Promise<Core> =>
      createCore({
        dataDir,
        vault: await createKeyFileVault(dataDir),
        workerEntry: SOURCE_WORKER_ENTRY,
        host: {},
        info: { host: 'web', version: 'test' },
      });
    const call = async <T>(core: Core, channel: string, request: unknown): Promise<T> =>
      unwrap<T>(await core.invoke(channel, request), channel);
    let core: Core | null = await open();
    try {
      const { id: accountId } = await call<{ id: string }>(core, 'accounts:create', {
        account: testAccountInput(info, 'Restart test'),
      });
      await call(core, 'settings:update', {
        transfers: {
          partSizeBytes: PART,
          multipartThresholdBytes: PART,
          partsInParallel: 2,
          uploadBytesPerSecond: 8 * MiB,
        },
      });
      const batchId = uniqueName('up');
      await call(core, 'transfers:upload', {
        accountId,
        bucket,
        prefix: 'restarted/',
        batchId,
        conflict: 'overwrite',
        sources: [{ kind: 'path', path: path.join(dir, 'long.bin') }],
        options: OPTIONS,
      });
      // Bytes of a part on the wire: the upload id was journaled before the first part went.
      await waitForJobs(core, (jobs) => (jobOf(jobs, batchId)?.bytesDone ?? 0) >= PART, 30_000, 'upload progress');
      await core.dispose(); // the job stays "running" in the journal and resumes on start
      core = null;
      const gone = (await incompleteUploads(h.sdk, bucket)).filter((u) => u.key === 'restarted/long.bin');
      expect(gone).toHaveLength(1);
      await h.sdk.send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'restarted/long.bin', UploadId: gone[0]!.uploadId }),
      );

      const again = await open();
      core = again;
      await call(again, 'settings:update', { transfers: { uploadBytesPerSecond: 0 } });
      const [job] = await waitForBatch(again, batchId, { timeoutMs: 60_000 });
      expect([job?.state, job?.error, job?.notice]).toEqual([
        'done',
        null,
        'The unfinished upload was no longer on the server; starting again from the beginning.',
      ]);
      expect(sha256(await h.get(bucket, 'restarted/long.bin'))).toBe(hashes.get('long.bin'));
      expect((await head('restarted/long.bin')).Metadata).toEqual({ mtime: await mtimeOf('long.bin') });
      expect(await tagsOf('restarted/long.bin')).toEqual([...TAGS].sort(byKey));
      expect((await grantsOf('restarted/long.bin')).filter(isAllUsersRead)).toHaveLength(1);
      expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
    } finally {
      await core?.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

const jobOf = (jobs: TransferJobView[], batchId: string): TransferJobView | undefined =>
  jobs.find((j) => j.batchId === batchId);
