/**
 * Folder sync: the pairs and their status as the core reports them ('sync:changed'), the pair
 * the main area shows, its plan (the summary of the last compare, and a window of the open
 * section's entries), the selection in that section, and what the person does with it:
 * compare, answer conflicts, run all or some of it, delete (after its own confirmation), cancel.
 */
import { MAX_SYNC_INDICES, MAX_SYNC_PAGE } from '../../../shared/channels/sync';
import type { AppInfo } from '../../../shared/models';
import type { RequestOf } from '../../../shared/contract';
import { ok, type AppError, type Result } from '../../../shared/errors';
import { chunkList } from '../../../shared/request-limits';
import type {
  SyncCount,
  SyncEntry,
  SyncPair,
  SyncPairSettings,
  SyncPairStatus,
  SyncPlanPage,
  SyncPlanSummary,
  SyncResolution,
  SyncRunParts,
  SyncSection,
  SyncState,
} from '../../../shared/sync';
import type { ClickModifiers } from '../view-model/selection';
import type { StoreSlice } from './slice';
import { createSyncWindow, entryAt } from './sync-window';

/** What went wrong last for a pair (shown in its view with the core's message). */
export interface SyncFailure {
  /** What was being done: a `sync:error.<what>` key. */
  what: 'compare' | 'cancel' | 'resolve' | 'run' | 'page' | 'update';
  error: AppError;
}

/** What a deletion's confirmation names: how many files and bytes on each side, and which entries. */
export interface DeletionChoice {
  pairId: string;
  planId: string;
  /** Null: every deletion of the plan. */
  indices: number[] | null;
  remote: SyncCount;
  local: SyncCount;
}

export type SyncCreateRequest = RequestOf<'sync:create'>;
export type SyncCreateResult = Result<{ kind: 'created'; pair: SyncPair } | { kind: 'cancelled' }>;

export interface SyncSlice {
  pairs: SyncPair[];
  status: Readonly<Record<string, SyncPairStatus>>;
  /** The pair the main area shows instead of the browser (null: the browser). */
  viewing: string | null;
  /**
   * The summary of each pair's plan (shown while the core still holds that plan): from a compare,
   * an answer, or asked for when the status names a plan the page has none for (after a reload,
   * or a run that left part of the plan).
   */
  plans: Readonly<Record<string, SyncPlanSummary>>;
  failures: Readonly<Record<string, SyncFailure>>;
  section: SyncSection;
  /** The loaded rows of the open section: never the whole plan. */
  page: SyncPlanPage | null;
  /** Positions in the open section. */
  selected: ReadonlySet<number>;
  focused: number | null;
  /** Listens to 'sync:changed' and loads the pairs; the store does this once when it is created. */
  subscribe(): () => void;
  view(pairId: string | null): void;
  create(request: SyncCreateRequest): Promise<SyncCreateResult>;
  update(pairId: string, settings: Partial<SyncPairSettings>): Promise<Result<SyncPair>>;
  remove(pairId: string): Promise<Result<null>>;
  compare(pairId: string): Promise<void>;
  cancel(pairId: string): Promise<void>;
  setSection(section: SyncSection): void;
  /** Loads rows [offset, offset + limit) of the open section (limit ≤ MAX_SYNC_PAGE). */
  loadRange(offset: number, limit: number): Promise<void>;
  select(position: number, mods?: ClickModifiers): void;
  /** Keyboard: selects another row (clamped), or with `extend` the range from the anchor to it. */
  moveFocus(position: number, extend: boolean): void;
  selectAll(): void;
  clearSelection(): void;
  /** Answers the conflicts at these positions (default: the selection, else the focused row). */
  resolve(resolution: SyncResolution, positions?: readonly number[]): Promise<void>;
  /** Sync: uploads, downloads and answered conflicts of the plan, all of them or the selection's. */
  run(pairId: string, scope: 'all' | 'selected'): Promise<void>;
  /** What deleting all of the plan's deletions, or the selected ones, would delete (for its confirmation). */
  deletionChoice(pairId: string, scope: 'all' | 'selected'): Promise<DeletionChoice | null>;
  /** Runs the deletions the person confirmed. */
  runDeletions(choice: DeletionChoice): Promise<void>;
}

