/**
 * "Calculate size": every key under the given folders (or the whole bucket) listed without a
 * delimiter, 1,000 a page, counted with its bytes as the pages arrive. Folder markers ("a/")
 * are objects of 0 bytes, as `aws s3 ls --recursive --summarize` counts them. Objects named
 * directly are looked up with HEAD. Progress goes out through the batch operation; cancelling
 * it aborts the listing request in flight and asks for no further page.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isFolderKey } from '../../../../shared/keys';
import type { SizeSummary } from '../../../../shared/models';
import { CoreError } from '../../errors';
import type { Operation } from '../../operations';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';
import { walkKeys } from './objects';

/** Sums the objects under `items` ("" or folder prefixes: everything below; other keys: that object). */
export async function sizeOf(
  client: S3Client,
  bucket: string,
  items: readonly string[],
  op: Operation,
): Promise<SizeSummary> {
  const sum: SizeSummary = { objects: 0, bytes: 0 };
  const count = (size: number): void => {
    sum.objects += 1;
    sum.bytes += size;
  };
  try {
    for (const item of items) {
      op.throwIfCancelled();
      if (item === '' || isFolderKey(item)) {
        for await (const page of walkKeys(client, bucket, item, op.signal)) {
          for (const { size } of page) count(size);
          op.progress({ done: sum.objects, bytes: sum.bytes });
        }
      } else {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: item }), {
          abortSignal: op.signal,
        });
        count(head.ContentLength ?? 0);
        op.progress({ done: sum.objects, bytes: sum.bytes });
      }
    }
  } catch (error) {
    if (op.signal.aborted) throw new CoreError('Cancelled', 'The size calculation was cancelled.');
    throw error;
  }
  op.progress({ done: sum.objects, total: sum.objects, bytes: sum.bytes });
  return sum;
}

export const sizeMethods = (s3: S3Account): MethodsOf<'objects:size'> => ({
  sizeObjects: async ({ bucket, items }, { operation }) => sizeOf(await s3.client(bucket), bucket, items, operation),
});
