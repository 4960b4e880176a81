/**
 * A catalogue of hostile inputs sent over the running browser host's WebSocket into the real
 * router: keys, names, paths, sizes, headers, JSON shapes, tags, metadata, share expiries and
 * hostile QuickSync answers. Each must get its specific code and a short message; afterwards
 * nothing was written outside the chosen download folder, the host still answers, and what
 * was stored (accounts, the seeded bucket's objects byte for byte) is unchanged.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import type { AccountSummary } from '../../shared/models';
import type { ContentHeaders } from '../../shared/properties';
import type { TransferJobView } from '../../shared/transfers';
import { S3Seed } from '../e2e/s3-seed';
import { s3OrSkip, s3Title } from '../integration/s3-context';
import { quickSyncAccountInput } from '../servers/quicksync-target';
import { sendJsonAnswer, startRecordingServer, type RecordingServer } from '../servers/recording-server';
import { testAccountInput } from '../servers/s3-target';
import { finishedJobs, noteSecret, startSecurityHost, sweepTest, treeSnapshot, type SecurityHost } from './harness';

const s3 = s3OrSkip();

/** What the cases need from the running suite. */
interface Ctx {
  account: string;
  bucket: string;
  downloads: string;
  dataDir: string;
  quickSync: Record<QuickSyncScenario, string>;
}

type QuickSyncScenario = 'html502' | 'badjson' | 'huge' | 'redirect' | 'html200';

interface Case {
  name: string;
  /** An invoke of the router… */
  channel?: string;
  request?: (c: Ctx) => unknown;
  /** …or a raw WebSocket message (text or binary). */
  raw?: (c: Ctx) => string | Buffer;
  /** The code, or 'ok' for input the router may accept as long as it has no effect (checked after the table). */
  code?: string;
  message?: RegExp;
  /** transfers:download: started, then every job of the batch ends in this state with this code. */
  jobs?: { state: TransferJobView['state']; code: string; message?: RegExp };
}

const MiB = 1024 * 1024;
const headers: ContentHeaders = {
  contentType: null,
  cacheControl: null,
  contentDisposition: null,
  contentEncoding: null,
  contentLanguage: null,
  expires: null,
};

// Request builders, so each row says only what is hostile in it.
const head = (key: string) => (c: Ctx) => ({ accountId: c.account, bucket: c.bucket, key });
const download = (keys: string[], targetDir?: (c: Ctx) => string) => (c: Ctx) => ({
  accountId: c.account,
  bucket: c.bucket,
  basePrefix: '',
  keys,
  targetDir: targetDir ? targetDir(c) : c.downloads,
  batchId: `hostile-${randomBytes(4).toString('hex')}`,
  conflict: 'overwrite',
});
const bucketName = (name: string) => (c: Ctx) => ({ accountId: c.account, name });
const properties = (change: { headers?: Partial<typeof headers>; metadata?: Record<string, string> }) => (c: Ctx) => ({
  accountId: c.account,
  bucket: c.bucket,
  key: 'missing.txt',
  headers: { ...headers, ...change.headers },
  metadata: change.metadata ?? {},
  storageClass: null,
});
const objectTags = (tags: { key: string; value: string }[]) => (c: Ctx) => ({
  accountId: c.account,
  bucket: c.bucket,
  key: 'missing.txt',
  tags,
});
const share =
  (expiresInSeconds: number, downloadName: string | null = null) =>
  (c: Ctx) => ({
    accountId: c.account,
    bucket: c.bucket,
    key: 'a.txt',
    expiresInSeconds,
    downloadName,
  });
const browserUpload = (source: Record<string, unknown>) => (c: Ctx) => ({
  accountId: c.account,
  bucket: c.bucket,
  prefix: '',
  batchId: `hostile-${randomBytes(4).toString('hex')}`,
  sources: [{ kind: 'browser', relativePath: 'x.txt', size: 1, lastModified: 0, ...source }],
});
const tags = (n: number, make = (i: number) => ({ key: `k${i}`, value: 'v' })) =>
  Array.from({ length: n }, (_, i) => make(i));
