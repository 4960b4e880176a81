// The layer boundaries are lint rules; this proves they fire on a forbidden import.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.filter((m) => m.ruleId === 'no-restricted-imports').length ?? 0;
}

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
