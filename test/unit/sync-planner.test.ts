/**
 * The sync planner against notes/sync-semantics.md, one case per rule, direction and option on
 * fake trees: the index answers without I/O, sizes, times (one second of slack) and content
 * decide the rest; each direction with and without deletions; both ways attributes changes
 * through the index, and never deletes what changed since; conflicts resolve by the newer side
 * or wait for an answer; paths behind a problem are left alone; the index it returns keeps the
 * facts still true; content comparisons run at most four at a time; entries come by path.
 */
import { describe, expect, it } from 'vitest';
import { planSync } from '../../electron/core/sync/planner';
import type {
  IndexEntry,
  LocalFile,
  PlanInput,
  PlannedEntry,
  Problem,
  RemoteObject,
  Tree,
} from '../../electron/core/sync/types';
import type { SyncPair } from '../../shared/sync';

type Settings = Pick<SyncPair, 'direction' | 'compare' | 'conflicts' | 'deleteMissing'>;

const T = 1_700_000_000_000;
const ETAG_A = 'a'.repeat(32);
const ETAG_B = 'b'.repeat(32);

const L = (path: string, size: number, mtimeMs = T): LocalFile => ({ path, absolute: `/sync/${path}`, size, mtimeMs });
const R = (path: string, size: number, etag: string | null = ETAG_A, lastModifiedMs = T): RemoteObject => ({
  path,
  key: `prefix/${path}`,
  size,
  etag,
  lastModifiedMs,
});
const I = (size: number, mtimeMs = T, etag: string | null = ETAG_A, byContent = true): IndexEntry => ({
  size,
  mtimeMs,
  etag,
  byContent,
});

function tree<F extends { path: string }>(files: F[], problems: Problem[] = []): Tree<F> {
  return { files: new Map(files.map((f) => [f.path, f])), ignored: 0, problems };
}
const problem = (path: string): Problem => ({ path, error: { code: 'LocalIOError', message: 'cannot be read' } });

interface Case {
  name: string;
  settings?: Partial<Settings>;
  local?: LocalFile[];
  remote?: RemoteObject[];
  index?: Record<string, IndexEntry>;
  localProblems?: string[];
  remoteProblems?: string[];
  /** Content mode: the paths whose bytes match. */
  sameBytes?: string[];
  /** [path, action, reason, resolution?] */
  expect: [string, PlannedEntry['action'], PlannedEntry['reason'], PlannedEntry['resolution']?][];
  unchanged?: number;
  fromIndex?: number;
  /** Paths the content comparer must have been asked about. */
  compared?: string[];
}

/** CPU time this process spent since `since` (ms): what the code costs, whatever else loads the machine. */
const cpuMsSince = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const BASE: Settings = { direction: 'upload', compare: 'sizeTime', conflicts: 'newer', deleteMissing: false };

async function plan(c: Case): Promise<{ result: Awaited<ReturnType<typeof planSync>>; compared: string[] }> {
  const compared: string[] = [];
  const input: PlanInput = {
    pair: { ...BASE, ...c.settings },
    local: tree(c.local ?? [], (c.localProblems ?? []).map(problem)),
    remote: tree(c.remote ?? [], (c.remoteProblems ?? []).map(problem)),
    index: new Map(Object.entries(c.index ?? {})),
    sameContent: async (l) => {
      compared.push(l.path);
      return (c.sameBytes ?? []).includes(l.path);
    },
  };
  return { result: await planSync(input), compared };
}

