/** A JobRecord with test defaults: a queued upload of 100 bytes in batch b1. */
import type { BatchRecord, JobRecord } from '../../../electron/core/transfers/types';

export function jobRecord(overrides: Partial<JobRecord> & { id: string }): JobRecord {
  return {
    batchId: 'b1',
    direction: 'upload',
    name: `${overrides.id}.bin`,
    accountId: 'acc',
    bucket: 'bucket',
    key: `in/${overrides.id}.bin`,
    localPath: `/tmp/${overrides.id}.bin`,
    state: 'queued',
    bytesDone: 0,
    bytesTotal: 100,
    notice: null,
    error: null,
    createdAt: new Date(1_700_000_000_000).toISOString(),
    finishedAt: null,
    stage: null,
    expected: null,
    decision: null,
    existing: null,
    checkpoint: null,
    uploadOptions: null,
    wholeFileMd5: false,
    ...overrides,
  };
}

export function batchRecord(overrides: Partial<BatchRecord> = {}): BatchRecord {
  return {
    id: 'b1',
    direction: 'upload',
    accountId: 'acc',
    bucket: 'bucket',
    place: 'bucket/in',
    conflict: 'ask',
    targetDir: null,
    roots: [],
    createdAt: new Date(1_700_000_000_000).toISOString(),
    ...overrides,
  };
}
