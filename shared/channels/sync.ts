/**
 * Folder sync: pairs of a local folder and a bucket folder, their plans (compare, page through,
 * answer conflicts) and runs through the transfer queue. The core answers these itself
 * (electron/core/sync/), asking the account's provider for listings and deletions.
 */
import { z } from 'zod';
import {
  SYNC_COMPARES,
  SYNC_CONFLICT_MODES,
  SYNC_DIRECTIONS,
  SYNC_RESOLUTIONS,
  SYNC_SECTIONS,
  type SyncPair,
  type SyncPairSettings,
  type SyncPlanPage,
  type SyncPlanSummary,
  type SyncRunParts,
  type SyncState,
} from '../sync';
import { bucket, downloadFolder, id, list, prefix } from '../schemas';
import { channel, returns } from './channel';

/** The person's ignore rules: gitignore text, bounded. */
export const MAX_SYNC_IGNORE_CHARS = 16_384;
/** Entries named in one run or answer (a larger choice is several requests, or "all of a part"). */
export const MAX_SYNC_INDICES = 100_000;
export const MAX_SYNC_PAGE = 500;

const pairId = z.object({ pairId: id });
const planId = z.object({ planId: id });

/** A pair's editable settings, as requests carry them and the pair store checks them. */
export const syncPairSettings = z.object({
  direction: z.enum(SYNC_DIRECTIONS),
  compare: z.enum(SYNC_COMPARES),
  conflicts: z.enum(SYNC_CONFLICT_MODES),
  deleteMissing: z.boolean(),
  ignore: z.string().max(MAX_SYNC_IGNORE_CHARS),
  watch: z.boolean(),
}) satisfies z.ZodType<SyncPairSettings>;

const indices = list(z.number().int().min(0), MAX_SYNC_INDICES);

export const syncChannels = {
  /** Every pair (of every account) and its status; the same as the last 'sync:changed' event. */
  'sync:list': channel({ request: z.object({}), response: returns<SyncState>() }),
  /**
   * A new pair. `localFolder` null: the host asks with its folder dialog (Electron); the browser
   * host has none, so its page types the folder. Refused inside the app's data folder.
   */
  'sync:create': channel({
    request: syncPairSettings.extend({
      accountId: id,
      bucket,
      prefix,
      localFolder: downloadFolder.nullable(),
    }),
    response: returns<{ kind: 'created'; pair: SyncPair } | { kind: 'cancelled' }>(),
  }),
  'sync:update': channel({
    request: pairId.extend({ settings: syncPairSettings.partial() }),
    response: returns<SyncPair>(),
  }),
  /** Forgets the pair and its index (never a file or an object). */
  'sync:remove': channel({ request: pairId, response: returns<null>() }),
  /** The dry run: compares both sides and keeps the plan (the pair's previous plan is dropped). */
  'sync:plan': channel({ request: pairId, response: returns<SyncPlanSummary>() }),
  /** Stops a comparison or a run of the pair (jobs already queued are cancelled). */
  'sync:cancel': channel({ request: pairId, response: returns<null>() }),
  /** The summary of the pair's current plan (the page reloaded, or a part of it was run). */
  'sync:planSummary': channel({ request: planId, response: returns<SyncPlanSummary>() }),
  'sync:planPage': channel({
    request: planId.extend({
      section: z.enum(SYNC_SECTIONS),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(MAX_SYNC_PAGE),
    }),
    response: returns<SyncPlanPage>(),
  }),
  /** Answers conflicts of the plan (entries that are not conflicts are refused). */
  'sync:resolve': channel({
    request: planId.extend({ indices, resolution: z.enum(SYNC_RESOLUTIONS) }),
    response: returns<SyncPlanSummary>(),
  }),
  /**
   * Runs the plan, or some of it: the parts chosen, and of them only `only` when given.
   * Deletions run only with `parts.deletions`, which the page sends after its own confirmation.
   */
  'sync:run': channel({
    request: planId.extend({
      parts: z.object({
        uploads: z.boolean(),
        downloads: z.boolean(),
        conflicts: z.boolean(),
        deletions: z.boolean(),
      }) satisfies z.ZodType<SyncRunParts>,
      only: indices.optional(),
    }),
    response: returns<null>(),
  }),
};