const CASES: Case[] = [
  // Rule 1: the index answers, even in content mode, without asking the comparer.
  {
    name: 'index hit: same without I/O',
    settings: { compare: 'content' },
    local: [L('a', 5, T + 99_000)],
    remote: [R('a', 5, ETAG_A, T)],
    index: { a: I(5, T + 99_000, ETAG_A) },
    expect: [],
    unchanged: 1,
    fromIndex: 1,
    compared: [],
  },
  // Rule 2: sizes differ.
  {
    name: 'sizes differ: different without reading',
    settings: { compare: 'content' },
    local: [L('a', 5)],
    remote: [R('a', 6)],
    expect: [['a', 'upload', 'changed']],
    compared: [],
  },
  // Rule 3: size and time.
  {
    name: 'sizeTime: a file not newer than the object (one second of slack) is the same',
    local: [L('old', 5, T - 50_000), L('edge', 5, T + 1000), L('newer', 5, T + 1001)],
    remote: [R('old', 5), R('edge', 5), R('newer', 5)],
    expect: [['newer', 'upload', 'changed']],
    unchanged: 2,
    fromIndex: 0,
  },
  {
    name: 'sizeTime: the index catches a change of the same size the time would miss',
    local: [L('a', 5, T - 5000)],
    remote: [R('a', 5, ETAG_A, T)],
    index: { a: I(5, T - 9000, ETAG_A) },
    expect: [['a', 'upload', 'changed']],
  },
  {
    name: 'sizeTime: the index catches an object replaced with one of the same size, which the time would miss',
    settings: { direction: 'download' },
    local: [L('a', 5, T)],
    remote: [R('a', 5, ETAG_B, T + 60_000)],
    index: { a: I(5, T, ETAG_A) },
    expect: [['a', 'download', 'changed']],
  },
  {
    name: 'sizeTime: both sides changed since the index (a run that ended before saving it): the time decides',
    settings: { direction: 'both', conflicts: 'ask' },
    local: [L('uploaded', 5, T + 10_000), L('edited-twice', 5, T + 90_000)],
    remote: [R('uploaded', 5, ETAG_B, T + 20_000), R('edited-twice', 5, ETAG_B, T + 20_000)],
    index: { uploaded: I(4, T, ETAG_A), 'edited-twice': I(4, T, ETAG_A) },
    expect: [['edited-twice', 'conflict', 'bothChanged', 'skip']],
    unchanged: 1,
  },
  // Rule 4: content.
  {
    name: 'content: the comparer decides when sizes match',
    settings: { compare: 'content' },
    local: [L('same', 5, T + 9e6), L('other', 5)],
    remote: [R('same', 5), R('other', 5)],
    sameBytes: ['same'],
    expect: [['other', 'upload', 'changed']],
    unchanged: 1,
    compared: ['other', 'same'],
  },
  // No ETag, no time (QuickSync).
  {
    name: 'no ETag: equal sizes are the same, in either compare mode',
    settings: { compare: 'sizeTime' },
    local: [L('a', 5, T + 9e6), L('b', 5)],
    remote: [R('a', 5, null, 0), R('b', 6, null, 0)],
    expect: [['b', 'upload', 'changed']],
    unchanged: 1,
  },
  {
    name: 'no ETag: the index still sees a change of the same size',
    settings: { compare: 'content' },
    local: [L('a', 5, T + 1)],
    remote: [R('a', 5, null, 0)],
    index: { a: I(5, T, null) },
    expect: [['a', 'upload', 'changed']],
    compared: [],
  },
  {
    name: 'no ETag: an index hit',
    local: [L('a', 5)],
    remote: [R('a', 5, null, 0)],
    index: { a: I(5, T, null) },
    expect: [],
    unchanged: 1,
    fromIndex: 1,
  },

  // Upload only.
  {
    name: 'upload: new, changed, and what is only remote is left',
    local: [L('new', 1), L('changed', 2, T + 5000)],
    remote: [R('changed', 2), R('remote-only', 3)],
    expect: [
      ['changed', 'upload', 'changed'],
      ['new', 'upload', 'new'],
    ],
  },
  {
    name: 'upload + deleteMissing: what is only remote is deleted',
    settings: { deleteMissing: true },
    local: [L('kept', 1)],
    remote: [R('kept', 1), R('gone', 3), R('synced-gone', 4)],
    index: { 'synced-gone': I(4) },
    expect: [
      ['gone', 'deleteRemote', 'gone'],
      ['synced-gone', 'deleteRemote', 'gone'],
    ],
    unchanged: 1,
  },
  {
    name: 'upload + deleteMissing: an object changed since the last sync is not deleted',
    settings: { deleteMissing: true },
    remote: [R('a', 4, ETAG_B)],
    index: { a: I(4, T, ETAG_A) },
    expect: [],
  },

  // Download only.
  {
    name: 'download: new, changed, and what is only local is left',
    settings: { direction: 'download' },
    local: [L('changed', 2, T + 5000), L('local-only', 1)],
    remote: [R('changed', 2), R('new', 3)],
    expect: [
      ['changed', 'download', 'changed'],
      ['new', 'download', 'new'],
    ],
  },
  {
    name: 'download + deleteMissing: what is only local is deleted, unless it changed since the last sync',
    settings: { direction: 'download', deleteMissing: true },
    local: [L('never-synced', 1), L('synced', 2), L('edited', 3, T + 7)],
    index: { synced: I(2), edited: I(3) },
    expect: [
      ['never-synced', 'deleteLocal', 'gone'],
      ['synced', 'deleteLocal', 'gone'],
    ],
  },

  // Both ways, one side only.
  {
    name: 'both: one side only and never synced is copied to the other',
    settings: { direction: 'both', deleteMissing: true },
    local: [L('l', 1)],
    remote: [R('r', 2)],
    expect: [
      ['l', 'upload', 'new'],
      ['r', 'download', 'new'],
    ],
  },
  {
    name: 'both + deleteMissing: synced, then deleted on one side, is deleted on the other',
    settings: { direction: 'both', deleteMissing: true },
    local: [L('l', 1)],
    remote: [R('r', 2)],
    index: { l: I(1), r: I(2) },
    expect: [
      ['l', 'deleteLocal', 'gone'],
      ['r', 'deleteRemote', 'gone'],
    ],
  },
  {
    name: 'both + deleteMissing: deleted on one side but changed on the other is copied back, not deleted',
    settings: { direction: 'both', deleteMissing: true },
    local: [L('l', 1, T + 1)],
    remote: [R('r', 2, ETAG_B)],
    index: { l: I(1), r: I(2, T, ETAG_A) },
    expect: [
      ['l', 'upload', 'new'],
      ['r', 'download', 'new'],
    ],
  },
  {
    name: 'both without deleteMissing: synced, then deleted on one side, is copied back',
    settings: { direction: 'both' },
    local: [L('l', 1)],
    remote: [R('r', 2)],
    index: { l: I(1), r: I(2) },
    expect: [
      ['l', 'upload', 'new'],
      ['r', 'download', 'new'],
    ],
  },

  // Both ways, on both sides and different.
  {
    name: 'both: the index says which side changed',
    settings: { direction: 'both' },
    local: [L('local-edit', 9, T + 60_000), L('remote-edit', 5), L('both-edit', 9, T + 60_000)],
    remote: [R('local-edit', 5), R('remote-edit', 7, ETAG_B, T + 60_000), R('both-edit', 7, ETAG_B, T + 30_000)],
    index: { 'local-edit': I(5), 'remote-edit': I(5), 'both-edit': I(5) },
    expect: [
      ['both-edit', 'conflict', 'bothChanged', 'upload'],
      ['local-edit', 'upload', 'changed'],
      ['remote-edit', 'download', 'changed'],
    ],
  },
  {
    name: 'both, newer: without an index the newer side wins, a tie is skipped',
    settings: { direction: 'both', conflicts: 'newer' },
    local: [L('local-newer', 1, T + 5000), L('remote-newer', 1, T - 9000), L('tie', 1, T + 2000)],
    remote: [R('local-newer', 2), R('remote-newer', 2), R('tie', 2, ETAG_A, T + 2000)],
    expect: [
      ['local-newer', 'conflict', 'differs', 'upload'],
      ['remote-newer', 'conflict', 'differs', 'download'],
      ['tie', 'conflict', 'differs', 'skip'],
    ],
  },
  {
    name: 'both, ask: every conflict waits for an answer',
    settings: { direction: 'both', conflicts: 'ask' },
    local: [L('a', 1, T + 5000), L('b', 9, T + 5000)],
    remote: [R('a', 2), R('b', 7, ETAG_B)],
    index: { b: I(5) },
    expect: [
      ['a', 'conflict', 'differs', 'skip'],
      ['b', 'conflict', 'bothChanged', 'skip'],
    ],
  },

  // Problems.
  {
    name: 'nothing is done to a path behind an unreadable folder or an unusable name',
    settings: { direction: 'both', deleteMissing: true },
    local: [L('bad:name', 1), L('ok', 1)],
    remote: [R('locked/inside.txt', 1), R('locked/deep/x', 1), R('lockedness', 1)],
    index: { 'bad:name': I(1), 'locked/inside.txt': I(1) },
    localProblems: ['locked'],
    remoteProblems: ['bad:name'],
    expect: [
      ['lockedness', 'download', 'new'],
      ['ok', 'upload', 'new'],
    ],
  },
  {
    name: 'upload + deleteMissing: a symbolic link on this side keeps its object',
    settings: { deleteMissing: true },
    remote: [R('link', 1)],
    localProblems: ['link'],
    expect: [],
  },
];

