/**
 * Deletes objects and whole folders: folder keys ("x/") expand to every key under them, keys go
 * out in DeleteObjects batches of up to 1000 (quiet mode: only failures come back), and a
 * service without DeleteObjects gets one DeleteObject per key instead.
 */
import { DeleteObjectCommand, DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import { isFolderKey } from '../../../../shared/keys';
import type { BatchSummary, ItemFailure } from '../../../../shared/models';
import { CoreError, toAppError } from '../../errors';
import { forEachLimited } from '../../../../shared/concurrency';
import { type Operation } from '../../operations';
import { walkKeys } from './objects';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

export const DELETE_BATCH = 1000;
const SINGLE_DELETE_CONCURRENCY = 8;

/** Deletes keys in batches and reports each key that failed; shared by delete and move. */
export class KeyDeleter {
  private bulkSupported = true;
  readonly failed: ItemFailure[] = [];
  succeeded = 0;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly signal: AbortSignal,
  ) {}

  async deleteBatch(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const chunk = keys.slice(i, i + DELETE_BATCH);
      if (this.bulkSupported) {
        try {
          await this.bulk(chunk);
          continue;
        } catch (error) {
          if (this.signal.aborted) throw error;
          const e = toAppError(error);
          if (e.code !== 'NotSupported') {
            // The whole request failed (access, network): every key of it failed, for that reason.
            for (const key of chunk) this.failed.push({ key, code: e.code, message: e.message });
            continue;
          }
          this.bulkSupported = false;
        }
      }
      await this.oneByOne(chunk);
    }
  }

  private async bulk(keys: string[]): Promise<void> {
    const out = await this.client.send(
      new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Quiet: true, Objects: keys.map((Key) => ({ Key })) } }),
      { abortSignal: this.signal },
    );
    // Only errors about keys of this request count (a confused service must not skew the summary).
    const asked = new Set(keys);
    const errors = (out.Errors ?? []).filter((e) => e.Key !== undefined && asked.has(e.Key));
    for (const e of errors) {
      this.failed.push({
        key: e.Key as string,
        code: e.Code ?? 'Unknown',
        message: e.Message ?? 'The service could not delete this object.',
      });
    }
    this.succeeded += keys.length - errors.length;
  }

  private async oneByOne(keys: string[]): Promise<void> {
    await forEachLimited(keys, SINGLE_DELETE_CONCURRENCY, this.signal, async (key) => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), {
          abortSignal: this.signal,
        });
        this.succeeded += 1;
      } catch (error) {
        if (this.signal.aborted) return;
        const e = toAppError(error);
        this.failed.push({ key, code: e.code, message: e.message });
      }
    });
  }
}

/**
 * Deletes the given keys, expanding folders. Keys are deleted as the walk finds them (a page at a
 * time) so a huge folder never sits in memory; the total is known once every folder was walked.
 */
export async function deleteKeys(
  client: S3Client,
  bucket: string,
  keys: string[],
  op: Operation,
): Promise<BatchSummary> {
  const deleter = new KeyDeleter(client, bucket, op.signal);
  const seen = new Set<string>();
  let found = 0;
  const report = (total: number | null): void =>
    op.progress({ done: deleter.succeeded + deleter.failed.length, failed: deleter.failed.length, total });
  const take = async (batch: string[], walking: boolean): Promise<void> => {
    const fresh = batch.filter((k) => !seen.has(k) && (seen.add(k), true));
    if (fresh.length === 0) return;
    found += fresh.length;
    op.throwIfCancelled();
    await deleter.deleteBatch(fresh);
    report(walking ? null : found);
  };

  const folders = keys.filter(isFolderKey);
  try {
    await take(
      keys.filter((k) => !isFolderKey(k)),
      folders.length > 0,
    );
    for (const folder of folders) {
      for await (const page of walkKeys(client, bucket, folder, op.signal))
        await take(
          page.map((k) => k.key),
          true,
        );
      // A folder with no placeholder and nothing under it is simply gone: nothing to report.
    }
    report(found);
    op.throwIfCancelled();
  } catch (error) {
    if (op.signal.aborted) throw cancelled(deleter.succeeded);
    throw error;
  }
  return { succeeded: deleter.succeeded, failed: deleter.failed };
}

const cancelled = (done: number): CoreError =>
  new CoreError('Cancelled', `Cancelled: ${done} object${done === 1 ? ' was' : 's were'} already deleted.`);

export const deleteMethods = (s3: S3Account): MethodsOf<'objects:delete'> => ({
  deleteObjects: async ({ bucket, keys }, { operation }) =>
    deleteKeys(await s3.client(bucket), bucket, keys, operation),
});
