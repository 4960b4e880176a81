/**
 * The transfer journal: an append-only JSON-lines file in the data directory. Each line is a
 * full record or a small change; lines are written in order, in batches, and fsync'd when a
 * checkpoint is among them. A crash leaves at worst a partial last line, which loading skips.
 * Compaction rewrites the file (temp + rename) from memory without stopping appends: lines
 * queued while it runs are written after it, and every line kind is safe to replay.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Checkpoint, CompletedPart, QuickSyncPart } from '../../../shared/transfer-protocol';
import { PRIVATE_FILE_MODE } from '../atomic-file';
import type { BatchRecord, JobRecord } from './types';

export const JOURNAL_FILE = 'transfers.jsonl';

export type JournalLine =
  | { t: 'v'; v: 1 }
  | { t: 'batch'; batch: BatchRecord }
  | { t: 'job'; job: JobRecord }
  /** Absolute values of some fields of a job. */
  | { t: 'set'; id: string; f: Partial<JobRecord> }
  /** A whole checkpoint (or none) and the bytes it stands for. */
  | { t: 'cp'; id: string; cp: Checkpoint | null; b: number }
  /** Parts (S3), tags (QuickSync parts) or chunks added to the job's checkpoint (merged by number: replay-safe). */
  | { t: 'cpd'; id: string; parts?: CompletedPart[]; tags?: QuickSyncPart[]; chunks?: number[]; b: number }
  | { t: 'rm'; ids: string[] }
  | { t: 'brm'; ids: string[] };

export interface JournalState {
  jobs: Map<string, JobRecord>;
  batches: Map<string, BatchRecord>;
}

/** Applies one line to the state; unknown or inapplicable lines change nothing. */
export function applyLine(state: JournalState, line: JournalLine): void {
  switch (line.t) {
    case 'batch':
      state.batches.set(line.batch.id, line.batch);
      return;
    case 'job':
      state.jobs.set(line.job.id, line.job);
      return;
    case 'set': {
      const job = state.jobs.get(line.id);
      if (job) Object.assign(job, line.f);
      return;
    }
    case 'cp': {
      const job = state.jobs.get(line.id);
      if (job) Object.assign(job, { checkpoint: line.cp, bytesDone: line.b });
      return;
    }
    case 'cpd': {
      const job = state.jobs.get(line.id);
      if (!job?.checkpoint) return;
      job.checkpoint = mergeCheckpoint(job.checkpoint, line);
      job.bytesDone = line.b;
      return;
    }
    case 'rm':
      for (const id of line.ids) state.jobs.delete(id);
      return;
    case 'brm':
      for (const id of line.ids) state.batches.delete(id);
      return;
  }
}

type CheckpointDelta = { parts: CompletedPart[] } | { tags: QuickSyncPart[] } | { chunks: number[] };

/** `had` with `added` merged in, same part numbers replaced, in part order. */
function mergeByNumber<P extends { partNumber: number }>(had: readonly P[], added: readonly P[]): P[] {
  const byNumber = new Map(had.map((p) => [p.partNumber, p]));
  for (const p of added) byNumber.set(p.partNumber, p);
  return [...byNumber.values()].sort((a, b) => a.partNumber - b.partNumber);
}

/** The checkpoint with the delta's parts, tags or chunks merged in (replacing same numbers). */
export function mergeCheckpoint(
  cp: Checkpoint,
  delta: { parts?: CompletedPart[]; tags?: QuickSyncPart[]; chunks?: number[] },
): Checkpoint {
  if (cp.kind === 'upload' && delta.parts) return { ...cp, parts: mergeByNumber(cp.parts, delta.parts) };
  if (cp.kind === 'quicksync-upload' && delta.tags) return { ...cp, parts: mergeByNumber(cp.parts, delta.tags) };
  if (cp.kind === 'download' && delta.chunks) {
    return { ...cp, doneChunks: [...new Set([...cp.doneChunks, ...delta.chunks])].sort((a, b) => a - b) };
  }
  return cp;
}

/** The parts `next` adds to `prev` when it keeps every one of them as it was; else null. */
function addedParts<P extends { partNumber: number }>(
  prev: readonly P[],
  next: readonly P[],
  identity: (part: P) => string,
): P[] | null {
  if (next.length < prev.length) return null;
  const had = new Map(prev.map((p) => [p.partNumber, identity(p)]));
  const added: P[] = [];
  let kept = 0;
  for (const p of next) {
    const known = had.get(p.partNumber);
    if (known === undefined) added.push(p);
    else if (known === identity(p)) kept++;
    else return null;
  }
  return kept === prev.length ? added : null;
}

type UploadPlan = Pick<
  Extract<Checkpoint, { kind: 'upload' | 'quicksync-upload' }>,
  'uploadId' | 'partSize' | 'source'
>;

const samePlan = (a: UploadPlan, b: UploadPlan): boolean =>
  a.uploadId === b.uploadId &&
  a.partSize === b.partSize &&
  a.source.size === b.source.size &&
  a.source.mtimeMs === b.source.mtimeMs;

/**
 * What `next` adds to `prev` when it only adds parts or chunks to the same upload or temp file;
 * null when a whole checkpoint must be written.
 */
