/**
 * What a job checks right before it runs: its source file still readable (uploads) or its
 * folder made (downloads), and whether its target exists already. The batch's policy then
 * decides: run (overwrite, or "keep both" under the first free "name (n).ext"), ask, or skip.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { statMtimeMs } from '../../../shared/file-times';
import type { SourceFile } from '../../../shared/transfer-protocol';
import { CoreError, toAppError } from '../errors';
import { firstFreeNumber, numberedName, statExisting, withLastSegment } from './conflicts';
import type { JobStore } from './job-store';
import { createTargetDirPreparer } from './local-paths';
import type { Existing, ProviderTransfers } from './provider-transfers';
import type { JobRecord } from './types';

export type Step = { kind: 'run'; source: SourceFile | null } | { kind: 'conflict' | 'skip'; existing: Existing };

export interface PreflightDeps {
  store: JobStore;
  transfersFor(accountId: string): Promise<ProviderTransfers>;
  /** Where a browser-held upload's bytes are staged. */
  stagingPath(jobId: string): string;
  /** The source file's size is not what the job was made with (it changed since). */
  resized(job: JobRecord, size: number): void;
}

export function createPreflight(deps: PreflightDeps): (job: JobRecord) => Promise<Step> {
  const { store } = deps;
  const prepareTargetDir = createTargetDirPreparer();

  async function probeTarget(job: JobRecord, key: string, localPath: string | null): Promise<Existing | null> {
    if (job.direction === 'upload') return (await deps.transfersFor(job.accountId)).existing(job.bucket, key);
    if (localPath === null) return null;
    return statExisting(localPath);
  }

  /** Keep both: the first "name (n).ext" that is free, for the key (upload) or the file (download). */
  async function renameToFree(job: JobRecord): Promise<void> {
    const variant = (n: number) => ({
      key: job.direction === 'upload' ? withLastSegment(job.key, (s) => numberedName(s, n)) : job.key,
      localPath:
        job.direction === 'download' && job.localPath !== null
          ? path.join(path.dirname(job.localPath), numberedName(path.basename(job.localPath), n))
          : job.localPath,
      name: withLastSegment(job.name, (s) => numberedName(s, n)),
    });
    const n = await firstFreeNumber(async (k) => {
      const v = variant(k);
      return (await probeTarget(job, v.key, v.localPath)) !== null;
    });
    store.update(job, { ...variant(n), decision: 'overwrite' });
  }

  async function readSource(job: JobRecord): Promise<SourceFile> {
    const file = job.stage !== null ? deps.stagingPath(job.id) : job.localPath;
    if (file === null) throw new CoreError('LocalIOError', 'The upload has no source file.');
    let info;
    try {
      // Still one stat per job (hot for small files), in nanoseconds for the object's x-amz-meta-mtime.
      info = await stat(file, { bigint: true });
    } catch (error) {
      const e = toAppError(error);
      throw new CoreError('LocalIOError', `${job.localPath ?? job.name} cannot be read: ${e.message}`, e.detail);
    }
    if (!info.isFile()) throw new CoreError('LocalIOError', `${job.localPath ?? job.name} is not a regular file.`);
    const size = Number(info.size);
    if (size !== job.bytesTotal) deps.resized(job, size);
    return {
      path: file,
      size,
      mtimeMs: statMtimeMs(info.mtimeNs),
      ino: Number(info.ino),
      // A staging file's time is when its bytes arrived, not the person's file's.
      ...(job.stage === null && { mtimeNs: info.mtimeNs }),
    };
  }

  return async function preflight(job) {
    const batch = store.batches.get(job.batchId);
    let source: SourceFile | null = null;
    if (job.direction === 'upload') source = await readSource(job);
    else if (job.localPath !== null)
      await prepareTargetDir(job.batchId, batch?.targetDir ?? path.dirname(job.localPath), job.localPath);
    const policy = job.decision ?? batch?.conflict ?? 'ask';
    if (job.checkpoint || policy === 'overwrite') return { kind: 'run', source };
    const existing = await probeTarget(job, job.key, job.localPath);
    if (!existing) return { kind: 'run', source };
    if (policy === 'skip' || policy === 'ask') return { kind: policy === 'ask' ? 'conflict' : 'skip', existing };
    await renameToFree(job);
    return { kind: 'run', source };
  };
}
