/**
 * Awkward keys (spaces, unicode, + % # ?) through every operation, and downloads: to a path
 * the host chose (bytes checked with SHA-256, no temp file left), as a link, as a stream.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectSource } from '../../electron/core/host-services';
import { newCore, startHarness, unwrap, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const ODD_KEYS = [
  'odd/a b.txt',
  'odd/ünïcødé 文件 😀.txt',
  'odd/p+q.txt',
  'odd/100%.txt',
  'odd/%2F not a slash.txt',
  'odd/h#ash.txt',
  'odd/q?uery=1&x.txt',
  'odd/mix +%#? ü/inner file.txt',
];

describe.skipIf(!s3)(s3Title('core: awkward keys and downloads'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let downloads: string;
  /** What the stubbed save dialog answers next (null: the person cancelled). */
  let saveAnswer: string | null = null;
  const asked: string[] = [];
  const bodies = new Map<string, Buffer>();
  let op = 0;

  beforeAll(async () => {
    downloads = await mkdtemp(path.join(os.tmpdir(), 'qs-core-downloads-'));
    h = await startHarness(info, {
      host: {
        chooseSavePath: async (suggested) => {
          asked.push(suggested);
          return saveAnswer;
        },
      },
    });
    bucket = await h.newBucket('keys');
    for (const key of ODD_KEYS) {
      const body = randomBytes(1000 + bodies.size * 777);
      bodies.set(key, body);
      await h.put(bucket, key, body);
    }
  });
  afterAll(async () => {
    await h?.dispose();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('lists and heads every awkward key exactly as written', async () => {
    const listed = await h.call('objects:list', { accountId: h.accountId, bucket, prefix: 'odd/' });
    expect(listed.items.map((e) => e.key).sort()).toEqual(
      ['odd/mix +%#? ü/', ...ODD_KEYS.filter((k) => !k.startsWith('odd/mix'))].sort(),
    );
    const inner = await h.call('objects:list', { accountId: h.accountId, bucket, prefix: 'odd/mix +%#? ü/' });
    expect(inner.items.map((e) => [e.key, e.name])).toEqual([['odd/mix +%#? ü/inner file.txt', 'inner file.txt']]);
    for (const key of ODD_KEYS) {
      const details = await h.call('objects:head', { accountId: h.accountId, bucket, key });
      expect(details.size).toBe(bodies.get(key)!.length);
    }
    const found = await h.call('objects:search', { accountId: h.accountId, bucket, prefix: '', query: '文件' });
    expect(found.items.map((e) => e.key)).toEqual(['odd/ünïcødé 文件 😀.txt']);
  });

  it('copies every awkward key (one by one and as a folder) byte for byte', async () => {
    const items = ODD_KEYS.map((source) => ({ source, target: source.replace(/^odd\//, 'one-by-one/') }));
    expect(
      await h.call('objects:copy', { accountId: h.accountId, bucket, items, move: false, operationId: `keys-${++op}` }),
    ).toEqual({ succeeded: ODD_KEYS.length, failed: [] });
    expect(
      await h.call('objects:copy', {
        accountId: h.accountId,
        bucket,
        items: [{ source: 'odd/', target: 'as folder/' }],
        move: false,
        operationId: `keys-${++op}`,
      }),
    ).toEqual({
      succeeded: ODD_KEYS.length,
      failed: [],
    });
    for (const key of ODD_KEYS) {
      const expected = sha256(bodies.get(key)!);
      expect(sha256(await h.get(bucket, key.replace(/^odd\//, 'one-by-one/')))).toBe(expected);
      expect(sha256(await h.get(bucket, key.replace(/^odd\//, 'as folder/')))).toBe(expected);
    }
  });

  it('downloads every awkward key to the chosen path: right bytes, no temp file left', async () => {
    for (const [i, key] of ODD_KEYS.entries()) {
      saveAnswer = path.join(downloads, `file-${i}.bin`);
      const result = await h.call('objects:download', { accountId: h.accountId, bucket, key });
      expect(result).toEqual({ kind: 'saved', path: saveAnswer, bytes: bodies.get(key)!.length });
      expect(sha256(await readFile(saveAnswer))).toBe(sha256(bodies.get(key)!));
    }
    expect(asked).toContain('q_uery=1&x.txt');
    expect(asked).toContain('ünïcødé 文件 😀.txt');
    expect((await readdir(downloads)).sort()).toEqual(ODD_KEYS.map((_, i) => `file-${i}.bin`).sort());
  });

  it('replaces an existing file, returns cancelled when the person cancels, and cleans up after a failure', async () => {
    const target = path.join(downloads, 'file-0.bin');
    saveAnswer = target;
    await h.call('objects:download', { accountId: h.accountId, bucket, key: ODD_KEYS[1]! });
    expect(sha256(await readFile(target))).toBe(sha256(bodies.get(ODD_KEYS[1]!)!));

    saveAnswer = null;
    expect(await h.call('objects:download', { accountId: h.accountId, bucket, key: ODD_KEYS[0]! })).toEqual({
      kind: 'cancelled',
    });

    const before = (await readdir(downloads)).sort();
    saveAnswer = path.join(downloads, 'missing.bin');
    expect(
      await h.fail('objects:download', { accountId: h.accountId, bucket, key: 'odd/does not exist' }),
    ).toMatchObject({ code: 'NoSuchKey' });
    saveAnswer = path.join(downloads, 'no such folder', 'x.bin');
    expect(await h.fail('objects:download', { accountId: h.accountId, bucket, key: ODD_KEYS[0]! })).toMatchObject({
      code: 'LocalIOError',
    });
    expect((await readdir(downloads)).sort()).toEqual(before);
  });

  it('deletes every awkward key', async () => {
    const summary = await h.call('objects:delete', {
      accountId: h.accountId,
      bucket,
      keys: ODD_KEYS,
      operationId: `keys-${++op}`,
    });
    expect(summary).toEqual({ succeeded: ODD_KEYS.length, failed: [] });
    expect(await h.allKeys(bucket, 'odd/')).toEqual([]);
  });

  it('hands out a link when the host has no save dialog, and streams the object', async () => {
    const key = 'one-by-one/ünïcødé 文件 😀.txt';
    const links: ObjectSource[] = [];
    const { core, dataDir } = await newCore({
      createDownloadLink: (source) => (links.push(source), `/download/${links.length}`),
    });
    try {
      const account = unwrap<{ id: string }>(
        await core.invoke('accounts:create', {
          account: {
            kind: 's3',
            name: 'Link host',
            endpoint: info.endpoint,
            region: info.region,
            accessKeyId: info.accessKeyId,
            secretAccessKey: info.secretAccessKey,
            addressingStyle: 'path',
            checksumMode: 'when_required',
          },
        }),
        'accounts:create',
      );
      const result = await core.invoke('objects:download', { accountId: account.id, bucket, key });
      expect(result).toEqual({ ok: true, value: { kind: 'link', url: '/download/1' } });
      expect(links).toEqual([{ accountId: account.id, bucket, key }]);
      const missing = await core.invoke('objects:download', { accountId: account.id, bucket, key: 'nope' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'NoSuchKey' } });

      const opened = await core.openObjectStream({ accountId: account.id, bucket, key });
      expect(opened).toMatchObject({ size: bodies.get(ODD_KEYS[1]!)!.length, name: 'ünïcødé 文件 😀.txt' });
      const chunks: Buffer[] = [];
      for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
      expect(sha256(Buffer.concat(chunks))).toBe(sha256(bodies.get(ODD_KEYS[1]!)!));
    } finally {
      await core.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
