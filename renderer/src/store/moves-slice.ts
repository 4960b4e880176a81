/**
 * Rows dropped on a folder: a move (or, with the copy modifier, a copy) through the server-side
 * copy the "Move to…" dialog uses, shown in a toast with the operation's progress and failure
 * summary. A move that moved anything offers Undo, which moves back exactly what moved and says
 * what it could not put back.
 */
import { forEachLimited, NEVER_STOPS } from '../../../shared/concurrency';
import { baseName, isFolderKey } from '../../../shared/keys';
import { i18n } from '../i18n';
import type { CopyItem, Plan } from '../view-model/plans';
import type { Location } from './objects-slice';
import type { OperationRun, StartedOperation } from './operations-slice';
import type { StoreSlice } from './slice';
import type { UiSlice } from './ui-slice';

/** What a row drag carries: the keys, and where they come from. */
export interface DraggedObjects {
  accountId: string;
  bucket: string;
  keys: readonly string[];
}

const t = (key: string, options: Record<string, unknown> = {}): string => i18n.t(`organize:${key}`, options);

/** "“photos”" for a folder prefix, the bucket's name for its top level. */
export const folderLabel = (bucket: string, prefix: string): string =>
  t('quoted', { name: prefix === '' ? bucket : baseName(prefix) });

const whatLabel = (keys: readonly string[]): string =>
  keys.length === 1 ? t('quoted', { name: baseName(keys[0] ?? '') }) : t('items', { count: keys.length });

/** The copy items of a drop into `prefix`, or why it is refused (onto itself, into its own subfolder, already there). */
export function planDrop(keys: readonly string[], prefix: string, copy: boolean): Plan<CopyItem[]> {
  const items: CopyItem[] = [];
  for (const key of keys) {
    const name = baseName(key);
    if (key === prefix)
      return { ok: false, problem: t(copy ? 'refused.copyOntoItself' : 'refused.moveOntoItself', { name }) };
    if (isFolderKey(key) && prefix.startsWith(key)) {
      return { ok: false, problem: t(copy ? 'refused.copyIntoOwn' : 'refused.moveIntoOwn', { name }) };
    }
    const target = prefix + name + (isFolderKey(key) ? '/' : '');
    if (target !== key) items.push({ source: key, target });
  }
  if (items.length === 0) return { ok: false, problem: t('refused.alreadyThere') };
  return { ok: true, value: items };
}

/** The checks before a move and before Undo (HEAD, one-key listings) run this many at a time. */
const CHECKS_IN_FLIGHT = 8;

export interface MovesSlice {
  /** Moves (or copies) the dragged rows into the folder `prefix` of their bucket; resolves once done. */
  drop(dragged: DraggedObjects, prefix: string, copy: boolean): Promise<void>;
}

type Reads = {
  /** The copy flow (flows/folder-flows.ts) that Move to… uses too. */
  objects: { location: Location | null; copy(items: CopyItem[], move: boolean, label: string): StartedOperation };
  ui: Pick<UiSlice, 'notify' | 'dismissToast'>;
};

