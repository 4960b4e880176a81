/**
 * The incomplete-uploads tool without a server: the opaque token that carries both markers,
 * the paging rules (fallback to the last upload, a repeated marker ends the listing) and the
 * abort summary (NoSuchUpload is success), played by a stub client.
 */
import { S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../shared/contract';
import {
  abortUploads,
  listIncompleteUploads,
  packUploadToken,
  unpackUploadToken,
} from '../../electron/core/providers/s3/multipart-uploads';
import { CoreError } from '../../electron/core/errors';

type Sent = { name: string; input: Record<string, unknown> };

function stubClient(answer: (sent: Sent) => unknown): { client: S3Client; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const entry = { name: command.constructor.name, input: command.input };
      sent.push(entry);
      const out = answer(entry);
      if (out instanceof Error) throw out;
      return out;
    },
  } as unknown as S3Client;
  return { client, sent };
}

const serviceError = (name: string, status: number): S3ServiceException =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

const invalid = (token: string): unknown => {
  try {
    unpackUploadToken(token);
    return null;
  } catch (error) {
    return error;
  }
};

describe('incomplete uploads: the continuation token', () => {
  it('round-trips any key and upload id, including dots, slashes, unicode and an empty upload id', () => {
    const cases = [
      { keyMarker: 'a.txt', uploadIdMarker: '2~abc.def' },
      { keyMarker: 'dir/sub dir/ünïcødé 🎉.tar.gz', uploadIdMarker: 'x'.repeat(300) },
      { keyMarker: '..//+=?&%', uploadIdMarker: '' },
      { keyMarker: '\u0001\t\n', uploadIdMarker: 'id' },
    ];
    for (const markers of cases) {
      const token = packUploadToken(markers);
      expect(token).toMatch(/^mu1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/);
      expect(unpackUploadToken(token)).toEqual(markers);
    }
  });

  it('fits the request schema even for a 1,024-byte key and a 1,024-character upload id', () => {
    const token = packUploadToken({ keyMarker: '€'.repeat(341) + 'a', uploadIdMarker: 'u'.repeat(1024) });
    const parsed = requestSchemas['multipart:list'].safeParse({
      accountId: 'a',
      bucket: 'b',
      prefix: '',
      continuationToken: token,
    });
    expect(parsed.success).toBe(true);
  });

  it('rejects tokens it did not make, as InvalidRequest', () => {
    for (const token of [
      'plain-key-from-radosgw',
      'mu1.',
      'mu1.YQ',
      'mu2.YQ.YQ',
      'mu1..YQ',
      'mu1.YQ.YQ.YQ',
      'mu1.YQ==.YQ',
      'mu1.Y+Q.YQ',
      'mu1.YR.YQ', // decodes, but not what base64url of that string gives back
      'mu1.gA.YQ', // 0x80: not UTF-8
    ]) {
      const error = invalid(token);
      expect(error, token).toBeInstanceOf(CoreError);
      expect((error as CoreError).code).toBe('InvalidRequest');
    }
  });
});

