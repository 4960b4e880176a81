/**
 * Jobs in creation order with one Fenwick tree per filter, so the panel's page at any offset of
 * any filter is found in O(limit · log n) and a state change costs O(log n): no scan of
 * 100,000 jobs per request or per tick.
 */
import type { TransferFilter, TransferState } from '../../../shared/transfers';

export type FilterGroup = Exclude<TransferFilter, 'all'>;

const GROUP_OF: Record<TransferState, FilterGroup> = {
  queued: 'active',
  running: 'active',
  paused: 'active',
  conflict: 'active',
  failed: 'failed',
  done: 'done',
  skipped: 'done',
  cancelled: 'done',
};

export const groupOf = (state: TransferState): FilterGroup => GROUP_OF[state];

const GROUPS: FilterGroup[] = ['active', 'failed', 'done'];

/** Counts members by position; select(k) finds the position of the k-th member. */
class Fenwick {
  readonly tree: Int32Array;
  total = 0;

  constructor(capacity: number) {
    this.tree = new Int32Array(capacity + 1);
  }

  /** Linear-time build from membership of positions 0..n-1. */
  static build(capacity: number, n: number, member: (pos: number) => boolean): Fenwick {
    const f = new Fenwick(capacity);
    const t = f.tree;
    for (let i = 1; i <= n; i++) {
      if (member(i - 1)) {
        t[i] = (t[i] ?? 0) + 1;
        f.total++;
      }
      const j = i + (i & -i);
      if (j < t.length) t[j] = (t[j] ?? 0) + (t[i] ?? 0);
    }
    return f;
  }

  add(pos: number, delta: number): void {
    const t = this.tree;
    for (let i = pos + 1; i < t.length; i += i & -i) t[i] = (t[i] ?? 0) + delta;
    this.total += delta;
  }

  /** Position of the k-th member (0-based); k must be below total. */
  select(k: number): number {
    const t = this.tree;
    let pos = 0;
    let rest = k + 1;
    let step = 1;
    while (step * 2 < t.length) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next < t.length && (t[next] ?? 0) < rest) {
        pos = next;
        rest -= t[next] ?? 0;
      }
    }
    return pos;
  }
}

export interface Indexed {
  state: TransferState;
}

export class JobIndex<T extends Indexed> {
  private order: T[] = [];
  private readonly positions = new Map<T, number>();
  private trees = new Map<FilterGroup, Fenwick>();
  private capacity = 0;

  constructor(items: Iterable<T> = []) {
    this.rebuild([...items]);
  }

  get size(): number {
    return this.order.length;
  }

  count(filter: TransferFilter): number {
    return filter === 'all' ? this.order.length : (this.trees.get(filter)?.total ?? 0);
  }

  append(item: T): void {
    if (this.order.length >= this.capacity) {
      this.rebuild([...this.order, item]);
      return;
    }
    const pos = this.order.length;
    this.order.push(item);
    this.positions.set(item, pos);
    this.trees.get(groupOf(item.state))?.add(pos, 1);
  }

  /** Call after item.state changed from `from`. */
  moved(item: T, from: TransferState): void {
    const a = groupOf(from);
    const b = groupOf(item.state);
    if (a === b) return;
    const pos = this.positions.get(item);
    if (pos === undefined) return;
    this.trees.get(a)?.add(pos, -1);
    this.trees.get(b)?.add(pos, 1);
  }

  /** Drops items (O(n): clearing finished jobs is rare and explicit). */
  remove(gone: ReadonlySet<T>): void {
    this.rebuild(this.order.filter((item) => !gone.has(item)));
  }

  page(filter: TransferFilter, offset: number, limit: number): T[] {
    const total = this.count(filter);
    const end = Math.min(total, offset + limit);
    const out: T[] = [];
    if (filter === 'all') return this.order.slice(offset, end);
    const tree = this.trees.get(filter);
    if (!tree) return out;
    for (let k = offset; k < end; k++) {
      const item = this.order[tree.select(k)];
      if (item) out.push(item);
    }
    return out;
  }

  private rebuild(items: T[]): void {
    this.order = items;
    this.positions.clear();
    items.forEach((item, pos) => this.positions.set(item, pos));
    this.capacity = Math.max(1024, items.length * 2);
    this.trees = new Map(
      GROUPS.map((g) => [
        g,
        Fenwick.build(this.capacity, items.length, (pos) => groupOf(items[pos]?.state ?? 'queued') === g),
      ]),
    );
  }
}