const quickSyncList = (scenario: QuickSyncScenario) => (c: Ctx) => ({ accountId: c.quickSync[scenario] });
const rawMessage = (id: number, channel: string, requestJson: string): string =>
  `{"type":"invoke","id":${id},"channel":${JSON.stringify(channel)},"request":${requestJson}}`;

const skipped = (message?: RegExp) => ({ state: 'skipped' as const, code: 'InvalidKey', ...(message && { message }) });

const CASES: Case[] = [
  // Keys
  { name: 'empty key', channel: 'objects:head', request: head(''), code: 'InvalidRequest' },
  { name: 'key with NUL', channel: 'objects:head', request: head('a\0b'), code: 'InvalidRequest', message: /NUL/ },
  {
    name: '1025-byte key',
    channel: 'objects:head',
    request: head('k'.repeat(1025)),
    code: 'InvalidRequest',
    message: /1024 bytes/,
  },
  {
    name: '1026-byte key of 513 two-byte characters',
    channel: 'objects:head',
    request: head('é'.repeat(513)),
    code: 'InvalidRequest',
    message: /1024 bytes/,
  },
  {
    name: 'RTL override in a key (legal, absent)',
    channel: 'objects:head',
    request: head('\u202Etxt.exe'),
    code: 'NoSuchKey',
  },
  { name: 'lone surrogate in a key', channel: 'objects:head', request: head('a\uD800b'), code: 'InvalidRequest' },
  {
    name: 'folder key without a slash',
    channel: 'objects:createFolder',
    request: head('no-slash'),
    code: 'InvalidRequest',
    message: /end with/,
  },
  {
    name: 'delete with an empty key',
    channel: 'objects:delete',
    request: (c) => ({ accountId: c.account, bucket: c.bucket, keys: [''], operationId: 'op-empty' }),
    code: 'InvalidRequest',
  },
  {
    name: 'copy an object onto itself',
    channel: 'objects:copy',
    request: (c) => ({
      accountId: c.account,
      bucket: c.bucket,
      items: [{ source: 'a.txt', target: 'a.txt' }],
      move: false,
      operationId: 'op-self',
    }),
    code: 'InvalidKey',
    message: /onto itself/,
  },
  {
    name: 'download key ".."',
    channel: 'transfers:download',
    request: download(['..']),
    code: '',
    jobs: skipped(/".."/),
  },
  {
    name: 'download key "../x"',
    channel: 'transfers:download',
    request: download(['../x']),
    code: '',
    jobs: skipped(/".."/),
  },
  {
    name: 'download key "x/../../y"',
    channel: 'transfers:download',
    request: download(['x/../../y']),
    code: '',
    jobs: skipped(/".."/),
  },
  {
    name: 'download key "/abs"',
    channel: 'transfers:download',
    request: download(['/abs']),
    code: '',
    jobs: skipped(/absolute/),
  },
  {
    name: 'download key "C:\\\\x"',
    channel: 'transfers:download',
    request: download(['C:\\x']),
    code: '',
    jobs: skipped(/drive letter/),
  },
  {
    name: 'download key with a control character',
    channel: 'transfers:download',
    request: download(['a\u0001b']),
    code: '',
    jobs: skipped(/control/),
  },
  {
    name: 'download key with a backslash',
    channel: 'transfers:download',
    request: download(['a\\b']),
    code: '',
    jobs: skipped(/backslash/),
  },
  {
    name: 'download key ending in a dot and space',
    channel: 'transfers:download',
    request: download(['trailing. ']),
    code: '',
    jobs: skipped(/dot or a space/),
  },
  {
    name: 'download key "aux.txt"',
    channel: 'transfers:download',
    request: download(['aux.txt']),
    code: '',
    jobs: skipped(/Windows reserves/),
  },
  {
    name: 'download key with a 256-byte name',
    channel: 'transfers:download',
    request: download(['n'.repeat(256)]),
    code: '',
    jobs: skipped(/255 bytes/),
  },
  { name: 'download with no keys', channel: 'transfers:download', request: download([]), code: 'InvalidRequest' },
  // Bucket names
  { name: 'bucket name ".."', channel: 'buckets:create', request: bucketName('..'), code: 'InvalidBucketName' },
  {
    name: 'bucket name in uppercase',
    channel: 'buckets:create',
    request: bucketName('UPPER-case'),
    code: 'InvalidBucketName',
    message: /lowercase/,
  },
  {
    name: 'bucket name like an IP address',
    channel: 'buckets:create',
    request: bucketName('192.168.1.1'),
    code: 'InvalidBucketName',
    message: /IP address/,
  },
  {
    name: 'bucket name of 64 characters',
    channel: 'buckets:create',
    request: bucketName('b'.repeat(64)),
    code: 'InvalidBucketName',
    message: /3 to 63/,
  },
  {
    name: 'bucket name of 2 characters',
    channel: 'buckets:create',
    request: bucketName('ab'),
    code: 'InvalidBucketName',
    message: /3 to 63/,
  },
  {
    name: 'bucket name starting with xn--',
    channel: 'buckets:create',
    request: bucketName('xn--bucket'),
    code: 'InvalidBucketName',
    message: /xn--/,
  },
  {
    name: 'bucket name ending in -s3alias',
    channel: 'buckets:create',
    request: bucketName('name-s3alias'),
    code: 'InvalidBucketName',
    message: /-s3alias/,
  },
  {
    name: 'bucket name with two adjacent dots',
    channel: 'buckets:create',
    request: bucketName('my..bucket'),
    code: 'InvalidBucketName',
    message: /adjacent dots/,
  },
  {
    name: 'bucket name starting with a hyphen',
    channel: 'buckets:create',
    request: bucketName('-bucket'),
    code: 'InvalidBucketName',
    message: /begin and end/,
  },
  {
    name: 'bucket name with an underscore',
    channel: 'buckets:create',
    request: bucketName('my_bucket'),
    code: 'InvalidBucketName',
    message: /lowercase/,
  },
  // Paths
  {
    name: 'relative download folder',
    channel: 'transfers:download',
    request: download(['a.txt'], () => 'downloads'),
    code: 'InvalidRequest',
    message: /full path/,
  },
  {
    name: 'download folder "~"',
    channel: 'transfers:download',
    request: download(['a.txt'], () => '~/Downloads'),
    code: 'InvalidRequest',
    message: /full path/,
  },
  {
    name: 'download folder inside the data folder',
    channel: 'transfers:download',
    request: download(['a.txt'], (c) => path.join(c.dataDir, 'inside')),
    code: 'AccessDenied',
    message: /data folder/,
  },
  {
    name: 'download through a symbolic link out of the folder',
    channel: 'transfers:download',
    request: download(['escape/a.txt']),
    code: '',
    jobs: { state: 'failed', code: 'InvalidKey', message: /symbolic link/ },
  },
  {
    name: 'local path as an upload source',
    channel: 'transfers:upload',
    request: (c) => ({
      accountId: c.account,
      bucket: c.bucket,
      prefix: '',
      batchId: 'hostile-path',
      sources: [{ kind: 'path', path: '/etc/passwd' }],
    }),
    code: 'AccessDenied',
    message: /cannot name files/,
  },
  {
    name: 'browser upload path with ".."',
    channel: 'transfers:upload',
    request: browserUpload({ relativePath: '../x.txt' }),
    code: 'InvalidRequest',
    message: /segment/,
  },
  {
    name: 'browser upload path with an empty segment',
    channel: 'transfers:upload',
    request: browserUpload({ relativePath: 'a//b.txt' }),
    code: 'InvalidRequest',
    message: /segment/,
  },
  // Sizes
  {
    name: 'negative upload size',
    channel: 'transfers:upload',
    request: browserUpload({ size: -1 }),
    code: 'InvalidRequest',
  },
  {
    name: 'NaN upload size (null on the wire)',
    channel: 'transfers:upload',
    request: browserUpload({ size: Number.NaN }),
    code: 'InvalidRequest',
  },
  {
    name: 'upload size of 2^60',
    channel: 'transfers:upload',
    request: browserUpload({ size: 2 ** 60 }),
    code: 'InvalidRequest',
  },
  {
    name: 'non-integer part size',
    channel: 'settings:update',
    request: () => ({ transfers: { partSizeBytes: 5 * MiB + 0.5 } }),
    code: 'InvalidRequest',
  },
  {
    name: 'part size below the S3 minimum',
    channel: 'settings:update',
    request: () => ({ transfers: { partSizeBytes: 1 } }),
    code: 'InvalidRequest',
  },
  {
    name: 'page size 0',
    channel: 'objects:list',
    request: (c) => ({ accountId: c.account, bucket: c.bucket, prefix: '', pageSize: 0 }),
    code: 'InvalidRequest',
  },
  {
    name: 'transfer page of a billion',
    channel: 'transfers:list',
    request: () => ({ limit: 1e9 }),
    code: 'InvalidRequest',
  },
  // Headers and metadata
  {
    name: 'CRLF in Content-Type',
    channel: 'objects:updateProperties',
    request: properties({ headers: { contentType: 'text/plain\r\nX-Evil: 1' } }),
    code: 'InvalidRequest',
    message: /plain ASCII/,
  },
  {
    name: 'CRLF in a metadata value',
    channel: 'objects:updateProperties',
    request: properties({ metadata: { note: 'a\r\nx-amz-acl: public-read' } }),
    code: 'InvalidRequest',
    message: /plain ASCII/,
  },
  {
    name: 'non-ASCII metadata value',
    channel: 'objects:updateProperties',
    request: properties({ metadata: { note: 'café' } }),
    code: 'InvalidRequest',
    message: /plain ASCII/,
  },
  {
    name: '3 KB of metadata',
    channel: 'objects:updateProperties',
    request: properties({ metadata: { a: 'x'.repeat(1500), b: 'y'.repeat(1500) } }),
    code: 'InvalidRequest',
    message: /2,048/,
  },
  {
    name: 'metadata name with a space',
    channel: 'objects:updateProperties',
    request: properties({ metadata: { 'bad name': 'x' } }),
    code: 'InvalidRequest',
    message: /may hold only/,
  },
  {
    name: 'Expires that is no date',
    channel: 'objects:updateProperties',
    request: properties({ headers: { expires: 'soon' } }),
    code: 'InvalidRequest',
    message: /Expires/,
  },
  // JSON shapes
  { name: 'an array as the request', channel: 'accounts:remove', request: () => ['id'], code: 'InvalidRequest' },
  {
    name: 'an array as the account',
    channel: 'accounts:create',
    request: () => ({ account: [] }),
    code: 'InvalidRequest',
  },
  { name: 'a string as the request', channel: 'objects:list', request: () => 'bucket', code: 'InvalidRequest' },
  {
    name: 'extra fields (unknown account)',
    channel: 'accounts:remove',
    request: () => ({ id: 'no-such-account', admin: true }),
    code: 'AccountNotFound',
  },
  {
    name: '__proto__ as the channel',
    channel: '__proto__',
    request: () => ({}),
    code: 'InvalidRequest',
    message: /Unknown channel/,
  },
  {
    name: 'constructor as the channel',
    channel: 'constructor',
    request: () => ({}),
    code: 'InvalidRequest',
    message: /Unknown channel/,
  },
  {
    name: '__proto__ metadata name (of an object that does not exist)',
    raw: (c) =>
      rawMessage(
        1,
        'objects:updateProperties',
        `{"accountId":"${c.account}","bucket":"${c.bucket}","key":"missing.txt","headers":{"contentType":null,"cacheControl":null,"contentDisposition":null,"contentEncoding":null,"contentLanguage":null,"expires":null},"metadata":{"__proto__":{"polluted":"yes"}},"storageClass":null}`,
      ),
    code: 'NoSuchKey',
  },
  {
    name: '__proto__ in a settings patch (accepted, no effect)',
    raw: () =>
      rawMessage(2, 'settings:update', '{"transfers":{"__proto__":{"maxAttempts":0}},"__proto__":{"transfers":1}}'),
    code: 'ok',
  },
  {
    name: 'constructor in a settings patch (accepted, no effect)',
    raw: () => rawMessage(3, 'settings:update', '{"transfers":{"constructor":{"prototype":{"maxAttempts":0}}}}'),
    code: 'ok',
  },
  {
    name: 'deeply nested arrays',
    raw: () => rawMessage(4, 'app:info', `${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    code: 'InvalidRequest',
  },
  {
    name: 'a message that is not JSON',
    raw: () => '{"type":"invoke",',
    code: 'InvalidRequest',
    message: /not valid JSON/,
  },
  { name: 'a JSON number as the message', raw: () => '42', code: 'InvalidRequest', message: /JSON object/ },
  {
    name: 'a binary message',
    raw: () => Buffer.from('{"type":"invoke","id":1,"channel":"app:info","request":{}}'),
    code: 'InvalidRequest',
    message: /JSON text/,
  },
  // Tags
  {
    name: '11 object tags',
    channel: 'tags:putObject',
    request: objectTags(tags(11)),
    code: 'InvalidRequest',
    message: /At most 10/,
  },
  {
    name: 'tag key starting with aws:',
    channel: 'tags:putObject',
    request: objectTags([{ key: 'aws:owner', value: 'x' }]),
    code: 'InvalidRequest',
    message: /reserved/,
  },
  {
    name: 'tag key of 129 characters',
    channel: 'tags:putObject',
    request: objectTags([{ key: 't'.repeat(129), value: 'x' }]),
    code: 'InvalidRequest',
    message: /128/,
  },
  {
    name: 'duplicate tag keys',
    channel: 'tags:putObject',
    request: objectTags([
      { key: 'k', value: '1' },
      { key: 'k', value: '2' },
    ]),
    code: 'InvalidRequest',
    message: /used twice/,
  },
  {
    name: 'tag value of 257 characters',
    channel: 'tags:putObject',
    request: objectTags([{ key: 'k', value: 'v'.repeat(257) }]),
    code: 'InvalidRequest',
    message: /256/,
  },
  {
    name: 'tag key with "<"',
    channel: 'tags:putObject',
    request: objectTags([{ key: '<script>', value: 'x' }]),
    code: 'InvalidRequest',
    message: /character/,
  },
  {
    name: '51 bucket tags',
    channel: 'tags:putBucket',
    request: (c) => ({ accountId: c.account, bucket: c.bucket, tags: tags(51) }),
    code: 'InvalidRequest',
    message: /At most 50/,
  },
  // Share expiries
  { name: 'share link of 0 seconds', channel: 'share:create', request: share(0), code: 'InvalidRequest' },
  { name: 'share link of 14 minutes', channel: 'share:create', request: share(14 * 60), code: 'InvalidRequest' },
  { name: 'share link of 8 days', channel: 'share:create', request: share(8 * 24 * 3600), code: 'InvalidRequest' },
  { name: 'share link of 900.5 seconds', channel: 'share:create', request: share(900.5), code: 'InvalidRequest' },
  {
    name: 'share download name with a slash',
    channel: 'share:create',
    request: share(3600, '../evil.sh'),
    code: 'InvalidRequest',
    message: /must not hold/,
  },
  // Accounts
  {
    name: 'javascript: endpoint',
    channel: 'accounts:create',
    request: () => ({
      account: {
        ...testAccountInput(
          { endpoint: 'javascript:alert(1)', region: 'x', accessKeyId: 'k', secretAccessKey: 's' },
          'js',
        ),
      },
    }),
    code: 'InvalidRequest',
    message: /endpoint/i,
  },
  {
    name: 'file: endpoint',
    channel: 'accounts:create',
    request: () => ({
      account: {
        ...testAccountInput(
          { endpoint: 'file:///etc/passwd', region: 'x', accessKeyId: 'k', secretAccessKey: 's' },
          'file',
        ),
      },
    }),
    code: 'InvalidRequest',
    message: /endpoint/i,
  },
  {
    name: 'account id of 201 characters',
    channel: 'accounts:remove',
    request: () => ({ id: 'i'.repeat(201) }),
    code: 'InvalidRequest',
  },
  // QuickSync answers
  {
    name: 'QuickSync: an HTML 502 page',
    channel: 'quicksync:list',
    request: quickSyncList('html502'),
    code: 'ServerError',
    message: /502/,
  },
  {
    name: 'QuickSync: an HTML page with 200',
    channel: 'quicksync:list',
    request: quickSyncList('html200'),
    code: 'ServerError',
    message: /unexpected form/,
  },
  {
    name: 'QuickSync: malformed JSON',
    channel: 'quicksync:list',
    request: quickSyncList('badjson'),
    code: 'ServerError',
    message: /unexpected form/,
  },
  {
    name: 'QuickSync: a 10 MB error body',
    channel: 'quicksync:list',
    request: quickSyncList('huge'),
    code: 'ServerError',
    message: /500/,
  },
  {
    name: 'QuickSync: a redirect to another host',
    channel: 'quicksync:list',
    request: quickSyncList('redirect'),
    code: 'ServerError',
    message: /redirect/,
  },
  {
    name: 'QuickSync: file key ".."',
    channel: 'quicksync:details',
    request: (c) => ({ accountId: c.quickSync.html502, fileKey: '..' }),
    code: 'InvalidKey',
  },
];

describe.skipIf(!s3)(s3Title('hostile inputs through the router'), () => {
  let host: SecurityHost;
  let seed: S3Seed;
  let hostile: RecordingServer;
  let redirectTarget: RecordingServer;
  let sentinel: string;
  let ctx: Ctx;
  let before: {
    accounts: unknown;
    settings: unknown;
    objects: Record<string, string>;
    sentinel: string[];
    dataDir: string[];
  };

  /** The seeded bucket's objects and a SHA-256 of each one's bytes. */
  async function objectDigests(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const key of await seed.keys(ctx.bucket)) {
      const body = await seed.client.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }));
      out[key] = createHash('sha256')
        .update(await body.Body!.transformToByteArray())
        .digest('hex');
    }
    return out;
  }

  /** Everything outside the download folder, and the data folder's top level. */
  async function outsideState(): Promise<{ sentinel: string[]; dataDir: string[] }> {
    const tree = await treeSnapshot(sentinel);
    return {
      sentinel: tree.filter((e) => !e.startsWith(`downloads${path.sep}`) && !e.startsWith('downloads ')),
      dataDir: (await readdir(host.dataDir)).sort(),
    };
  }

  beforeAll(async () => {
    host = await startSecurityHost('hostile');
    await noteSecret('radosgw secret key', s3!.secretAccessKey);
    seed = new S3Seed(s3!);
    const bucket = await seed.bucket(seed.uniqueName('sec-hostile'), {
      'a.txt': 'alpha',
      'dir/b.txt': 'bravo',
      'escape/a.txt': 'through the link',
    });
    sentinel = await mkdtemp(path.join(os.tmpdir(), 'qs-security-sentinel-'));
    const downloads = path.join(sentinel, 'downloads');
    await mkdir(path.join(sentinel, 'elsewhere'), { recursive: true });
    await mkdir(downloads);
    // A link inside the chosen folder that leads out of it: "escape/a.txt" must not be written through it.
    await symlink(path.join(sentinel, 'elsewhere'), path.join(downloads, 'escape'));

    redirectTarget = await startRecordingServer();
    hostile = await startRecordingServer();
    hostile.respond = (req, res) => {
      const scenario = req.url.split('/')[1] as QuickSyncScenario;
      if (scenario === 'html502' || scenario === 'html200') {
        const page = `<!DOCTYPE html><html><head><title>Bad Gateway</title></head><body><h1>Bad Gateway</h1>${'<p>upstream</p>'.repeat(200)}</body></html>`;
        res.writeHead(scenario === 'html502' ? 502 : 200, { 'content-type': 'text/html' });
        return void res.end(page);
      }
      if (scenario === 'badjson') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('[{"fileKey": "f1", "completed": tru');
      }
      if (scenario === 'huge') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end(Buffer.alloc(10 * MiB, 'x'));
      }
      if (scenario === 'redirect') {
        res.writeHead(307, { location: `${redirectTarget.origin}/stolen`, 'content-length': 0 });
        return void res.end();
      }
      sendJsonAnswer(res, 404, { title: 'Not Found', status: 404 });
    };

    const created = await host.invoke<AccountSummary>('accounts:create', { account: testAccountInput(s3!, 'radosgw') });
    if (!created.ok) throw new Error(created.error.message);
    const quickSync = {} as Record<QuickSyncScenario, string>;
    for (const scenario of ['html502', 'badjson', 'huge', 'redirect', 'html200'] as const) {
      const token = `hostile-${scenario}-${randomBytes(6).toString('hex')}`;
      const account = quickSyncAccountInput(
        { apiBase: `${hostile.origin}/${scenario}/v1`, token, sessionId: 'sess' },
        scenario,
      );
      const made = await host.invoke<AccountSummary>('accounts:create', { account });
      if (!made.ok) throw new Error(made.error.message);
      quickSync[scenario] = made.value.id;
    }
    ctx = { account: created.value.id, bucket, downloads, dataDir: host.dataDir, quickSync };

    // One real download and a settings change first, so the job store and settings file exist before the snapshot.
    expect(await host.invoke('settings:update', { transfers: { maxAttempts: 2 } })).toMatchObject({ ok: true });
    const warm = download(['a.txt'])(ctx);
    expect(await host.invoke('transfers:download', warm)).toMatchObject({ ok: true });
    await finishedJobs(host, warm.batchId);
    const accounts = await host.invoke('accounts:list', {});
    const settings = await host.invoke('settings:get', {});
    before = { accounts, settings, objects: await objectDigests(), ...(await outsideState()) };
  });

  afterAll(async () => {
    await host?.stop();
    // Normally gone after the sweep test; also when that test was filtered out.
    if (host) await rm(host.dataDir, { recursive: true, force: true });
    await Promise.all([hostile?.close(), redirectTarget?.close()]);
    await seed?.cleanup();
    if (sentinel) await rm(sentinel, { recursive: true, force: true });
  });

  it(`has at least 60 cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)('$name', async (c) => {
    const request = c.request?.(ctx);
    let result: Result<unknown>;
    if (c.raw) {
      // Its own connection: the first answer on it is the one to this message.
      const client = await host.connect();
      client.sendRaw(c.raw(ctx));
      result = (await client.nextResultWhere(() => true)).result;
      await client.close();
    } else {
      result = await host.invoke(c.channel!, request);
    }
    if (c.jobs) {
      expect(result).toMatchObject({ ok: true });
      const jobs = await finishedJobs(host, (request as { batchId: string }).batchId);
      expect(jobs.length).toBeGreaterThan(0);
      for (const job of jobs) {
        expect(job).toMatchObject({ state: c.jobs.state, error: { code: c.jobs.code } });
        if (c.jobs.message) expect(job.error?.message).toMatch(c.jobs.message);
      }
      return;
    }
    if (c.code === 'ok') {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    expect(result).toMatchObject({ ok: false, error: { code: c.code } });
    if (result.ok) return;
    if (c.message) expect(result.error.message).toMatch(c.message);
    // Short, person-readable, free of whatever bulk the input carried (and of a service's HTML).
    expect(result.error.message.length).toBeLessThan(400);
    if (c.channel?.startsWith('quicksync:')) expect(result.error.message).not.toMatch(/<[a-z!/]/i);
    expect(result.error.detail?.length ?? 0).toBeLessThan(1000);
  });

  it('the redirect target got nothing from the QuickSync redirect', () => {
    expect(redirectTarget.requests).toEqual([]);
  });

  it('after the catalogue: the host answers, nothing was written outside the download folder, nothing stored changed', async () => {
    expect(await host.invoke('app:info', {})).toMatchObject({ ok: true });
    expect(() => process.kill(host.pid, 0)).not.toThrow();
    const after = await outsideState();
    expect(after.sentinel).toEqual(before.sentinel);
    expect(after.dataDir).toEqual(before.dataDir);
    expect(await host.invoke('accounts:list', {})).toEqual(before.accounts);
    expect(await host.invoke('settings:get', {})).toEqual(before.settings);
    expect(await objectDigests()).toEqual(before.objects);
    expect(await readdir(path.join(sentinel, 'elsewhere'))).toEqual([]);
    // Only the warm-up download and the planted link: no hostile key became a file.
    expect((await readdir(ctx.downloads)).sort()).toEqual(['a.txt', 'escape']);
  });

  sweepTest(() => host);
});