describe('incomplete uploads: paging', () => {
  const upload = (key: string, uploadId: string) => ({
    Key: key,
    UploadId: uploadId,
    Initiated: new Date('2024-05-01T10:00:00Z'),
    Initiator: { ID: 'tester', DisplayName: 'Tester' },
    StorageClass: 'STANDARD',
  });

  it('passes both markers back exactly and maps the uploads', async () => {
    const { client, sent } = stubClient(() => ({
      Uploads: [upload('k/1', 'u1'), { Key: 'k/2', UploadId: 'u2' }, { UploadId: 'no-key' }],
      IsTruncated: true,
      NextKeyMarker: 'k/2',
      NextUploadIdMarker: 'u2',
    }));
    const first = await listIncompleteUploads(client, {
      bucket: 'b',
      prefix: 'k/',
      continuationToken: null,
      pageSize: 2,
    });
    expect(first.items).toEqual([
      {
        key: 'k/1',
        uploadId: 'u1',
        initiated: '2024-05-01T10:00:00.000Z',
        initiator: 'Tester',
        storageClass: 'STANDARD',
      },
      { key: 'k/2', uploadId: 'u2', initiated: null, initiator: null, storageClass: null },
    ]);
    expect(first.nextToken).not.toBeNull();
    expect(sent[0]?.input).toEqual({ Bucket: 'b', Prefix: 'k/', MaxUploads: 2 });

    await listIncompleteUploads(client, { bucket: 'b', prefix: '', continuationToken: first.nextToken });
    expect(sent[1]?.input).toEqual({ Bucket: 'b', MaxUploads: 1000, KeyMarker: 'k/2', UploadIdMarker: 'u2' });
  });

  it('ends on a repeated marker and on an untruncated page', async () => {
    const { client } = stubClient(() => ({
      Uploads: [upload('a', '1')],
      IsTruncated: true,
      NextKeyMarker: 'a',
      NextUploadIdMarker: '1',
    }));
    const token = packUploadToken({ keyMarker: 'a', uploadIdMarker: '1' });
    expect(
      (await listIncompleteUploads(client, { bucket: 'b', prefix: '', continuationToken: token })).nextToken,
    ).toBeNull();

    const done = stubClient(() => ({ Uploads: [upload('a', '1')], IsTruncated: false, NextKeyMarker: 'a' }));
    expect(
      (await listIncompleteUploads(done.client, { bucket: 'b', prefix: '', continuationToken: null })).nextToken,
    ).toBeNull();
  });

  it('falls back to the last upload listed when a truncated page carries no markers', async () => {
    const { client, sent } = stubClient(() => ({ Uploads: [upload('a', '1'), upload('b', '2')], IsTruncated: true }));
    const page = await listIncompleteUploads(client, { bucket: 'b', prefix: '', continuationToken: null });
    expect(unpackUploadToken(page.nextToken ?? '')).toEqual({ keyMarker: 'b', uploadIdMarker: '2' });
    await listIncompleteUploads(client, { bucket: 'b', prefix: '', continuationToken: page.nextToken });
    expect(sent[1]?.input).toMatchObject({ KeyMarker: 'b', UploadIdMarker: '2' });

    const empty = stubClient(() => ({ Uploads: [], IsTruncated: true }));
    expect(
      (await listIncompleteUploads(empty.client, { bucket: 'b', prefix: '', continuationToken: null })).nextToken,
    ).toBeNull();
  });

  it('sends a key marker alone when the service gave no upload id marker', async () => {
    const { client, sent } = stubClient(() => ({ Uploads: [], IsTruncated: true, NextKeyMarker: 'z' }));
    const page = await listIncompleteUploads(client, { bucket: 'b', prefix: '', continuationToken: null });
    await listIncompleteUploads(client, { bucket: 'b', prefix: '', continuationToken: page.nextToken });
    expect(sent[1]?.input).toEqual({ Bucket: 'b', MaxUploads: 1000, KeyMarker: 'z' });
  });
});

describe('incomplete uploads: abort', () => {
  it('counts NoSuchUpload as aborted, reports other failures, and aborts a duplicate once', async () => {
    const { client, sent } = stubClient(({ input }) => {
      if (input.UploadId === 'gone') return serviceError('NoSuchUpload', 404);
      if (input.UploadId === 'denied') return serviceError('AccessDenied', 403);
      return {};
    });
    const summary = await abortUploads(client, 'b', [
      { key: 'a', uploadId: 'ok' },
      { key: 'a', uploadId: 'ok' },
      { key: 'b', uploadId: 'gone' },
      { key: 'c', uploadId: 'denied' },
    ]);
    expect(summary).toEqual({
      succeeded: 2,
      failed: [{ key: 'c', code: 'AccessDenied', message: expect.stringMatching(/Access denied/) }],
    });
    expect(sent.map((s) => s.input)).toHaveLength(3);
    expect(sent.every((s) => s.name === 'AbortMultipartUploadCommand' && s.input.Bucket === 'b')).toBe(true);
  });
});