export const createMovesSlice: StoreSlice<'moves', MovesSlice, Reads> = (_patch, get, { api }) => {
  /** Runs the copy/move in a toast that shows its progress; resolves once it ended. */
  function runInToast(items: CopyItem[], move: boolean, label: string): Promise<OperationRun> {
    const started = get().objects.copy(items, move, label);
    const toast = get().ui.notify('info', label, { operationId: started.operationId });
    return started.done.then((run) => {
      get().ui.dismissToast(toast);
      return run;
    });
  }

  /** Whether the folder `prefix` already holds something (a moved folder would merge into it); unknown counts as yes. */
  async function folderExists(place: DraggedObjects, prefix: string): Promise<boolean> {
    const { accountId, bucket } = place;
    const result = await api.invoke('objects:list', {
      accountId,
      bucket,
      prefix,
      continuationToken: null,
      pageSize: 1,
    });
    return !result.ok || result.value.items.length > 0;
  }

  /** Whether the object `key` exists; unknown counts as yes (nothing is moved onto it). */
  async function exists(place: DraggedObjects, key: string): Promise<boolean> {
    const result = await api.invoke('objects:head', { accountId: place.accountId, bucket: place.bucket, key });
    return result.ok || result.error.code !== 'NoSuchKey';
  }

  async function drop(dragged: DraggedObjects, prefix: string, copy: boolean): Promise<void> {
    const ui = get().ui;
    const location = get().objects.location;
    if (location === null || location.accountId !== dragged.accountId || location.bucket !== dragged.bucket) {
      ui.notify('error', t('refused.otherBucket'));
      return;
    }
    const plan = planDrop(dragged.keys, prefix, copy);
    if (!plan.ok) {
      ui.notify('error', plan.problem);
      return;
    }
    const where = folderLabel(dragged.bucket, prefix);
    const what = whatLabel(dragged.keys);
    // A folder moved onto an existing one merges with it: Undo could not tell the two apart.
    const merged = new Set<string>();
    if (!copy) {
      await forEachLimited(plan.value, CHECKS_IN_FLIGHT, NEVER_STOPS, async (item) => {
        if (isFolderKey(item.target) && (await folderExists(dragged, item.target))) merged.add(item.source);
      });
    }
    const run = await runInToast(plan.value, !copy, t(copy ? 'copying' : 'moving', { what, where }));
    const failed = run.summary?.failed ?? [];
    const succeeded = run.summary?.succeeded ?? 0;
    const extra = failed.length > 0 || run.status === 'failed' ? { operationId: run.id } : {};
    if (copy || succeeded === 0) {
      if (run.status === 'failed' || failed.length > 0)
        ui.notify('error', t(copy ? 'copyFailed' : 'moveFailed', { what }), extra);
      else ui.notify('info', t('copied', { what, where }));
      return;
    }
    // What moved: every object not in the failure list; a folder moves back as what arrived in its target.
    const failedKeys = new Set(failed.map((f) => f.key));
    const moved = plan.value.filter((item) => !failedKeys.has(item.source) && !merged.has(item.source));
    const notUndoable = plan.value.filter((item) => merged.has(item.source)).map((item) => item.source);
    const clean = run.status === 'done' && failed.length === 0;
    ui.notify(clean ? 'info' : 'error', clean ? t('moved', { what, where }) : t('movedSome', { where }), {
      ...extra,
      ...(notUndoable.length > 0 && { detail: t('undo.merged', { names: notUndoable.map(baseName).join(', ') }) }),
      ...(moved.length > 0 && { action: { label: t('undo.action'), run: () => void undoMove(dragged, moved) } }),
    });
  }

  /** Moves `moved` back (target → source), skipping those whose place changed meanwhile. */
  async function undoMove(from: DraggedObjects, moved: readonly CopyItem[]): Promise<void> {
    const back: CopyItem[] = [];
    const problems: string[] = [];
    await forEachLimited(moved, CHECKS_IN_FLIGHT, NEVER_STOPS, async (item) => {
      if (isFolderKey(item.source)) {
        back.push({ source: item.target, target: item.source });
        return;
      }
      const [there, original] = await Promise.all([exists(from, item.target), exists(from, item.source)]);
      if (!there) problems.push(t('undo.gone', { name: baseName(item.source) }));
      else if (original) problems.push(t('undo.replaced', { name: baseName(item.source) }));
      else back.push({ source: item.target, target: item.source });
    });
    const ui = get().ui;
    if (problems.length > 0) ui.notify('error', t('undo.partly', { count: problems.length }), problems.join(' · '));
    if (back.length === 0) return;
    const run = await runInToast(back, true, t('undo.running', { what: whatLabel(back.map((i) => i.target)) }));
    if (run.status === 'failed' || (run.summary?.failed.length ?? 0) > 0) {
      ui.notify('error', t('undo.failed'), { operationId: run.id });
    } else {
      ui.notify('info', t('undo.done', { count: run.summary?.succeeded ?? 0 }));
    }
  }

  return { drop };
};
