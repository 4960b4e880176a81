/**
 * The edits service: answers the edits:* channels. Open downloads an object into the edit
 * cache (or takes the copy an edit session holds) and asks the host to open it with the
 * system's application; Edit does the same and keeps a session that uploads every save.
 * Sessions end when the person stops them, their account is removed, or the app quits (watchers
 * closed, nothing still uploading); a stopped session's copy is deleted unless it holds changes
 * never uploaded (then the event names where they are kept). Hosts without an "open with the
 * system" service (the browser host) refuse.
 */
import { randomUUID } from 'node:crypto';
import type { EditSessions, KeptEditCopy } from '../../../shared/channels/edits';
import type { ObjectDetails } from '../../../shared/models';
import type { TransfersSnapshot } from '../../../shared/transfers';
import { CoreError } from '../errors';
import type { HostServices } from '../host-services';
import type { Handlers, Router } from '../router';
import type { TransferQueue } from '../transfers/queue';
import { editCachePath, removeCachedCopy, type CachedObject } from './cache-paths';
import { createQueueJobs } from './queue-jobs';
import { EditSessionRunner, fetchCopy, type HeadObject } from './session';

export type EditChannel = 'edits:open' | 'edits:start' | 'edits:list' | 'edits:resolve' | 'edits:stop';

export interface EditServiceDeps {
  dataDir: string;
  /** Asked at every call: a host may gain or lose services after the core starts (tests swap them). */
  host(): HostServices;
  queue: TransferQueue;
  onSnapshot(listener: (snapshot: TransfersSnapshot) => void): () => void;
  head: HeadObject;
  emit(payload: EditSessions): void;
  now?: () => number;
  /** How long a save must stay unchanged before it is uploaded (ms). */
  stabilityMs?: number;
}

export interface EditService {
  handlers: Pick<Handlers, EditChannel>;
  /** Ends the account's sessions (before it is removed): none watches or uploads for it afterwards. */
  endAccount(accountId: string): Promise<void>;
  dispose(): Promise<void>;
}

export const BROWSER_OPENS_NOTHING =
  'The browser app cannot open files in other applications; it downloads them instead.';

export function createEditService(deps: EditServiceDeps): EditService {
  const jobs = createQueueJobs({ queue: deps.queue, onSnapshot: deps.onSnapshot });
  const sessions = new Map<string, EditSessionRunner>();
  const emit = (kept?: KeptEditCopy[]): void =>
    deps.emit({ sessions: [...sessions.values()].map((s) => s.view()), ...(kept && { kept }) });
  const sessionDeps = {
    jobs,
    head: deps.head,
    changed: emit,
    now: deps.now ?? Date.now,
    stabilityMs: deps.stabilityMs ?? 400,
  };

  /** The host's opener, checked before anything is downloaded. */
  function opener(): (path: string) => Promise<void> {
    const host = deps.host();
    const open = host.openWithSystem?.bind(host);
    if (open === undefined) throw new CoreError('NotSupported', BROWSER_OPENS_NOTHING);
    return async (path) => {
      const problem = await open(path);
      if (problem !== null) throw new CoreError('LocalIOError', `The file could not be opened: ${problem}`);
    };
  }

  const sessionOf = (object: CachedObject): EditSessionRunner | undefined =>
    [...sessions.values()].find((s) => s.holds(object));

  function session(id: string): EditSessionRunner {
    const found = sessions.get(id);
    if (!found) throw new CoreError('InvalidRequest', 'This file is no longer being edited.');
    return found;
  }

  /** Ends these sessions; deletes each copy that holds nothing unsent, and reports the others as kept. */
  async function end(ending: EditSessionRunner[]): Promise<void> {
    for (const runner of ending) sessions.delete(runner.id);
    emit();
    const kept: KeptEditCopy[] = [];
    await Promise.all(
      ending.map(async (runner) => {
        const unsent = await runner.end();
        // Read after the last step: a "keep both" answer moves the session to another key.
        const { accountId, bucket, key } = runner.view();
        if (unsent) kept.push({ accountId, bucket, key, file: runner.file });
        // A new session on the same object, started meanwhile, owns the file now.
        else if (![...sessions.values()].some((s) => s.file === runner.file))
          await removeCachedCopy(deps.dataDir, runner.file);
      }),
    );
    if (kept.length > 0) emit(kept);
  }

  return {
    handlers: {
      'edits:open': async (object) => {
        const open = opener();
        // The copy being edited is the one to open: a fresh download would overwrite unsaved work.
        const editing = sessionOf(object);
        const file = editing?.file ?? editCachePath(deps.dataDir, object);
        if (!editing) await fetchCopy(sessionDeps, object, file);
        await open(file);
        return null;
      },
      'edits:start': async (object) => {
        const open = opener();
        let runner = sessionOf(object);
        if (!runner) {
          runner = new EditSessionRunner(randomUUID(), object, editCachePath(deps.dataDir, object), sessionDeps);
          sessions.set(runner.id, runner);
          emit();
          try {
            await runner.begin();
          } catch (error) {
            await runner.stop();
            sessions.delete(runner.id);
            emit();
            throw error;
          }
        }
        await open(runner.file);
        return runner.view();
      },
      'edits:list': async () => ({ sessions: [...sessions.values()].map((s) => s.view()) }),
      'edits:resolve': async ({ sessionId, choice }) => {
        await session(sessionId).resolve(choice);
        return null;
      },
      'edits:stop': async ({ sessionId }) => {
        await end([session(sessionId)]);
        return null;
      },
    },
    endAccount: (accountId) => end([...sessions.values()].filter((s) => s.view().accountId === accountId)),
    async dispose() {
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map((s) => s.stop()));
      await jobs.cancelAll();
    },
  };
}

/** HEAD through the router (validated and capability-checked like any call); null when the object is gone. */
export function headThrough(invoke: Router['invoke']): HeadObject {
  return async (object) => {
    const result = await invoke('objects:head', object);
    if (result.ok) {
      const details = result.value as ObjectDetails;
      return { size: details.size, etag: details.etag };
    }
    if (result.error.code === 'NoSuchKey') return null;
    throw new CoreError(result.error.code, result.error.message, result.error.detail);
  };
}
