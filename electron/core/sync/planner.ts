/**
 * The comparison itself (notes/sync-semantics.md): each path on either side is judged the same
 * or not (the index first, then size, then time or content), and what is not the same becomes
 * an entry: an upload, a download, a deletion or a conflict, as the pair's direction, its
 * deletion option and its conflict mode say. Nothing changed since the last sync is ever
 * deleted, and nothing is done to a path an unreadable folder or an unusable name hides.
 */
import { forEachLimited, NEVER_STOPS } from '../../../shared/concurrency';
import type { SyncCompare, SyncReason, SyncResolution } from '../../../shared/sync';
import type { IndexEntry, LocalFile, PlanInput, PlannedEntry, PlanResult, RemoteObject } from './types';

/** Content comparisons read whole files: a few at once keep the disk busy without thrashing it. */
const CONTENT_CONCURRENCY = 4;
/** S3 times have whole seconds: a file written in the second before its upload is not newer. */
const TIME_SLACK_MS = 1000;

type Verdict = 'index' | 'same' | 'different' | 'content';

/** A path's two sides (one may be missing), its index entry, and what the comparison said. */
interface Sides {
  l: LocalFile | null;
  r: RemoteObject | null;
  known: IndexEntry | null;
  verdict: Verdict | null;
}

export async function planSync(input: PlanInput): Promise<PlanResult> {
  const { pair, local, remote, index, sameContent } = input;
  // Both sides of each path in one map: one lookup per path and pass on 100,000 paths.
  const sides = new Map<string, Sides>();
  for (const [path, l] of local.files) sides.set(path, { l, r: null, known: null, verdict: null });
  for (const [path, r] of remote.files) {
    const both = sides.get(path);
    if (both) both.r = r;
    else sides.set(path, { l: null, r, known: null, verdict: null });
  }
  const paths = [...sides.keys()].sort();
  const blocked = blockedBy([...local.problems, ...remote.problems].map((p) => p.path));

  const contentChecks: Sides[] = [];
  for (const s of sides.values()) {
    s.known = index.get(s.l?.path ?? s.r!.path) ?? null;
    if (!s.l || !s.r) continue;
    s.verdict = quickVerdict(s.l, s.r, s.known, pair.compare);
    if (s.verdict === 'content') contentChecks.push(s);
  }
  // The comparer rejects once the comparison is cancelled, which stops the others too.
  await forEachLimited(contentChecks, CONTENT_CONCURRENCY, NEVER_STOPS, async (s) => {
    s.verdict = (await sameContent(s.l!, s.r!)) ? 'same' : 'different';
  });

  const result: PlanResult = { entries: [], unchanged: 0, fromIndex: 0, index: new Map() };
  const add = (
    path: string,
    action: PlannedEntry['action'],
    reason: SyncReason,
    l: LocalFile | null,
    r: RemoteObject | null,
    resolution: SyncResolution | null = null,
  ): void => {
    result.entries.push({ path, action, reason, local: l, remote: r, resolution });
  };

  for (const path of paths) {
    const { l, r, known, verdict } = sides.get(path)!;
    if (l && r) {
      if (verdict === 'index' || verdict === 'same') {
        result.unchanged += 1;
        if (verdict === 'index') result.fromIndex += 1;
        const byContent = verdict === 'index' ? known!.byContent : pair.compare === 'content' && r.etag !== null;
        result.index.set(path, { size: l.size, mtimeMs: l.mtimeMs, etag: r.etag, byContent });
        continue;
      }
      // Still a fact about the last sync: it tells the next comparison which side changed.
      if (known) result.index.set(path, known);
      if (pair.direction === 'upload') add(path, 'upload', 'changed', l, r);
      else if (pair.direction === 'download') add(path, 'download', 'changed', l, r);
      else if (!known) add(path, 'conflict', 'differs', l, r, resolve(pair.conflicts, l, r));
      else {
        const localChanged = changedLocally(l, known);
        const remoteChanged = changedRemotely(r, known);
        if (localChanged && !remoteChanged) add(path, 'upload', 'changed', l, r);
        else if (remoteChanged && !localChanged) add(path, 'download', 'changed', l, r);
        else add(path, 'conflict', 'bothChanged', l, r, resolve(pair.conflicts, l, r));
      }
      continue;
    }

    if (known) result.index.set(path, known);
    // The other side may hold it where it could not be read, or under a name it cannot have.
    if (blocked(path)) continue;

    if (l) {
      // Gone remotely: a one-way mirror deletes it; both ways only what was synced (else it is new).
      const deletes =
        pair.deleteMissing && (pair.direction === 'download' || (pair.direction === 'both' && known !== null));
      const changedSince = known !== null && changedLocally(l, known);
      if (deletes && !changedSince) add(path, 'deleteLocal', 'gone', l, null);
      else if (pair.direction !== 'download') add(path, 'upload', 'new', l, null);
    } else if (r) {
      const deletes =
        pair.deleteMissing && (pair.direction === 'upload' || (pair.direction === 'both' && known !== null));
      const changedSince = known !== null && changedRemotely(r, known);
      if (deletes && !changedSince) add(path, 'deleteRemote', 'gone', null, r);
      else if (pair.direction !== 'upload') add(path, 'download', 'new', null, r);
    }
  }

  // Index entries of paths hidden by a problem stay: the problem may be gone next time.
  for (const [path, known] of index) if (!result.index.has(path) && blocked(path)) result.index.set(path, known);
  return result;
}

/** What can be said without reading a byte (rules 1 to 3), or 'content' when the bytes must tell. */
function quickVerdict(l: LocalFile, r: RemoteObject, known: IndexEntry | null, compare: SyncCompare): Verdict {
  // Content compare trusts only what the bytes once proved, not what a size and time said.
  const trusted = known !== null && (compare !== 'content' || known.byContent || r.etag === null);
  if (trusted && !changedLocally(l, known) && !changedRemotely(r, known)) return 'index';
  if (l.size !== r.size) return 'different';
  if (compare === 'content' && r.etag !== null) return 'content';
  // One side changed since the last sync: an edit of the same size the time cannot tell (an
  // object replaced, a file put back with an older time). Both changed: maybe a run that ended
  // before the index was written; the time (or the size) decides.
  if (known && changedLocally(l, known) !== changedRemotely(r, known)) return 'different';
  // No ETag and no time (QuickSync): the size says it.
  if (r.etag === null) return 'same';
  return l.mtimeMs <= r.lastModifiedMs + TIME_SLACK_MS ? 'same' : 'different';
}

const changedLocally = (l: LocalFile, known: IndexEntry): boolean =>
  l.size !== known.size || l.mtimeMs !== known.mtimeMs;

const changedRemotely = (r: RemoteObject, known: IndexEntry): boolean => r.etag !== known.etag || r.size !== known.size;

/** `newer`: the side changed last wins (a tie is skipped); `ask`: skipped until answered. */
function resolve(mode: PlanInput['pair']['conflicts'], l: LocalFile, r: RemoteObject): SyncResolution {
  if (mode === 'ask' || l.mtimeMs === r.lastModifiedMs) return 'skip';
  return l.mtimeMs > r.lastModifiedMs ? 'upload' : 'download';
}

/** True for a path that is, or lies under, one of `problems`. */
function blockedBy(problems: string[]): (path: string) => boolean {
  const set = new Set(problems);
  return (path) => {
    if (set.size === 0) return false;
    if (set.has(path)) return true;
    for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (set.has(path.slice(0, slash))) return true;
    }
    return false;
  };
}
