import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildClient, clientConfig, usesPathStyle, type ClientSettings } from '../../electron/core/providers/s3/client';
import { checkCopyItems, encodeCopySource } from '../../electron/core/providers/s3/copy';
import { suggestedFileName } from '../../electron/core/local-save';
import { gradientPng, sandboxSeed } from '../../electron/core/sandbox-seed';

const settings: ClientSettings = {
  kind: 'qstorage',
  endpoint: 'https://qstorage.quilibrium.com/',
  region: '',
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'secret',
  addressingStyle: 'virtual',
  checksumMode: 'when_required',
};

describe('S3 client settings', () => {
  it('uses QStorage defaults: its region, checksums only when required, 3 attempts, timeouts and keep-alive', () => {
    const config = clientConfig(settings, { pathStyle: false });
    expect(config).toMatchObject({
      endpoint: 'https://qstorage.quilibrium.com',
      region: 'q-world-1',
      forcePathStyle: false,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      followRegionRedirects: false,
    });
    const handler = config.requestHandler as {
      connectionTimeout: number;
      socketTimeout: number;
      httpsAgent: { keepAlive: boolean; maxSockets: number };
    };
    expect(handler.connectionTimeout).toBe(10_000);
    expect(handler.socketTimeout).toBe(60_000);
    expect(handler.httpsAgent.keepAlive).toBe(true);
    expect(handler.httpsAgent.maxSockets).toBeGreaterThanOrEqual(50);
  });

  it('falls back to us-east-1 for other services and honours when_supported', () => {
    const config = clientConfig(
      { ...settings, kind: 's3', checksumMode: 'when_supported' },
      { pathStyle: true, maxAttempts: 1 },
    );
    expect(config).toMatchObject({
      region: 'us-east-1',
      requestChecksumCalculation: 'WHEN_SUPPORTED',
      responseChecksumValidation: 'WHEN_SUPPORTED',
      maxAttempts: 1,
      forcePathStyle: true,
    });
  });

  it('uses path style when asked, and for dotted bucket names', () => {
    expect(usesPathStyle('path', 'plain')).toBe(true);
    expect(usesPathStyle('virtual', 'plain')).toBe(false);
    expect(usesPathStyle('virtual', 'my.dotted.bucket')).toBe(true);
    expect(usesPathStyle('virtual', undefined)).toBe(false);
  });

  it('sends Content-MD5 with DeleteObjects and does not log', async () => {
    const client = buildClient(
      { ...settings, endpoint: 'http://127.0.0.1:9', kind: 's3' },
      { pathStyle: true, maxAttempts: 1 },
    );
    let seen: Record<string, string> = {};
    client.middlewareStack.add(
      () => async (args) => {
        seen = { ...(args.request as { headers: Record<string, string> }).headers };
        return {
          response: { statusCode: 200, headers: {}, body: new Uint8Array() },
          output: { $metadata: {} },
        } as never;
      },
      { step: 'finalizeRequest', priority: 'low', name: 'capture' },
    );
    const { DeleteObjectsCommand } = await import('@aws-sdk/client-s3');
    await client
      .send(new DeleteObjectsCommand({ Bucket: 'b', Delete: { Quiet: true, Objects: [{ Key: 'a' }] } }))
      .catch(() => {});
    client.destroy();
    expect(seen['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('copy requests', () => {
  const base = { sourceBucket: 'b', targetBucket: 'b', move: false };

  it('encodes CopySource per segment', () => {
    expect(encodeCopySource('bkt', 'a b/ü+%#?.txt')).toBe('bkt/a%20b/%C3%BC%2B%25%23%3F.txt');
  });

  it('refuses a copy onto itself and a folder into itself', () => {
    expect(() => checkCopyItems({ ...base, items: [{ source: 'a.txt', target: 'a.txt' }] })).toThrow(/onto itself/);
    expect(() => checkCopyItems({ ...base, items: [{ source: 'a/', target: 'a/b/' }] })).toThrow(/into itself/);
    expect(() => checkCopyItems({ ...base, items: [{ source: 'a/', target: 'b.txt' }] })).toThrow(/both be folders/);
    expect(() =>
      checkCopyItems({ ...base, targetBucket: 'other', items: [{ source: 'a.txt', target: 'a.txt' }] }),
    ).not.toThrow();
    expect(() => checkCopyItems({ ...base, items: [{ source: 'a/', target: 'ab/' }] })).not.toThrow();
  });
});

describe('download file names', () => {
  it('keeps the last segment and removes what file systems refuse', () => {
    expect(suggestedFileName('photos/2024/beach.png')).toBe('beach.png');
    expect(suggestedFileName('a/..')).toBe('download');
    expect(suggestedFileName('x/re:port?.txt')).toBe('re_port_.txt');
    expect(suggestedFileName('x/CON.txt')).toBe('_CON.txt');
    expect(suggestedFileName('x/trailing. ')).toBe('trailing');
    expect(suggestedFileName('docs/')).toBe('docs');
  });
});

describe('sandbox seed', () => {
  it('generates valid PNGs', () => {
    const png = Buffer.from(gradientPng(4, 3, [0, 0, 0], [255, 255, 255]));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(4);
    expect(png.readUInt32BE(20)).toBe(3);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(3 * (1 + 4 * 3));
  });

  it('has photos, documents and an empty backups bucket, all small', () => {
    const seed = sandboxSeed();
    expect(seed.map((b) => b.name)).toEqual(['photos', 'documents', 'backups']);
    expect(seed.find((b) => b.name === 'backups')?.objects).toEqual([]);
    const keys = seed.flatMap((b) => b.objects.map((o) => o.key));
    expect(keys).toContain('budget.csv');
    expect(keys.some((k) => k.startsWith('reports/2025/'))).toBe(true);
    const bytes = seed
      .flatMap((b) => b.objects)
      .reduce((n, o) => n + (typeof o.body === 'string' ? o.body.length : o.body.length), 0);
    expect(bytes).toBeLessThan(64 * 1024);
  });
});