const NO_COUNT: SyncCount = { files: 0, bytes: 0 };
const RUN_CHANGES: SyncRunParts = { uploads: true, downloads: true, conflicts: true, deletions: false };
const RUN_DELETIONS: SyncRunParts = { uploads: false, downloads: false, conflicts: false, deletions: true };

/** The plan the view may show for a pair: its last summary while the core still holds that plan. */
export function currentPlan(s: Pick<SyncSlice, 'plans' | 'status'>, pairId: string | null): SyncPlanSummary | null {
  if (pairId === null) return null;
  const plan = s.plans[pairId];
  const planId = s.status[pairId]?.planId ?? null;
  return plan !== undefined && plan.planId === planId ? plan : null;
}

/** The desktop app moves a sync's local deletions to the system's trash; the browser app has none. */
export const localDeletionsTrashed = (info: AppInfo | null): boolean => info?.host === 'electron';

const without = <T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> => {
  const { [key]: _dropped, ...rest } = record;
  return rest;
};

export const createSyncSlice: StoreSlice<'sync', SyncSlice> = (patch, get, deps) => {
  const { api } = deps;
  /** Which plan section the window and the selection belong to ("" for none). */
  let shownKey = '';
  /** Where a Shift range starts. */
  let anchor: number | null = null;
  /** Plans whose summary is being asked for. */
  const asking = new Set<string>();

  const target = () => {
    const s = get().sync;
    const plan = currentPlan(s, s.viewing);
    return plan === null ? null : { planId: plan.planId, section: s.section };
  };

  const rows = createSyncWindow(
    target,
    (page, error) => {
      if (error !== null) fail(get().sync.viewing, 'page', error);
      else patch({ page });
    },
    deps,
  );

  function fail(pairId: string | null, what: SyncFailure['what'], error: AppError): void {
    if (pairId !== null) patch((s) => ({ failures: { ...s.failures, [pairId]: { what, error } } }));
  }

  function clearFailure(pairId: string): void {
    if (get().sync.failures[pairId] !== undefined) patch((s) => ({ failures: without(s.failures, pairId) }));
  }

  /** After anything that may change what the list shows: a new plan or section starts a fresh window. */
  function follow(): void {
    const now = target();
    const key = now === null ? '' : `${now.planId}\n${now.section}`;
    if (key === shownKey) return;
    shownKey = key;
    anchor = null;
    patch({ page: null, selected: new Set(), focused: null });
    rows.restart();
    if (now !== null) void rows.fetch();
  }

  /** The section's rows are shown again after their answers changed. */
  function reload(): void {
    const page = get().sync.page;
    if (page !== null) rows.want(page.offset, Math.max(page.entries.length, 1));
    void rows.fetch();
  }

  /** Asks for the summary of a plan the status names and the page does not know. */
  async function fetchSummary(pairId: string, planId: string): Promise<void> {
    if (asking.has(planId) || get().sync.plans[pairId]?.planId === planId) return;
    asking.add(planId);
    const result = await api.invoke('sync:planSummary', { planId });
    asking.delete(planId);
    // A plan replaced meanwhile is refused, or no longer the one the status names: nothing to show.
    if (!result.ok || get().sync.status[pairId]?.planId !== planId) return;
    patch((s) => ({ plans: { ...s.plans, [pairId]: result.value } }));
    follow();
  }

  function apply(state: SyncState): void {
    const status: Record<string, SyncPairStatus> = {};
    for (const each of state.status) status[each.pairId] = each;
    const viewing = get().sync.viewing;
    patch({
      pairs: state.pairs,
      status,
      viewing: viewing !== null && state.pairs.some((p) => p.id === viewing) ? viewing : null,
    });
    follow();
    for (const { pairId, planId } of state.status) if (planId !== null) void fetchSummary(pairId, planId);
  }

  /** The entries at these positions of the open section: from the loaded window, else paged from the core. */
  async function entriesAt(positions: readonly number[]): Promise<Result<SyncEntry[]>> {
    const now = target();
    if (now === null) return ok([]);
    const found = new Map<number, SyncEntry>();
    const missingPages = new Set<number>();
    for (const position of positions) {
      const entry = entryAt(get().sync.page, position);
      if (entry !== undefined) found.set(position, entry);
      else missingPages.add(Math.floor(position / MAX_SYNC_PAGE));
    }
    for (const pageNumber of missingPages) {
      const offset = pageNumber * MAX_SYNC_PAGE;
      const result = await api.invoke('sync:planPage', { ...now, offset, limit: MAX_SYNC_PAGE });
      if (!result.ok) return result;
      result.value.entries.forEach((entry, i) => found.set(offset + i, entry));
    }
    return ok(positions.flatMap((p) => found.get(p) ?? []));
  }

  /** What a command acts on: the selection, else the focused row. */
  function chosen(): number[] {
    const { selected, focused } = get().sync;
    if (selected.size > 0) return [...selected].sort((a, b) => a - b);
    return focused !== null ? [focused] : [];
  }

  async function runPlan(pairId: string, planId: string, parts: SyncRunParts, only?: number[]): Promise<void> {
    clearFailure(pairId);
    const result = await api.invoke('sync:run', { planId, parts, ...(only !== undefined ? { only } : {}) });
    if (!result.ok) fail(pairId, 'run', result.error);
  }

  const slice: SyncSlice = {
    pairs: [],
    status: {},
    viewing: null,
    plans: {},
    failures: {},
    section: 'changes',
    page: null,
    selected: new Set(),
    focused: null,

    subscribe() {
      const off = api.subscribe('sync:changed', apply);
      void api.invoke('sync:list', {}).then((result) => {
        if (result.ok) apply(result.value);
      });
      return off;
    },

    view(pairId) {
      if (pairId === get().sync.viewing) return;
      patch({ viewing: pairId, section: 'changes' });
      follow();
    },

    async create(request) {
      const result = await api.invoke('sync:create', request);
      if (result.ok && result.value.kind === 'created') {
        const { pair } = result.value;
        // The core's event brings it too; shown at once so the view can open on it.
        patch((s) => ({ pairs: s.pairs.some((p) => p.id === pair.id) ? s.pairs : [...s.pairs, pair] }));
        get().sync.view(pair.id);
      }
      return result;
    },

    async update(pairId, settings) {
      const result = await api.invoke('sync:update', { pairId, settings });
      if (result.ok) {
        clearFailure(pairId);
        patch((s) => ({ pairs: s.pairs.map((p) => (p.id === pairId ? result.value : p)) }));
      } else fail(pairId, 'update', result.error);
      return result;
    },

    async remove(pairId) {
      const result = await api.invoke('sync:remove', { pairId });
      if (result.ok) {
        patch((s) => ({
          pairs: s.pairs.filter((p) => p.id !== pairId),
          status: without(s.status, pairId),
          plans: without(s.plans, pairId),
          failures: without(s.failures, pairId),
          viewing: s.viewing === pairId ? null : s.viewing,
        }));
        follow();
      }
      return result;
    },

    async compare(pairId) {
      clearFailure(pairId);
      const result = await api.invoke('sync:plan', { pairId });
      if (!result.ok) {
        // A comparison the person stopped is not a failure.
        if (result.error.code !== 'Cancelled') fail(pairId, 'compare', result.error);
        return;
      }
      patch((s) => ({ plans: { ...s.plans, [pairId]: result.value } }));
      follow();
    },

    async cancel(pairId) {
      const result = await api.invoke('sync:cancel', { pairId });
      if (!result.ok) fail(pairId, 'cancel', result.error);
    },

    setSection(section) {
      if (section === get().sync.section) return;
      patch({ section });
      follow();
    },

    loadRange(offset, limit) {
      rows.want(offset, limit);
      return rows.fetch();
    },

    select(position, mods = {}) {
      const current = get().sync.selected;
      let selected: Set<number>;
      if (mods.range) {
        const from = anchor ?? position;
        const [lo, hi] = from <= position ? [from, position] : [position, from];
        selected = mods.toggle ? new Set(current) : new Set();
        for (let p = lo; p <= hi; p++) selected.add(p);
        anchor = from;
      } else if (mods.toggle) {
        selected = new Set(current);
        if (selected.has(position)) selected.delete(position);
        else selected.add(position);
        anchor = position;
      } else {
        selected = new Set([position]);
        anchor = position;
      }
      patch({ selected, focused: position });
    },

    moveFocus(position, extend) {
      const total = get().sync.page?.total ?? 0;
      if (total === 0) return;
      const to = Math.min(total - 1, Math.max(0, position));
      get().sync.select(to, { range: extend });
    },

    selectAll() {
      const total = get().sync.page?.total ?? 0;
      anchor = 0;
      patch({ selected: new Set(Array.from({ length: total }, (_, i) => i)) });
    },

    clearSelection() {
      anchor = null;
      patch({ selected: new Set() });
    },

    async resolve(resolution, positions) {
      const pairId = get().sync.viewing;
      const plan = currentPlan(get().sync, pairId);
      if (pairId === null || plan === null) return;
      const entries = await entriesAt(positions ?? chosen());
      if (!entries.ok) return fail(pairId, 'resolve', entries.error);
      const indices = entries.value.filter((e) => e.action === 'conflict').map((e) => e.index);
      clearFailure(pairId);
      for (const chunk of chunkList(indices, MAX_SYNC_INDICES)) {
        const result = await api.invoke('sync:resolve', { planId: plan.planId, indices: chunk, resolution });
        if (!result.ok) return fail(pairId, 'resolve', result.error);
        patch((s) => ({ plans: { ...s.plans, [pairId]: result.value } }));
      }
      reload();
    },

    async run(pairId, scope) {
      const plan = currentPlan(get().sync, pairId);
      if (plan === null) return;
      if (scope === 'all') return runPlan(pairId, plan.planId, RUN_CHANGES);
      const { section, page } = get().sync;
      const positions = chosen();
      if (positions.length === 0 || section === 'deletions') return;
      // The whole section chosen: its parts, without naming 100,000 entries.
      if (positions.length === page?.total) {
        const conflicts = section === 'conflicts';
        return runPlan(pairId, plan.planId, { ...RUN_CHANGES, uploads: !conflicts, downloads: !conflicts, conflicts });
      }
      const entries = await entriesAt(positions);
      if (!entries.ok) return fail(pairId, 'run', entries.error);
      return runPlan(
        pairId,
        plan.planId,
        RUN_CHANGES,
        entries.value.map((e) => e.index),
      );
    },

    async deletionChoice(pairId, scope) {
      const plan = currentPlan(get().sync, pairId);
      if (plan === null) return null;
      if (scope === 'all' || get().sync.section !== 'deletions') {
        const { deleteRemote, deleteLocal } = plan.counts;
        return { pairId, planId: plan.planId, indices: null, remote: deleteRemote, local: deleteLocal };
      }
      const entries = await entriesAt(chosen());
      if (!entries.ok) {
        fail(pairId, 'run', entries.error);
        return null;
      }
      const remote = { ...NO_COUNT };
      const local = { ...NO_COUNT };
      for (const entry of entries.value) {
        const side =
          entry.action === 'deleteRemote' ? entry.remote : entry.action === 'deleteLocal' ? entry.local : null;
        const count = entry.action === 'deleteRemote' ? remote : local;
        if (side === null) continue;
        count.files += 1;
        count.bytes += side.size;
      }
      const indices = entries.value.filter((e) => e.action === 'deleteRemote' || e.action === 'deleteLocal');
      return { pairId, planId: plan.planId, indices: indices.map((e) => e.index), remote, local };
    },

    async runDeletions(choice) {
      const only = choice.indices ?? undefined;
      if (only !== undefined && only.length === 0) return;
      await runPlan(choice.pairId, choice.planId, RUN_DELETIONS, only);
    },
  };
  return slice;
};
