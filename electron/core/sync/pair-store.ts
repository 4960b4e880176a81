/**
 * The sync pairs, kept in `<dataDir>/sync-pairs.json` (written whole, atomically). A pair the
 * file holds that does not pass the same checks a request would (hand-edited, an older
 * version) is left out, never silently: the file as it was is kept beside it, the file is
 * rewritten with the pairs that could be read (so the next start does not say it again), and
 * the reasons are said.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { bucket, id, prefix } from '../../../shared/schemas';
import type { SyncPair, SyncRunSummary } from '../../../shared/sync';
import { syncPairSettings } from '../../../shared/channels/sync';
import { readTextIfExists, writeFileAtomic } from '../atomic-file';
import { CoreError } from '../errors';

export const PAIRS_FILE = 'sync-pairs.json';

const runSummary = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  uploaded: z.number().int().min(0),
  downloaded: z.number().int().min(0),
  deletedRemote: z.number().int().min(0),
  deletedLocal: z.number().int().min(0),
  failed: z.number().int().min(0),
  changedDuringRun: z.array(z.string()),
  keptLocal: z.array(z.string()),
  failures: z.array(z.object({ path: z.string(), message: z.string() })),
  cancelled: z.boolean(),
  watch: z.boolean(),
}) satisfies z.ZodType<SyncRunSummary>;

const pairSchema = syncPairSettings.extend({
  id,
  accountId: id,
  bucket,
  prefix: prefix.refine((p) => p === '' || p.endsWith('/'), 'The prefix must be empty or end with "/".'),
  localFolder: z
    .string()
    .min(1)
    .refine((p) => path.isAbsolute(p), 'The folder must be an absolute path.'),
  createdAt: z.string(),
  lastRun: runSummary.nullable(),
}) satisfies z.ZodType<SyncPair>;

export interface PairStore {
  list(): SyncPair[];
  /** InvalidRequest when the pair no longer exists. */
  get(pairId: string): SyncPair;
  /** Adds or replaces the pair, and saves. */
  put(pair: SyncPair): Promise<void>;
  remove(pairId: string): Promise<void>;
}

export interface OpenedPairs {
  store: PairStore;
  /** What the file held that was left out, one sentence each (empty when everything loaded). */
  dropped: string[];
}

/** The pairs the file holds, and a sentence for each entry left out. */
function parsePairs(text: string): { pairs: SyncPair[]; dropped: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { pairs: [], dropped: ['The file is not valid JSON: no pair could be read.'] };
  }
  const entries = (json as { pairs?: unknown } | null)?.pairs;
  if (!Array.isArray(entries)) return { pairs: [], dropped: ['The file holds no list of pairs.'] };
  const pairs: SyncPair[] = [];
  const dropped: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const parsed = pairSchema.safeParse(entry);
    const issue = parsed.error?.issues[0];
    if (parsed.success && !pairs.some((p) => p.id === parsed.data.id)) pairs.push(parsed.data);
    else {
      const named = (entry as { localFolder?: unknown } | null)?.localFolder;
      const what = typeof named === 'string' ? `pair ${i + 1} (${named})` : `pair ${i + 1}`;
      const why = issue
        ? `${issue.path.join('.') || 'entry'}: ${issue.message.replace(/\.$/, '')}`
        : 'its id is used twice';
      dropped.push(`The ${what} was left out: ${why}.`);
    }
  }
  return { pairs, dropped };
}

export async function openPairStore(dataDir: string, now: () => number = Date.now): Promise<OpenedPairs> {
  const file = path.join(dataDir, PAIRS_FILE);
  const text = await readTextIfExists(file);
  const { pairs, dropped } = text === null ? { pairs: [], dropped: [] } : parsePairs(text);
  if (dropped.length > 0) {
    const kept = path.join(dataDir, `sync-pairs.left-out-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.json`);
    await copyFile(file, kept);
    dropped.push(`The file as it was is kept in ${kept}.`);
  }
  const byId = new Map(pairs.map((p) => [p.id, p]));
  let writes: Promise<void> = Promise.resolve();
  // One write at a time, each of the state when it runs: the last one leaves the latest state.
  const save = (): Promise<void> => {
    writes = writes
      .catch(() => {})
      .then(() => writeFileAtomic(file, JSON.stringify({ pairs: [...byId.values()] }, null, 2)));
    return writes;
  };
  if (dropped.length > 0) await save();

  return {
    dropped,
    store: {
      list: () => [...byId.values()],
      get(pairId) {
        const pair = byId.get(pairId);
        if (!pair) throw new CoreError('InvalidRequest', 'This sync pair no longer exists.');
        return pair;
      },
      put(pair) {
        byId.set(pair.id, pair);
        return save();
      },
      remove(pairId) {
        byId.delete(pairId);
        return save();
      },
    },
  };
}
