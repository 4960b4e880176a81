/** The repository's QuickSync OpenAPI document is the published one, byte for byte. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Imported by path, not through quicksync-server.ts, so this unit test does not load the validator.
const COPY = path.resolve('test', 'servers', 'quicksync-openapi.json');
const PUBLISHED = path.resolve('..', 'shared', 'spec', 'quicksync-openapi.json');

describe('quicksync-openapi.json', () => {
  it.skipIf(!existsSync(PUBLISHED))(`equals ${PUBLISHED} (skipped where that checkout is absent)`, () => {
    expect(readFileSync(COPY).equals(readFileSync(PUBLISHED))).toBe(true);
  });

  it('is the Upload API document the test server and validator are built on', () => {
    const document = JSON.parse(readFileSync(COPY, 'utf8')) as { servers: { url: string }[]; paths: object };
    expect(document.servers[0]?.url).toBe('https://api.quicksync.me/v1');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/buckets',
      '/buckets/complete',
      '/buckets/download/{fileId}',
      '/buckets/file/{fileId}',
      '/buckets/{fileId}',
    ]);
  });
});
