/**
 * The tree every direction is tried on: both sides start equal (local files older than their
 * objects, so the first compare finds them the same and fills the index), then each side
 * changes — new, changed at the same size and at another size, deleted, renamed, unchanged,
 * empty, unicode (NFC, emoji, spaces), nested and ignored files — and the plan, the run and a
 * second compare are checked against what the semantics say (notes/sync-semantics.md).
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import type {
  SyncAction,
  SyncDirection,
  SyncEntry,
  SyncPlanSummary,
  SyncReason,
  SyncResolution,
} from '../../shared/sync';
import {
  cleanRun,
  entryLines,
  localHashes,
  remoteHashes,
  sorted,
  writeTree,
  type EntryLine,
  type SyncBed,
} from './sync-helpers';

const nfc = (s: string): string => s.normalize('NFC');
const HOUR = 3_600_000;

/** The person's rules on top of the defaults: `build/*` with one file kept, and a whole folder. */
export const USER_RULES = 'build/*\n!build/keep.txt\nlogs/\n';

const BASE: Record<string, string> = {
  'unchanged.txt': 'unchanged\n',
  'empty.txt': '',
  'nested/a/b/deep.txt': 'deep\n',
  [nfc('Grüße/über ü.txt')]: 'umlauts\n',
  'emoji 🎉 file.txt': 'party\n',
  'spaces in name.txt': 'spaces\n',
  'build/keep.txt': 'kept despite build/*\n',
  'local-same-size.txt': 'version 1\n',
  'local-grown.txt': 'v1\n',
  'remote-grown.txt': 'v1\n',
  'local-deleted.txt': 'deleted locally\n',
  'remote-deleted.txt': 'deleted remotely\n',
  'old-name.txt': 'renamed content\n',
  'both-local-newer.txt': 'base\n',
  'both-remote-newer.txt': 'base\n',
};
const UNCHANGED = 7;

const IGNORED_LOCAL: Record<string, string> = {
  '.DS_Store': 'finder',
  'nested/Thumbs.db': 'explorer',
  'notes.txt.swp': 'vim',
  'build/out.o': 'object code',
  'logs/app.log': 'log',
};
const IGNORED_REMOTE: Record<string, string> = {
  '.DS_Store': 'remote finder',
  'build/remote.o': 'remote object code',
  'x.swp': 'remote vim',
  'logs/remote.log': 'remote log',
};
export const IGNORED_COUNT = Object.keys(IGNORED_LOCAL).length + Object.keys(IGNORED_REMOTE).length;

const LOCAL_NEW = ['local-new.txt', 'local-new-empty.txt', nfc('neu/naïve café ü.txt'), 'renamed/new name.txt'];
const REMOTE_NEW = ['remote-new.txt', 'remote-new-empty.txt', nfc('fern/größe 🚀.txt')];
const GONE_LOCALLY = ['local-deleted.txt', 'old-name.txt'];
const GONE_REMOTELY = ['remote-deleted.txt'];
const LOCAL_CHANGED = ['local-same-size.txt', 'local-grown.txt'];
const REMOTE_CHANGED = ['remote-grown.txt'];

export interface Mode {
  direction: SyncDirection;
  deleteMissing: boolean;
  conflicts: 'newer' | 'ask';
}

