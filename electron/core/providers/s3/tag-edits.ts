/**
 * tags:editMany: the same tag change on many objects (folders expand to the objects under
 * them). Each object's tags are read, changed and written back; other tags stay. An object the
 * change would take past S3's limits is left as it is and reported as a failed item.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isFolderKey } from '../../../../shared/keys';
import type { BatchSummary, ItemFailure } from '../../../../shared/models';
import type { Tag } from '../../../../shared/properties';
import { tagSetProblem } from '../../../../shared/property-rules';
import { CoreError, toAppError } from '../../errors';
import { forEachLimited } from '../../../../shared/concurrency';
import { type Operation } from '../../operations';
import { walkKeys } from './objects';
import { getObjectTags, putObjectTags } from './tags';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

/** Objects changed at once (two requests each). */
const CONCURRENCY = 8;

export interface TagEdit {
  bucket: string;
  keys: string[];
  /** Added, or replacing the value of a tag with the same key. */
  set: Tag[];
  /** Tag keys removed (after `set`, so a key in both is removed). */
  remove: string[];
}

/** The tags after the edit: existing tags keep their order, new ones follow. */
export function applyTagEdit(current: readonly Tag[], set: readonly Tag[], remove: readonly string[]): Tag[] {
  const values = new Map(set.map((t) => [t.key, t.value]));
  const removed = new Set(remove);
  const existing = new Set(current.map((t) => t.key));
  const next = [
    ...current.map((t) => ({ key: t.key, value: values.get(t.key) ?? t.value })),
    ...set.filter((t) => !existing.has(t.key)),
  ];
  return next.filter((t) => !removed.has(t.key));
}

const sameTags = (a: readonly Tag[], b: readonly Tag[]): boolean =>
  a.length === b.length && a.every((t, i) => t.key === b[i]?.key && t.value === b[i]?.value);

export async function editTags(client: S3Client, edit: TagEdit, op: Operation): Promise<BatchSummary> {
  const failed: ItemFailure[] = [];
  let succeeded = 0;
  let found = 0;
  let walked = false;
  const report = (): void =>
    op.progress({ done: succeeded + failed.length, failed: failed.length, total: walked ? found : null });

  async function* objectKeys(): AsyncGenerator<string> {
    const seen = new Set<string>();
    const fresh = (key: string): boolean => {
      if (seen.has(key)) return false;
      seen.add(key);
      found += 1;
      return true;
    };
    for (const key of edit.keys) {
      if (!isFolderKey(key)) {
        if (fresh(key)) yield key;
        continue;
      }
      for await (const page of walkKeys(client, edit.bucket, key, op.signal)) {
        // Folder placeholders are folders to the person, not objects to tag.
        for (const { key: inner } of page) if (!isFolderKey(inner) && fresh(inner)) yield inner;
      }
    }
    walked = true;
  }

  try {
    await forEachLimited(objectKeys(), CONCURRENCY, op.signal, async (key) => {
      try {
        const ref = { bucket: edit.bucket, key };
        const current = await getObjectTags(client, ref);
        const next = applyTagEdit(current, edit.set, edit.remove);
        const problem = tagSetProblem(next, 'object');
        if (problem !== null) {
          failed.push({ key, code: 'InvalidRequest', message: `Not changed: ${problem}` });
        } else {
          if (!sameTags(current, next)) await putObjectTags(client, ref, next);
          succeeded += 1;
        }
      } catch (error) {
        if (op.signal.aborted) return;
        const e = toAppError(error);
        failed.push({ key, code: e.code, message: e.message });
      }
      report();
    });
    walked = true;
    op.throwIfCancelled();
  } catch (error) {
    if (op.signal.aborted)
      throw new CoreError(
        'Cancelled',
        `Cancelled: the tags of ${succeeded} object${succeeded === 1 ? '' : 's'} were already changed.`,
      );
    throw error;
  }
  op.progress({ done: succeeded + failed.length, failed: failed.length, total: found });
  return { succeeded, failed };
}

export const tagEditMethods = (s3: S3Account): MethodsOf<'tags:editMany'> => ({
  editTags: async ({ bucket, keys, set, remove }, { operation }) =>
    editTags(await s3.client(bucket), { bucket, keys, set, remove }, operation),
});
