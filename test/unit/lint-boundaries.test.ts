// The layer boundaries are lint rules; this proves they fire on a forbidden import.
import { ESLint } from 'eslint';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleErrors(filePath: string, code: string, ruleId = 'no-restricted-imports'): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.filter((m) => m.ruleId === ruleId).length ?? 0;
}
const restrictedImportErrors = (filePath: string, code: string): Promise<number> => ruleErrors(filePath, code);

describe('layer boundaries', () => {
  it.each([
    ['shared/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['shared/x.ts', "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n"],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/core/x.ts', "import { getApi } from '../../renderer/src/api';\nexport const g = getApi;\n"],
    ['electron/preload/x.ts', "import { createCore } from '../core/create-core';\nexport const c = createCore;\n"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    [
      'renderer/src/x.ts',
      "import { createCore } from '../../electron/core/create-core';\nexport const c = createCore;\n",
    ],
  ])('%s may not import what it must not', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(1);
  });

  it.each([
    ['electron/core/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['renderer/src/x.ts', "import { baseName } from '../../shared/keys';\nexport const b = baseName;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ])('%s may import what it needs', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(0);
  });

  it('only renderer/src/api touches the host bridge', async () => {
    const code = 'export const api = window.qstorage;\n';
    const [outside] = await eslint.lintText(code, { filePath: 'renderer/src/components/x.ts' });
    const [inside] = await eslint.lintText(code, { filePath: 'renderer/src/api/x.ts' });
    expect(outside?.messages.some((m) => m.ruleId === 'no-restricted-properties')).toBe(true);
    expect(inside?.messages.some((m) => m.ruleId === 'no-restricted-properties')).toBe(false);
  });
});

describe('the transfer queue and the providers', () => {
  const QUEUE_RULE = '@typescript-eslint/no-restricted-imports';
  it.each([
    "import { s3Transfers } from '../providers/s3/transfers';\nexport const t = s3Transfers;\n",
    "import type { QuickSyncSession } from '../providers/quicksync/api';\nexport type S = QuickSyncSession;\n",
    "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n",
    "import { createProviderRegistry } from '../providers/registry';\nexport const r = createProviderRegistry;\n",
  ])("the queue may not reach a provider's internals: %s", async (code) => {
    expect(await ruleErrors('electron/core/transfers/x.ts', code, QUEUE_RULE)).toBe(1);
  });

  it.each([
    "import type { ProviderTransfers } from './provider-transfers';\nexport type T = ProviderTransfers;\n",
    "import type { ProviderRegistry } from '../providers/registry';\nexport type R = ProviderRegistry;\n",
  ])('the queue may use the seam: %s', async (code) => {
    expect(await ruleErrors('electron/core/transfers/x.ts', code, QUEUE_RULE)).toBe(0);
  });

  it('a provider may use its own internals', async () => {
    const code = "import { s3Transfers } from './s3/transfers';\nexport const t = s3Transfers;\n";
    expect(await ruleErrors('electron/core/providers/x.ts', code, QUEUE_RULE)).toBe(0);
  });
});

describe('import cycles', () => {
  // Cycles need files on disk to walk: a scratch tree linted with the project's config.
  let dir = '';
  let scratch: ESLint;
  const files: Record<string, string> = {
    // Types only, as the store's slices and their shared types once were.
    'renderer/src/store/a.ts': "import type { B } from './b';\nexport interface A {\n  b: B;\n}\n",
    'renderer/src/store/b.ts': "import type { A } from './a';\nexport interface B {\n  a: A | null;\n}\n",
    'renderer/src/store/clean.ts': "import type { B } from './b';\nexport type C = B;\n",
    // Values, through three modules and two layers.
    'electron/core/x.ts': "import { y } from './y';\nexport const x = (): number => y() + 1;\n",
    'electron/core/y.ts': "import { z } from '../../shared/z';\nexport const y = (): number => z;\n",
    'shared/z.ts': "import { x } from '../electron/core/x';\nexport const z = 1;\nexport const zx = x;\n",
  };
  const cycleErrors = async (file: string): Promise<number> => {
    const [result] = await scratch.lintFiles([file]);
    return result?.messages.filter((m) => m.ruleId === 'cycles/no-cycle').length ?? 0;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-lint-cycles-'));
    for (const [file, code] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), code);
    }
    scratch = new ESLint({ cwd: dir, overrideConfigFile: path.resolve('eslint.config.js') });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['renderer/src/store/a.ts', 'renderer/src/store/b.ts'])('a cycle of type imports fails: %s', async (file) => {
    expect(await cycleErrors(file)).toBe(1);
  });

  it.each(['electron/core/x.ts', 'electron/core/y.ts'])('a cycle of value imports fails: %s', async (file) => {
    expect(await cycleErrors(file)).toBe(1);
  });

  it('a file outside any cycle passes', async () => {
    expect(await cycleErrors('renderer/src/store/clean.ts')).toBe(0);
  });
});