/** The plan the semantics give for the changes below, sorted by path. */
export function expectedPlan(mode: Mode): EntryLine[] {
  const { direction: d, deleteMissing: dm } = mode;
  const lines: EntryLine[] = [];
  const add = (paths: string[], line: [SyncAction, SyncReason, SyncResolution | null] | null): void => {
    if (line) for (const p of paths) lines.push([p, ...line]);
  };
  const changed = [
    ...LOCAL_CHANGED,
    ...REMOTE_CHANGED,
    'both-local-newer.txt',
    'both-remote-newer.txt',
    'both-new.txt',
  ];
  if (d === 'upload') {
    add([...LOCAL_NEW, ...GONE_REMOTELY], ['upload', 'new', null]);
    add(changed, ['upload', 'changed', null]);
    add([...REMOTE_NEW, ...GONE_LOCALLY], dm ? ['deleteRemote', 'gone', null] : null);
  } else if (d === 'download') {
    add([...REMOTE_NEW, ...GONE_LOCALLY], ['download', 'new', null]);
    add(changed, ['download', 'changed', null]);
    add([...LOCAL_NEW, ...GONE_REMOTELY], dm ? ['deleteLocal', 'gone', null] : null);
  } else {
    const ask = mode.conflicts === 'ask';
    add(LOCAL_NEW, ['upload', 'new', null]);
    add(GONE_REMOTELY, dm ? ['deleteLocal', 'gone', null] : ['upload', 'new', null]);
    add(REMOTE_NEW, ['download', 'new', null]);
    add(GONE_LOCALLY, dm ? ['deleteRemote', 'gone', null] : ['download', 'new', null]);
    add(LOCAL_CHANGED, ['upload', 'changed', null]);
    add(REMOTE_CHANGED, ['download', 'changed', null]);
    add(['both-local-newer.txt'], ['conflict', 'bothChanged', ask ? 'skip' : 'upload']);
    add(['both-remote-newer.txt'], ['conflict', 'bothChanged', ask ? 'skip' : 'download']);
    add(['both-new.txt'], ['conflict', 'differs', ask ? 'skip' : 'upload']);
  }
  return lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Both sides after a run of `lines`, from both sides before it. */
function applyPlan(lines: EntryLine[], local: Map<string, string>, remote: Map<string, string>): void {
  for (const [p, action, , resolution] of lines) {
    const way = action === 'conflict' ? resolution : action;
    if (way === 'upload') remote.set(p, local.get(p)!);
    else if (way === 'download') local.set(p, remote.get(p)!);
    else if (way === 'deleteRemote') remote.delete(p);
    else if (way === 'deleteLocal') local.delete(p);
  }
}

function expectCounts(summary: SyncPlanSummary, lines: EntryLine[]): void {
  const count = (action: string): number => lines.filter((l) => l[1] === action).length;
  expect({
    upload: summary.counts.upload.files,
    download: summary.counts.download.files,
    deleteRemote: summary.counts.deleteRemote.files,
    deleteLocal: summary.counts.deleteLocal.files,
    conflict: summary.counts.conflict.files,
  }).toEqual({
    upload: count('upload'),
    download: count('download'),
    deleteRemote: count('deleteRemote'),
    deleteLocal: count('deleteLocal'),
    conflict: count('conflict'),
  });
  expect(summary.sections).toEqual({
    changes: count('upload') + count('download'),
    deletions: count('deleteRemote') + count('deleteLocal'),
    conflicts: count('conflict'),
  });
  expect([summary.problems, summary.moreProblems, summary.ignored]).toEqual([[], 0, IGNORED_COUNT]);
}

/** Indices of the entries at these paths. */
const at = (entries: SyncEntry[], paths: string[]): number[] =>
  paths.map((p) => entries.find((e) => e.path === p)!.index);

/** The whole scenario for one mode, in its own folder and bucket folder. */
export async function runScenario(bed: SyncBed, name: string, mode: Mode): Promise<void> {
  const { h, sync, bucket } = bed;
  const prefix = `${name}/`;
  const local = await bed.folder(name);
  const t0 = Date.now() - HOUR;
  const later = Date.now() + 10 * 60_000;
  await writeTree(local, Object.fromEntries(Object.entries(BASE).map(([p, b]) => [p, { bytes: b, mtimeMs: t0 }])));
  await writeTree(local, IGNORED_LOCAL);
  for (const [p, bytes] of Object.entries({ ...BASE, ...IGNORED_REMOTE })) await h.put(bucket, prefix + p, bytes);

  const pair = await sync.createPair(
    { accountId: h.accountId, bucket, prefix, localFolder: local },
    { ...mode, ignore: USER_RULES },
  );
  const first = await sync.plan(pair.id);
  expect(entryLines(first.entries)).toEqual([]);
  expect([first.summary.unchanged, first.summary.fromIndex, first.summary.ignored]).toEqual([
    Object.keys(BASE).length,
    0,
    IGNORED_COUNT,
  ]);

  // Local changes: explicit times, so "newer" never depends on how fast the test runs.
  await writeTree(local, {
    'local-same-size.txt': { bytes: 'version 2\n', mtimeMs: later },
    'local-grown.txt': { bytes: 'v2, grown\n', mtimeMs: later },
    'both-local-newer.txt': { bytes: 'local change\n', mtimeMs: later },
    'both-remote-newer.txt': { bytes: 'local edit\n', mtimeMs: t0 + 5_000 },
    'both-new.txt': { bytes: 'local side\n', mtimeMs: later },
    'local-new.txt': 'new local\n',
    'local-new-empty.txt': '',
    [nfc('neu/naïve café ü.txt')]: 'unicode new\n',
  });
  await rm(path.join(local, 'local-deleted.txt'));
  await mkdir(path.join(local, 'renamed'));
  await rename(path.join(local, 'old-name.txt'), path.join(local, 'renamed', 'new name.txt'));
  // Remote changes, as another client makes them.
  const remote: Record<string, string> = {
    'remote-grown.txt': 'v2 remote, grown\n',
    'both-local-newer.txt': 'remote change!!\n',
    'both-remote-newer.txt': 'remote change, longer\n',
    'both-new.txt': 'remote side, other size\n',
    'remote-new.txt': 'new remote\n',
    'remote-new-empty.txt': '',
    [nfc('fern/größe 🚀.txt')]: 'unicode remote\n',
  };
  for (const [p, bytes] of Object.entries(remote)) await h.put(bucket, prefix + p, bytes);
  await h.sdk.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${prefix}remote-deleted.txt` }));

  let plan = await sync.plan(pair.id);
  let expected = expectedPlan(mode);
  expect(entryLines(plan.entries)).toEqual(expected);
  expectCounts(plan.summary, expected);
  expect([plan.summary.unchanged, plan.summary.fromIndex]).toEqual([UNCHANGED, UNCHANGED]);

  if (mode.conflicts === 'ask') {
    // One answer against "newer", one with it, one left unanswered.
    const answers: [string, SyncResolution][] = [
      ['both-local-newer.txt', 'download'],
      ['both-new.txt', 'upload'],
    ];
    let summary = plan.summary;
    for (const [p, resolution] of answers)
      summary = await sync.call('sync:resolve', { planId: summary.planId, indices: at(plan.entries, [p]), resolution });
    expected = expected.map((l) => {
      const answer = answers.find(([p]) => p === l[0]);
      return answer ? [l[0], l[1], l[2], answer[1]] : l;
    });
    plan = { summary, entries: await sync.pages(summary) };
    expect(entryLines(plan.entries)).toEqual(expected);
  }

  const localModel = await localHashes(local);
  const remoteModel = await remoteHashes(h, bucket, prefix);
  // Each entry shows the sides it is on, with the local file's size.
  expect(plan.entries.map((e) => [e.path, e.local !== null, e.remote !== null]).sort()).toEqual(
    plan.entries.map((e) => [e.path, localModel.has(e.path), remoteModel.has(e.path)]).sort(),
  );
  for (const e of plan.entries.filter((e) => e.local))
    expect(e.local?.size, e.path).toBe((await stat(path.join(local, ...e.path.split('/')))).size);
  applyPlan(expected, localModel, remoteModel);
  const run = await sync.run(pair.id, plan.summary.planId);
  const moved = (way: string): number =>
    expected.filter(([, a, , r]) => a === way || (a === 'conflict' && r === way)).length;
  expect(run).toMatchObject(
    cleanRun({
      uploaded: moved('upload'),
      downloaded: moved('download'),
      deletedRemote: moved('deleteRemote'),
      deletedLocal: moved('deleteLocal'),
      watch: false,
    }),
  );
  expect(sorted(await localHashes(local))).toEqual(sorted(localModel));
  expect(sorted(await remoteHashes(h, bucket, prefix))).toEqual(sorted(remoteModel));
  // A downloaded file takes its object's time as listed (ms), so size+time compares see it in step.
  const listed = await h.sdk.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const times = new Map((listed.Contents ?? []).map((o) => [o.Key!.slice(prefix.length), o.LastModified!.getTime()]));
  for (const [p] of expected.filter(([, a, , r]) => a === 'download' || (a === 'conflict' && r === 'download'))) {
    const mtimeMs = (await stat(path.join(local, ...p.split('/')))).mtimeMs;
    expect(Math.abs(mtimeMs - times.get(p)!), p).toBeLessThan(1);
  }

  const again = await sync.plan(pair.id);
  const left = expected.filter(([, a, , r]) => a === 'conflict' && r === 'skip');
  expect(entryLines(again.entries)).toEqual(left);
  expect(again.summary.fromIndex).toBe(again.summary.unchanged);
}
