/**
 * An upload asked to (a sync's) records the whole file's MD5 as rclone does, in base64 as
 * x-amz-meta-md5chksum on CreateMultipartUpload: read before the upload is created, only when
 * asked, only for multipart (a single part's ETag is the MD5), not again when a resume continues
 * an upload that has it, and again from the new bytes when the file changed. Every request goes
 * to a fake client: the account's checksum mode keeps the lean wire path out.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../electron/worker/progress';
import { createLimiterBuffer, rateLimiter } from '../../electron/worker/rate-limiter';
import type { Attempt } from '../../electron/worker/retry';
import { runUpload } from '../../electron/worker/s3-upload';
import type { TaskContext } from '../../electron/worker/task-context';
import { NO_UPLOAD_OPTIONS } from '../../shared/properties';
import type { SourceFile, UploadCheckpoint, UploadTask } from '../../shared/transfer-protocol';
import { MiB } from '../../shared/transfers';

const PART = 5 * MiB;
const SIZE = 2 * PART + 1234;

interface Sent {
  command: string;
  input: Record<string, unknown>;
}

const md5 = (bytes: Buffer, encoding: 'hex' | 'base64'): string => createHash('md5').update(bytes).digest(encoding);

describe("the whole file's MD5 on a multipart upload (x-amz-meta-md5chksum)", () => {
  let dir: string;
  let file: string;
  let bytes: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-whole-md5-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A fresh file of `size` random bytes, as the queue's pre-flight stat describes it. */
  async function source(size = SIZE): Promise<SourceFile> {
    file = path.join(dir, `${randomBytes(4).toString('hex')}.bin`);
    bytes = randomBytes(size);
    await writeFile(file, bytes);
    const st = await stat(file);
    return { path: file, size, mtimeMs: st.mtimeMs, ino: st.ino };
  }

  /**
   * Runs the upload against a fake S3 that takes every request; `onPart` runs as a part arrives.
   * Returns what was sent, in order.
   */
  async function upload(
    src: SourceFile,
    fields: Pick<UploadTask, 'wholeFileMd5'> & Partial<UploadTask>,
    onPart: (upload: string, part: number) => Promise<void> = async () => {},
  ): Promise<Sent[]> {
    const sent: Sent[] = [];
    let uploads = 0;
    const answer = async (command: string, input: Record<string, unknown>): Promise<unknown> => {
      switch (command) {
        case 'CreateMultipartUploadCommand':
          return { UploadId: `u${++uploads}` };
        case 'UploadPartCommand': {
          await onPart(String(input.UploadId), Number(input.PartNumber));
          const hex = Buffer.from(String(input.ContentMD5), 'base64').toString('hex');
          return { ETag: `"${hex}"` };
        }
        case 'ListPartsCommand': {
          const parts = fields.resume?.parts ?? [];
          return { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, Size: p.size })) };
        }
        case 'HeadObjectCommand':
          return { ContentLength: src.size };
        case 'PutObjectCommand':
          return { ETag: `"${md5(bytes, 'hex')}"` };
        default:
          return {};
      }
    };
    const client = {
      async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
        sent.push({ command: command.constructor.name, input: command.input });
        return answer(command.constructor.name, command.input);
      },
    } as unknown as S3Client;
    const attempt: Attempt = { signal: new AbortController().signal, touch() {}, abort() {}, number: 1 };
    const tuning = { partsInParallel: 1, maxAttempts: 1, stallTimeoutMs: 30_000, baseBackoffMs: 1, maxBackoffMs: 1 };
    const ctx: TaskContext = {
      tuning,
      stop: new AbortController().signal,
      stopReason: () => null,
      limiters: { up: rateLimiter(createLimiterBuffer()), down: rateLimiter(createLimiterBuffer()) },
      progress: createProgressReporter(() => {}),
      checkpoint() {},
      notice() {},
      retry: (op) => op(attempt),
      client,
    };
    const task: UploadTask = {
      kind: 'upload',
      jobId: 'j1',
      credentials: {
        kind: 's3',
        endpoint: 'http://127.0.0.1:1',
        region: 'us-east-1',
        accessKeyId: 'AKIA',
        secretAccessKey: 'secret',
        addressingStyle: 'path',
        checksumMode: 'when_supported',
        pathStyle: true,
      },
      tuning,
      bucket: 'b',
      key: 'k.bin',
      source: src,
      multipartThreshold: PART,
      partSize: PART,
      contentType: null,
      options: NO_UPLOAD_OPTIONS,
      resume: null,
      ...fields,
    };
    await runUpload(task, ctx);
    return sent;
  }

  const creates = (sent: Sent[]) =>
    sent.filter((s) => s.command === 'CreateMultipartUploadCommand').map((s) => s.input.Metadata);

  it('is sent when asked, as the base64 MD5 of the whole file', async () => {
    const sent = await upload(await source(), { wholeFileMd5: true });
    expect(creates(sent)).toEqual([{ md5chksum: md5(bytes, 'base64') }]);
    expect(sent.filter((s) => s.command === 'UploadPartCommand')).toHaveLength(3);
  });

  it('is not sent when not asked, nor for a single part (its ETag is the MD5)', async () => {
    expect(creates(await upload(await source(), { wholeFileMd5: false }))).toEqual([undefined]);
    const single = await upload(await source(PART - 1), { wholeFileMd5: true });
    expect(single.map((s) => [s.command, s.input.Metadata])).toEqual([['PutObjectCommand', undefined]]);
  });

  it('a resume continues the upload it was created with: no second read, no new upload', async () => {
    const src = await source();
    const first = bytes.subarray(0, PART);
    const resume: UploadCheckpoint = {
      kind: 'upload',
      uploadId: 'saved',
      partSize: PART,
      source: { size: src.size, mtimeMs: src.mtimeMs },
      parts: [{ partNumber: 1, etag: `"${md5(first, 'hex')}"`, size: PART, md5: md5(first, 'hex') }],
    };
    const sent = await upload(src, { wholeFileMd5: true, resume });
    expect(sent.map((s) => s.command)).toEqual([
      'ListPartsCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
      'HeadObjectCommand',
    ]);
  });

  it('a file changed during the upload is read again: the new upload has the new MD5', async () => {
    const src = await source();
    const before = bytes;
    const after = randomBytes(SIZE);
    const sent = await upload(src, { wholeFileMd5: true }, async (uploadId, part) => {
      if (uploadId !== 'u1' || part !== 1) return;
      await writeFile(file, after);
      await utimes(file, new Date(1_700_000_000_000), new Date(1_700_000_000_000));
    });
    expect(creates(sent)).toEqual([{ md5chksum: md5(before, 'base64') }, { md5chksum: md5(after, 'base64') }]);
    expect(sent.filter((s) => s.command === 'AbortMultipartUploadCommand')).toHaveLength(1);
  });
});
