import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statMtimeMs, timespec } from '../../shared/file-times';

describe('file times from nanoseconds', () => {
  it('splits like a timespec: seconds floored, nanoseconds after them', () => {
    expect(timespec(1_733_512_345_123_456_789n)).toEqual({ seconds: 1_733_512_345n, nanos: 123_456_789n });
    expect(timespec(-1n)).toEqual({ seconds: -1n, nanos: 999_999_999n });
  });

  it('gives the float mtimeMs a plain stat gives, to the last bit', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qs-file-times-'));
    try {
      for (let i = 0; i < 50; i++) {
        const file = path.join(dir, `f${i}`);
        await writeFile(file, '');
        const [plain, big] = await Promise.all([stat(file), stat(file, { bigint: true })]);
        expect(statMtimeMs(big.mtimeNs)).toBe(plain.mtimeMs);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