describe('sync planner', () => {
  it.each(CASES)('$name', async (c) => {
    const { result, compared } = await plan(c);
    expect(
      result.entries.map((e) => [e.path, e.action, e.reason, ...(e.action === 'conflict' ? [e.resolution] : [])]),
    ).toEqual(c.expect);
    for (const e of result.entries) {
      if (e.action !== 'conflict') expect(e.resolution).toBeNull();
      expect(e.local).toBe(c.local?.find((f) => f.path === e.path) ?? null);
      expect(e.remote).toBe(c.remote?.find((f) => f.path === e.path) ?? null);
    }
    if (c.unchanged !== undefined) expect(result.unchanged).toBe(c.unchanged);
    expect(result.fromIndex).toBe(c.fromIndex ?? 0);
    if (c.compared !== undefined) expect(compared.sort()).toEqual(c.compared);
  });

  it('returns the index as it now is: fresh entries for the same, old facts kept, the gone dropped', async () => {
    const { result } = await plan({
      name: 'index',
      settings: { direction: 'both' },
      local: [L('hit', 1, T + 1), L('same-now', 2, T - 10), L('changed', 3, T + 9000), L('local-only', 4)],
      remote: [R('hit', 1, ETAG_B), R('same-now', 2, ETAG_B), R('changed', 3), R('remote-only', 5)],
      index: {
        hit: I(1, T + 1, ETAG_B),
        'same-now': I(1, T - 500, ETAG_A),
        changed: I(3),
        'local-only': I(4),
        'remote-only': I(5),
        'gone-both': I(6),
        'locked/x': I(7),
      },
      localProblems: ['locked'],
      expect: [],
    });
    expect(Object.fromEntries(result.index)).toEqual({
      hit: I(1, T + 1, ETAG_B),
      // Found the same by size and time: not proof of the bytes.
      'same-now': I(2, T - 10, ETAG_B, false),
      changed: I(3),
      'local-only': I(4),
      'remote-only': I(5),
      'locked/x': I(7),
    });
    expect(result.unchanged).toBe(2);
    expect(result.fromIndex).toBe(1);
  });

  it('in content mode, trusts only index entries the bytes proved', async () => {
    const compared: string[] = [];
    const input: PlanInput = {
      pair: { ...BASE, compare: 'content' },
      local: tree([L('by-time', 1), L('by-bytes', 1)]),
      remote: tree([R('by-time', 1), R('by-bytes', 1)]),
      index: new Map([
        ['by-time', I(1, T, ETAG_A, false)],
        ['by-bytes', I(1, T, ETAG_A, true)],
      ]),
      sameContent: async (l) => {
        compared.push(l.path);
        return false;
      },
    };
    const result = await planSync(input);
    expect(compared).toEqual(['by-time']);
    expect(result.entries.map((e) => [e.path, e.action, e.reason])).toEqual([['by-time', 'upload', 'changed']]);
    expect(result.fromIndex).toBe(1);
  });

  it('lists entries by path whatever order the trees came in', async () => {
    const names = ['b/z', 'a', 'b/a', 'B', 'ä', 'a/b', 'a b', '0'];
    const { result } = await plan({ name: 'order', local: names.map((n) => L(n, 1)), expect: [] });
    expect(result.entries.map((e) => e.path)).toEqual([...names].sort());
  });

  it('compares content at most four at a time, and fails when a comparison fails', async () => {
    const files = Array.from({ length: 20 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    let inFlight = 0;
    let most = 0;
    const input: PlanInput = {
      pair: { ...BASE, compare: 'content' },
      local: tree(files.map((f) => L(f, 1))),
      remote: tree(files.map((f) => R(f, 1))),
      index: new Map(),
      sameContent: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        for (let i = 0; i < 5; i++) await Promise.resolve();
        inFlight -= 1;
        return true;
      },
    };
    const result = await planSync(input);
    expect(result.unchanged).toBe(20);
    expect(most).toBe(4);

    const failing: PlanInput = { ...input, sameContent: async () => Promise.reject(new Error('disk gone')) };
    await expect(planSync(failing)).rejects.toThrow('disk gone');
  });

  it('plans 100,000 paths quickly', async () => {
    const n = 100_000;
    const local: LocalFile[] = [];
    const remote: RemoteObject[] = [];
    const index = new Map<string, IndexEntry>();
    for (let i = 0; i < n; i++) {
      const p = `d${i % 300}/f${i}`;
      local.push(L(p, i));
      if (i % 10 !== 0) remote.push(R(p, i));
      if (i % 2 === 0) index.set(p, I(i));
    }
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await planSync({
      pair: BASE,
      local: tree(local),
      remote: tree(remote),
      index,
      sameContent: async () => Promise.reject(new Error('not in sizeTime mode')),
    });
    const ms = performance.now() - started;
    const cpuMs = cpuMsSince(cpu);
    console.info(`sync planner: ${n} paths in ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU)`);
    expect(result.entries).toHaveLength(n / 10);
    expect(result.unchanged).toBe(n - n / 10);
    expect(result.fromIndex).toBe(n / 2 - n / 10);
    expect(cpuMs).toBeLessThan(1000);
  });
});