export function checkpointDelta(prev: Checkpoint | null, next: Checkpoint): CheckpointDelta | null {
  if (!prev) return null;
  if (prev.kind === 'upload' && next.kind === 'upload') {
    const parts = samePlan(prev, next) ? addedParts(prev.parts, next.parts, (p) => p.etag) : null;
    return parts && { parts };
  }
  if (prev.kind === 'quicksync-upload' && next.kind === 'quicksync-upload') {
    const same = prev.fileKey === next.fileKey && samePlan(prev, next);
    const tags = same ? addedParts(prev.parts, next.parts, (p) => p.tag) : null;
    return tags && { tags };
  }
  if (prev.kind === 'download' && next.kind === 'download') {
    const same =
      prev.tempPath === next.tempPath &&
      prev.etag === next.etag &&
      prev.size === next.size &&
      prev.chunkSize === next.chunkSize;
    if (!same) return null;
    const had = new Set(prev.doneChunks);
    const chunks = next.doneChunks.filter((c) => !had.has(c));
    return next.doneChunks.length - chunks.length === had.size ? { chunks } : null;
  }
  return null;
}

/** Reads the journal line by line; malformed lines (a crash's partial last line) are skipped. */
export async function loadJournal(file: string): Promise<JournalState & { lines: number; skipped: number }> {
  const state: JournalState = { jobs: new Map(), batches: new Map() };
  let lines = 0;
  let skipped = 0;
  const stream = createReadStream(file, { encoding: 'utf8' });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch (error) {
    stream.destroy();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...state, lines, skipped };
    throw error;
  }
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    lines++;
    let line: JournalLine;
    try {
      line = JSON.parse(text) as JournalLine;
    } catch {
      skipped++;
      continue;
    }
    if (typeof line !== 'object' || line === null || typeof line.t !== 'string') {
      skipped++;
      continue;
    }
    applyLine(state, line);
  }
  return { ...state, lines, skipped };
}

/** Chunks of lines per write during compaction (keeps the event loop responsive). */
const COMPACT_CHUNK = 2000;

export class Journal {
  private handle: FileHandle | null = null;
  private pending: string[] = [];
  private syncWanted = false;
  private compactFrom: (() => Iterable<JournalLine>) | null = null;
  private draining: Promise<void> | null = null;
  private rewriting = false;
  private closed = false;
  /** Lines in the file (after the last compaction) plus those queued. */
  lines = 0;
  /** The last write error, if any (the queue keeps working in memory). */
  lastError: unknown = null;

  constructor(readonly file: string) {}

  /** A compaction is asked for or running (asking again would only repeat it). */
  get compacting(): boolean {
    return this.compactFrom !== null || this.rewriting;
  }

  /** Removes temp files a crash during compaction may have left. */
  static async cleanTemp(file: string): Promise<void> {
    const dir = path.dirname(file);
    const prefix = `.${path.basename(file)}.`;
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(path.join(dir, n), { force: true })));
  }

  append(line: JournalLine, sync = false): void {
    if (this.closed) return;
    this.pending.push(JSON.stringify(line));
    this.lines++;
    if (sync) this.syncWanted = true;
    this.kick();
  }

  /** Rewrites the file from `source` (called when the writer gets to it); queued lines are dropped. */
  compact(source: () => Iterable<JournalLine>): void {
    if (this.closed) return;
    this.compactFrom = source;
    this.kick();
  }

  /** Resolves when everything queued so far is written (and synced where asked). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => {});
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  private async drain(): Promise<void> {
    // Lines appended in the same turn of the event loop (a burst of small jobs' messages) go out
    // in one write: each write is a thread-pool round trip on the main thread.
    await new Promise(setImmediate);
    while (this.pending.length > 0 || this.compactFrom) {
      try {
        if (this.compactFrom) {
          this.rewriting = true;
          await this.rewrite().finally(() => {
            this.rewriting = false;
          });
        } else await this.writePending();
        this.lastError = null;
      } catch (error) {
        this.lastError = error;
        return; // the next append tries again
      }
    }
  }

  private async writePending(): Promise<void> {
    const text = `${this.pending.join('\n')}\n`;
    const sync = this.syncWanted;
    this.pending = [];
    this.syncWanted = false;
    this.handle ??= await open(this.file, 'a', PRIVATE_FILE_MODE);
    await this.handle.write(text);
    if (sync) await this.handle.datasync();
  }

  private async rewrite(): Promise<void> {
    const source = this.compactFrom;
    this.compactFrom = null;
    if (!source) return;
    // Everything queued so far is already reflected in memory, which is what is written now.
    this.pending = [];
    this.syncWanted = false;
    const temp = path.join(
      path.dirname(this.file),
      `.${path.basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    const out = await open(temp, 'wx', PRIVATE_FILE_MODE);
    let count = 0;
    try {
      let chunk: string[] = [];
      for (const line of source()) {
        chunk.push(JSON.stringify(line));
        if (chunk.length >= COMPACT_CHUNK) {
          count += chunk.length;
          await out.write(`${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      count += chunk.length;
      if (chunk.length > 0) await out.write(`${chunk.join('\n')}\n`);
      await out.sync();
    } catch (error) {
      await out.close().catch(() => {});
      await rm(temp, { force: true });
      throw error;
    }
    await out.close();
    await rename(temp, this.file);
    await this.handle?.close().catch(() => {});
    this.handle = null;
    this.lines = count + this.pending.length;
  }
}
