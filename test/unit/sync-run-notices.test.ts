/** A run's summary as the page words it: what changed during the run, what was kept, what failed. */
import { describe, expect, it } from 'vitest';
import type { SyncRunSummary } from '../../shared/sync';
import { i18n } from '../../renderer/src/i18n';
import { runNotices } from '../../renderer/src/view-model/sync-format';

const run = (over: Partial<SyncRunSummary>): SyncRunSummary => ({
  startedAt: '2026-12-06T10:00:00.000Z',
  finishedAt: '2026-12-06T10:00:05.000Z',
  uploaded: 0,
  downloaded: 0,
  deletedRemote: 0,
  deletedLocal: 0,
  failed: 0,
  changedDuringRun: [],
  keptLocal: [],
  failures: [],
  cancelled: false,
  watch: false,
  ...over,
});

const notices = (summary: SyncRunSummary, lng: 'en' | 'de' = 'en'): string[] =>
  runNotices(summary, i18n.getFixedT(lng, 'sync'));

describe('sync run notices', () => {
  it('say nothing for a clean run', () => {
    expect(notices(run({ uploaded: 3 }))).toEqual([]);
  });

  it('name the files that changed during the run, three and how many more', () => {
    expect(notices(run({ changedDuringRun: ['a.txt'] }))).toEqual([
      '1 file changed while it was synced and was not recorded as in sync: a.txt. Compare again to sync it.',
    ]);
    const [changed] = notices(run({ changedDuringRun: ['a', 'b', 'c', 'd', 'e'] }));
    expect(changed).toContain('5 files changed');
    expect(changed).toContain('a, b, c and 2 more');
  });

  it('say which local files were kept, what failed and that the run was cancelled', () => {
    expect(
      notices(
        run({
          cancelled: true,
          keptLocal: ['notes.md'],
          failed: 2,
          failures: [{ path: 'old.bin', message: 'Access denied.' }],
        }),
      ),
    ).toEqual([
      'The sync was cancelled: compare again to see what is left.',
      '1 file here was not deleted because it changed since the comparison: notes.md.',
      'Not done: old.bin (Access denied). Failed transfers are listed in Transfers.',
    ]);
  });

  it('point to Transfers when only transfers failed', () => {
    expect(notices(run({ failed: 1 }))).toEqual([
      'Failed transfers are listed in Transfers; compare again to retry them.',
    ]);
  });

  it('speak German', () => {
    expect(notices(run({ changedDuringRun: ['a.txt', 'b.txt'] }), 'de')).toEqual([
      '2 Dateien haben sich während der Synchronisierung geändert und wurden nicht als synchron vermerkt: a.txt, b.txt. Vergleichen Sie erneut, um sie zu synchronisieren.',
    ]);
  });
});
