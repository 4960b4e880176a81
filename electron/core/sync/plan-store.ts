/**
 * The plans the page reviews: one per pair (a new comparison replaces it; a run leaves what it
 * did not run as a new plan).
 * A plan's entries are ordered by path once; each section keeps the positions of its entries,
 * so a page of any of 100,000 entries costs only its own length.
 */
import { randomUUID } from 'node:crypto';
import type {
  SyncAction,
  SyncCount,
  SyncEntry,
  SyncPlanPage,
  SyncPlanSummary,
  SyncResolution,
  SyncRunParts,
  SyncSection,
} from '../../../shared/sync';
import { CoreError } from '../errors';
import type { PlannedEntry, Problem } from './types';

/** Problems a summary lists by name (the rest are counted). */
export const LISTED_PROBLEMS = 100;

/** What a comparison hands the plan besides its entries. */
export interface Comparison {
  entries: PlannedEntry[];
  unchanged: number;
  fromIndex: number;
  ignored: number;
  problems: Problem[];
  compareMs: number;
}

const SECTION_OF: Record<SyncAction, SyncSection> = {
  upload: 'changes',
  download: 'changes',
  deleteRemote: 'deletions',
  deleteLocal: 'deletions',
  conflict: 'conflicts',
};

const iso = (ms: number): string => new Date(ms).toISOString();

export class SyncPlan {
  readonly id = randomUUID();
  /** Sorted by path: an entry's position is its index. */
  readonly entries: PlannedEntry[];
  private readonly sections: Record<SyncSection, number[]> = { changes: [], deletions: [], conflicts: [] };
  private readonly createdAt: string;

  constructor(
    readonly pairId: string,
    private readonly comparison: Comparison,
    now: number,
  ) {
    this.createdAt = iso(now);
    this.entries = [...comparison.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const [i, entry] of this.entries.entries()) this.sections[SECTION_OF[entry.action]].push(i);
  }

  summary(): SyncPlanSummary {
    const zero = (): SyncCount => ({ files: 0, bytes: 0 });
    const counts: Record<SyncAction, SyncCount> = {
      upload: zero(),
      download: zero(),
      deleteRemote: zero(),
      deleteLocal: zero(),
      conflict: zero(),
    };
    for (const entry of this.entries) {
      const count = counts[entry.action];
      count.files++;
      count.bytes += bytesMoved(entry);
    }
    const { problems, unchanged, fromIndex, ignored, compareMs } = this.comparison;
    return {
      planId: this.id,
      pairId: this.pairId,
      createdAt: this.createdAt,
      counts,
      sections: {
        changes: this.sections.changes.length,
        deletions: this.sections.deletions.length,
        conflicts: this.sections.conflicts.length,
      },
      unchanged,
      ignored,
      problems: problems.slice(0, LISTED_PROBLEMS),
      moreProblems: Math.max(0, problems.length - LISTED_PROBLEMS),
      compareMs,
      fromIndex,
    };
  }

  page(section: SyncSection, offset: number, limit: number): SyncPlanPage {
    const positions = this.sections[section];
    const entries = positions.slice(offset, offset + limit).map((i) => this.view(i));
    return { planId: this.id, section, offset, total: positions.length, entries };
  }

  /** Answers these conflicts; refuses the whole answer if one of them is not a conflict. */
  resolve(indices: readonly number[], resolution: SyncResolution): void {
    const chosen = indices.map((i) => this.entry(i));
    if (chosen.some((e) => e.action !== 'conflict'))
      throw new CoreError('InvalidRequest', 'Only conflicts can be answered: the selection holds other entries.');
    for (const entry of chosen) entry.resolution = resolution;
  }

  /** The entries a run of these parts (of them only `only`, when given) moves; skipped conflicts are none. */
  select(parts: SyncRunParts, only?: readonly number[]): PlannedEntry[] {
    const wanted = (e: PlannedEntry): boolean => {
      switch (e.action) {
        case 'upload':
          return parts.uploads;
        case 'download':
          return parts.downloads;
        case 'deleteRemote':
        case 'deleteLocal':
          return parts.deletions;
        case 'conflict':
          return parts.conflicts && e.resolution !== null && e.resolution !== 'skip';
      }
    };
    const candidates = only === undefined ? this.entries : [...new Set(only)].map((i) => this.entry(i));
    return candidates.filter(wanted);
  }

  /**
   * What is left after a run of these entries: the others as a new plan (a new id, its own
   * positions and counts), or null when the run took them all.
   */
  rest(ran: readonly PlannedEntry[], now: number): SyncPlan | null {
    const gone = new Set(ran);
    const entries = this.entries.filter((e) => !gone.has(e));
    return entries.length === 0 ? null : new SyncPlan(this.pairId, { ...this.comparison, entries }, now);
  }

  private entry(index: number): PlannedEntry {
    const entry = this.entries[index];
    if (!entry) throw new CoreError('InvalidRequest', `The plan has no entry ${index}: compare again.`);
    return entry;
  }

  private view(index: number): SyncEntry {
    const { path, action, reason, local, remote, resolution } = this.entry(index);
    return {
      index,
      path,
      action,
      reason,
      local: local && { size: local.size, modified: iso(local.mtimeMs) },
      remote: remote && { size: remote.size, modified: iso(remote.lastModifiedMs) },
      resolution,
    };
  }
}

/** The bytes an entry moves (deletions: the size of what goes). */
function bytesMoved(entry: PlannedEntry): number {
  const { local, remote } = entry;
  switch (entry.action) {
    case 'upload':
    case 'deleteLocal':
      return local?.size ?? 0;
    case 'download':
    case 'deleteRemote':
      return remote?.size ?? 0;
    case 'conflict':
      return entry.resolution === 'download' ? (remote?.size ?? 0) : (local?.size ?? 0);
  }
}

/** The current plan of each pair. */
export class PlanStore {
  private readonly byPair = new Map<string, SyncPlan>();

  set(plan: SyncPlan): void {
    this.byPair.set(plan.pairId, plan);
  }

  /** InvalidRequest when the plan was replaced, run or its pair removed. */
  get(planId: string): SyncPlan {
    for (const plan of this.byPair.values()) if (plan.id === planId) return plan;
    throw new CoreError(
      'InvalidRequest',
      'This plan is no longer current (it was run or compared again): compare again.',
    );
  }

  ofPair(pairId: string): SyncPlan | null {
    return this.byPair.get(pairId) ?? null;
  }

  drop(pairId: string): void {
    this.byPair.delete(pairId);
  }
}
