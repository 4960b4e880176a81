/**
 * What the benchmarks' host processes (core-host.ts, sync-host.ts) share: the core they create
 * (bundled worker beside them, or the sources with BUNDLE=dev), calls that throw on an error
 * answer, and the process's memory from /proc/self/status.
 */
import { readFileSync } from 'node:fs';
import { createCore, type Core } from '../electron/core/create-core';
import { createKeyFileVault } from '../electron/core/key-file-vault';
import type { Channel, RequestOf, ResponseOf } from '../shared/contract';
import { bundleMode } from '../test/support/bundle';
import { SOURCE_WORKER_ENTRY } from '../test/support/source-worker';

/** A field of /proc/self/status in KiB ("VmHWM:   123456 kB"). */
export function procStatusKiB(field: 'VmRSS' | 'VmHWM', status = readFileSync('/proc/self/status', 'utf8')): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc/self/status has no ${field}`);
  return Number(match[1]);
}

export async function call<C extends Channel>(core: Core, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await core.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as ResponseOf<C>;
}

/**
 * The core as the browser host makes it, on `dataDir`. `hostUrl` is the calling module's
 * import.meta.url: bundled, the worker lies beside it, as beside the browser host's cli.js.
 */
export async function benchCore(dataDir: string, hostUrl: string): Promise<Core> {
  return createCore({
    dataDir,
    vault: await createKeyFileVault(dataDir),
    workerEntry: bundleMode() === 'dev' ? SOURCE_WORKER_ENTRY : { script: new URL('./transfer-worker.js', hostUrl) },
    host: {},
    info: { host: 'web', version: 'bench' },
  });
}

/** Reads stdin line by line; rejects when it closes before the line asked for. */
export function stdinLines(lines: AsyncIterator<string>): () => Promise<string> {
  return async () => {
    const line = await lines.next();
    if (line.done) throw new Error('stdin closed before the next line');
    return line.value;
  };
}
