/**
 * One edit session: the object's local copy, watched (chokidar, waiting until a save has
 * finished writing), and every save that changed its bytes uploaded back through the queue,
 * unless the object changed on the server since the copy's base ETag: then the session waits
 * in `conflict` for the person's answer. All work of a session runs one step at a time, so a
 * save arriving during an upload or a re-download is looked at afterwards, against the new base.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { watch, type FSWatcher } from 'chokidar';
import type { EditResolution, EditSession, EditState } from '../../../shared/channels/edits';
import type { AppError } from '../../../shared/errors';
import { CoreError, toAppError } from '../errors';
import type { CachedObject } from './cache-paths';
import { changedSince, keepBothKey } from './conflict-check';
import type { QueueJobs } from './queue-jobs';

/** What the service knows about an object on the server (null: it does not exist). */
export type HeadObject = (object: CachedObject) => Promise<{ size: number; etag: string | null } | null>;

export interface SessionDeps {
  jobs: QueueJobs;
  head: HeadObject;
  /** The session's view changed. */
  changed(): void;
  now(): number;
  /** How long a saved file must keep its size before it counts as written (ms). */
  stabilityMs: number;
}

/** The copy's bytes, hashed: a save that did not change them uploads nothing. */
async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Downloads the object's current version to `file`; returns the ETag the copy was made from. */
export async function fetchCopy(
  deps: Pick<SessionDeps, 'jobs' | 'head'>,
  object: CachedObject,
  file: string,
): Promise<string | null> {
  const head = await deps.head(object);
  if (head === null) throw new CoreError('NoSuchKey', `${object.key} no longer exists.`);
  await deps.jobs.download(object, file, head);
  return head.etag;
}

export class EditSessionRunner {
  private state: EditState = 'downloading';
  private error: AppError | null = null;
  private uploads = 0;
  private uploadedAt: string | null = null;
  /** The object's ETag when the copy last matched it, and the copy's hash then. */
  private baseEtag: string | null = null;
  private baseHash = '';
  private watcher: FSWatcher | null = null;
  private stopped = false;
  private work: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    private object: CachedObject,
    readonly file: string,
    private readonly deps: SessionDeps,
  ) {}

  view(): EditSession {
    const { accountId, bucket, key } = this.object;
    const { id, state, uploads, uploadedAt, error } = this;
    return { id, accountId, bucket, key, state, uploads, uploadedAt, error };
  }

  /** Is this session about this object? */
  holds(object: CachedObject): boolean {
    const o = this.object;
    return o.accountId === object.accountId && o.bucket === object.bucket && o.key === object.key;
  }

  /** Downloads the copy and starts watching it; resolves once saves are being watched. */
  begin(): Promise<void> {
    const begun = this.watchCopy();
    this.work = begun.catch(() => {}); // what end() waits for
    return begun;
  }

  private async watchCopy(): Promise<void> {
    this.baseEtag = await fetchCopy(this.deps, this.object, this.file);
    this.baseHash = await sha256(this.file);
    if (this.stopped) return; // stopped while downloading: nothing to watch
    const watcher = watch(path.dirname(this.file), {
      depth: 0,
      ignoreInitial: true,
      awaitWriteFinish: { stabilityThreshold: this.deps.stabilityMs, pollInterval: 50 },
    });
    this.watcher = watcher;
    // Editors save in place, or write a new file and rename it over the old one ('add').
    const saved = (p: string): void => {
      if (path.resolve(p) === this.file) void this.step(() => this.sync()).catch(() => {}); // shown as the session's error
    };
    watcher.on('add', saved).on('change', saved);
    watcher.on('error', (error) => this.fail(toAppError(error)));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    if (this.stopped) return;
    this.set('watching');
  }

  /** The person's answer to a conflict; resolves when it has been carried out. */
  resolve(choice: EditResolution): Promise<void> {
    if (this.state !== 'conflict') {
      return Promise.reject(new CoreError('InvalidRequest', 'This file has no conflict to resolve.'));
    }
    return this.step(async () => {
      if (choice === 'discard') {
        // The server's version replaces the local changes; the watcher's event for it finds nothing new.
        this.set('downloading');
        this.baseEtag = await fetchCopy(this.deps, this.object, this.file);
        this.baseHash = await sha256(this.file);
        this.set('watching');
        return;
      }
      let target = this.object;
      if (choice === 'keepBoth') {
        const exists = async (key: string) => (await this.deps.head({ ...this.object, key })) !== null;
        target = { ...this.object, key: await keepBothKey(this.object.key, exists) };
      }
      // After "keep both", later saves go to the person's own copy.
      await this.upload(await sha256(this.file), target);
    });
  }

  /** Stops watching: later saves stay local. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.watcher?.close();
  }

  /**
   * Stops, lets the step under way finish (a started upload completes), and tells whether the
   * copy holds changes the server never got: a conflict, a failure, or bytes not last synced.
   */
  async end(): Promise<boolean> {
    await this.stop();
    await this.work;
    if (this.state === 'conflict' || this.state === 'error') return true;
    try {
      return (await sha256(this.file)) !== this.baseHash;
    } catch (error) {
      // No copy (never downloaded) holds nothing; one that cannot be read is kept.
      return (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  }

  /** A save arrived: upload it if its bytes changed and the object did not change meanwhile. */
  private async sync(): Promise<void> {
    if (this.state === 'conflict') return; // the answer uploads the copy as it is then
    const hash = await sha256(this.file);
    if (hash === this.baseHash) return;
    this.set('uploading');
    if (await changedSince(this.baseEtag, async () => (await this.deps.head(this.object))?.etag ?? null)) {
      this.set('conflict');
      return;
    }
    await this.upload(hash);
  }

  /** Uploads the copy to `target`, which becomes the session's object with its new ETag as the base. */
  private async upload(hash: string, target: CachedObject = this.object): Promise<void> {
    this.set('uploading');
    const { size } = await stat(this.file);
    if (this.stopped) return; // stopped (or quitting) while this save was looked at: it stays local
    await this.deps.jobs.upload(target, this.file, size);
    this.object = target;
    // Read right after the upload (the queue does not report the ETag it got back).
    this.baseEtag = (await this.deps.head(target))?.etag ?? null;
    this.baseHash = hash;
    this.uploads++;
    this.uploadedAt = new Date(this.deps.now()).toISOString();
    this.set('uploaded');
  }

  /** Runs after the session's earlier work; a failure leaves the session in `error` (the next save tries again). */
  private step(work: () => Promise<void>): Promise<void> {
    const run = this.work.then(async () => {
      if (this.stopped) return;
      try {
        await work();
      } catch (error) {
        this.fail(toAppError(error));
        throw error;
      }
    });
    this.work = run.catch(() => {});
    return run;
  }

  private fail(error: AppError): void {
    this.error = error;
    this.state = 'error';
    this.deps.changed();
  }

  private set(state: EditState): void {
    if (this.stopped) return;
    this.state = state;
    if (state !== 'error') this.error = null;
    this.deps.changed();
  }
}
